// electron-builder cannot run here (it downloads Electron), so these checks
// catch the packaging mistakes that would only show on a release machine: an
// invalid config, a missing icon, a native addon bundled or packed into the asar.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';

const root = path.resolve(__dirname, '../..');
const require = createRequire(import.meta.url);
const ymlText = fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
const config = YAML.parse(ymlText) as {
  appId: string;
  asarUnpack: string[];
  npmRebuild: boolean;
  linux: { target: string[]; icon: string; category: string; maintainer: string };
  win: { target: string[]; icon: string };
  directories: { output: string };
};
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
};

/** Width and height from a PNG's IHDR chunk. */
function pngSize(buf: Buffer): { width: number; height: number } {
  expect(buf.subarray(1, 4).toString('ascii')).toBe('PNG');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/** The package.json of `name` as resolved from `fromDir` (node_modules lookup upwards). */
function findPackageDir(name: string, fromDir: string): string | null {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === path.dirname(dir)) return null;
  }
}

function shipsNativeCode(dir: string): boolean {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { gypfile?: boolean };
  return (
    manifest.gypfile === true ||
    fs.existsSync(path.join(dir, 'binding.gyp')) ||
    fs.existsSync(path.join(dir, 'prebuilds'))
  );
}

/** The packages in `name`'s production dependency closure that carry a native addon. */
function nativePackagesUnder(name: string): string[] {
  const found: string[] = [];
  const seen = new Set<string>();
  const visit = (dep: string, fromDir: string) => {
    const dir = findPackageDir(dep, fromDir);
    if (!dir || seen.has(dir)) return;
    seen.add(dir);
    if (shipsNativeCode(dir)) found.push(dep);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    for (const child of Object.keys(manifest.dependencies ?? {})) visit(child, dir);
  };
  visit(name, root);
  return found;
}

const nativeDependencies = Object.keys(pkg.dependencies).filter((d) => nativePackagesUnder(d).length > 0);

describe('electron-builder.yml', () => {
  it('is a configuration electron-builder accepts', { timeout: 30_000 }, async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(c: unknown, logger: { isEnabled: boolean; add(): void }): Promise<void>;
    };
    await expect(validateConfiguration(config, { isEnabled: false, add() {} })).resolves.toBeUndefined();
  });

  it('names the app com.cangwu.console and writes to release/', () => {
    expect(config.appId).toBe('com.cangwu.console');
    expect(config.directories.output).toBe('release');
  });

  it('builds an AppImage and a .deb for Linux and an NSIS installer for Windows', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.linux.category).toBe('Office');
    expect(config.linux.maintainer).toBeTruthy();
    expect(config.win.target).toContain('nsis');
  });

  it('has the icons on disk: a Linux set with 256 and 512 px, and a Windows .ico with a 256 px image', () => {
    const linuxDir = path.join(root, config.linux.icon);
    expect(pngSize(fs.readFileSync(path.join(linuxDir, '256x256.png')))).toEqual({ width: 256, height: 256 });
    expect(pngSize(fs.readFileSync(path.join(linuxDir, '512x512.png')))).toEqual({ width: 512, height: 512 });
    expect(pngSize(fs.readFileSync(path.join(linuxDir, 'icon.png')))).toEqual({ width: 512, height: 512 });

    const ico = fs.readFileSync(path.join(root, config.win.icon));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => {
      const entry = 6 + 16 * i;
      const size = ico[entry] === 0 ? 256 : ico[entry]!;
      const offset = ico.readUInt32LE(entry + 12);
      const bytes = ico.readUInt32LE(entry + 8);
      // Each image is a whole PNG of the size its directory entry claims.
      expect(pngSize(ico.subarray(offset, offset + bytes)).width).toBe(size);
      return size;
    });
    expect(sizes).toContain(256);
  });

  it('unpacks every .node addon from the asar and rebuilds native dependencies for Electron', () => {
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.npmRebuild).toBe(true);
  });

  it('finds the native dependencies it is meant to guard', () => {
    // If this fails the scan is broken, not the packaging.
    expect(nativeDependencies).toEqual(expect.arrayContaining(['better-sqlite3', 'serialport']));
  });

  it('lists every native dependency in its "# native:" line', () => {
    const line = /^# native: (.+)$/m.exec(ymlText);
    expect(line, 'electron-builder.yml needs a "# native: a, b" comment').not.toBeNull();
    const listed = line![1]!.split(',').map((s) => s.trim());
    expect(listed.sort()).toEqual([...nativeDependencies].sort());
  });

  it('packs the built app: dist/, package.json and resources/, and package.json main points into dist/', () => {
    const files = (YAML.parse(ymlText) as { files: string[] }).files;
    expect(files).toEqual(expect.arrayContaining(['dist/**/*', 'package.json', 'resources/**/*', '!tests/**']));
    expect(pkg.main).toBe('dist/electron/main.cjs');
  });
});

describe('scripts/build.mjs', () => {
  it('keeps every native dependency (and electron) out of the bundles', async () => {
    const { nodeExternals } = await import('../../scripts/build.mjs');
    // esbuild externals: exact names or a single trailing/leading `*` wildcard.
    const isExternal = (name: string) =>
      nodeExternals.some((p) => p === name || (p.endsWith('/*') && name.startsWith(p.slice(0, -1))));
    for (const dep of ['electron', ...nativeDependencies]) expect(isExternal(dep), dep).toBe(true);
    for (const dep of nativeDependencies) {
      for (const inner of nativePackagesUnder(dep)) expect(isExternal(inner) || isExternal(dep), inner).toBe(true);
    }
    expect(nodeExternals).toContain('*.node');
  });
});
