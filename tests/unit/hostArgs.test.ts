// The Electron host's two pure decisions: which data folder, and whether an
// IPC sender or a navigation target is our own page.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { dataDirFromArgv, isAppIndexUrl } from '../../electron/hostArgs';

describe('dataDirFromArgv', () => {
  it('reads --data-dir DIR and --data-dir=DIR, resolved against the working directory', () => {
    expect(dataDirFromArgv(['electron', '.', '--data-dir', 'w1'], '/srv')).toBe(path.resolve('/srv/w1'));
    expect(dataDirFromArgv(['electron', '.', '--data-dir=/data/w2'], '/srv')).toBe(path.resolve('/data/w2'));
  });

  it('is null without the flag or without a value', () => {
    expect(dataDirFromArgv(['electron', '.', '--no-sandbox'])).toBeNull();
    expect(dataDirFromArgv(['electron', '.', '--data-dir'])).toBeNull();
    expect(dataDirFromArgv(['electron', '.', '--data-dir='])).toBeNull();
  });
});

describe('isAppIndexUrl', () => {
  // An install path with a space and CJK, as electron-builder produces from the product name.
  const index = path.resolve('/opt/Cangwu 仓务/resources/app.asar/dist/renderer/index.html');
  const url = pathToFileURL(index).href;

  it('accepts our index page, with or without a route', () => {
    expect(isAppIndexUrl(url, index)).toBe(true);
    expect(isAppIndexUrl(`${url}#/counts/12`, index)).toBe(true);
    expect(isAppIndexUrl(`${url}?lang=en`, index)).toBe(true);
  });

  it('refuses other files, other schemes and garbage', () => {
    expect(isAppIndexUrl(pathToFileURL(path.resolve('/tmp/index.html')).href, index)).toBe(false);
    expect(isAppIndexUrl(pathToFileURL(`${index}.evil`).href, index)).toBe(false);
    expect(isAppIndexUrl('https://example.com/index.html', index)).toBe(false);
    expect(isAppIndexUrl('file://evil.example/opt/index.html', index)).toBe(false);
    expect(isAppIndexUrl('about:blank', index)).toBe(false);
    expect(isAppIndexUrl('not a url', index)).toBe(false);
  });
});
