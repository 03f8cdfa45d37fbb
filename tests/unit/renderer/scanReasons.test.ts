// Every reason a scan can carry — decode errors, frame faults, the pipeline's
// and the tasks' refusals — reads as a sentence in both languages (issue 4:
// "each decode failure has a code … shown translated and kept in the scan log").
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DecodeErrorCode } from '../../../shared/barcode/decode';
import { scanOutcomes, scanSourceKinds, scannerTerminators, taskKinds } from '../../../shared/contract/scanning';
import { locales } from '../../../shared/domain';
import type { FrameFault } from '../../../electron/core/scanner/serial/framer';
import { resources, type Messages } from '../../../renderer/locales';

const repo = path.resolve(__dirname, '../../..');

function lookup(messages: Messages, key: string): unknown {
  let node: unknown = messages;
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return node;
}
const translated = (locale: (typeof locales)[number], ns: 'errors' | 'scan', key: string) => {
  const v = lookup(resources[locale][ns], key);
  return typeof v === 'string' && v.trim() !== '';
};

// Exhaustive by type: a new decode error or frame fault fails the typecheck here until it is listed.
const decodeErrors = Object.keys({
  'decode.empty': true,
  'decode.badCheckDigit': true,
  'decode.unknownAi': true,
  'decode.badDate': true,
  'decode.truncated': true,
  'decode.badLength': true,
  'decode.badCharacter': true,
} satisfies Record<DecodeErrorCode, true>);
const frameFaults = Object.keys({
  'frame.binary': true,
  'frame.tooLong': true,
  'frame.partialAtClose': true,
} satisfies Record<FrameFault, true>);

function tsFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Reason codes written as literals anywhere in the scan pipeline and the decoder. */
function codesInSource(): string[] {
  const files = ['electron/core/scanner', 'shared/barcode'].flatMap((d) => tsFiles(path.join(repo, d)));
  const codes = new Set<string>();
  for (const f of files)
    for (const m of fs.readFileSync(f, 'utf8').matchAll(/'((?:scan|frame|decode)\.[A-Za-z]+)'/g)) codes.add(m[1]!);
  return [...codes].sort();
}

describe('scan reasons', () => {
  it.each([...decodeErrors, ...frameFaults])('%s is translated in both locales', (code) => {
    for (const l of locales) expect(translated(l, 'errors', code), `${l} errors:${code}`).toBe(true);
  });

  it('every reason code the pipeline, the tasks and the decoder use is translated', () => {
    const codes = codesInSource();
    expect(codes).toEqual(expect.arrayContaining(['scan.duplicate', 'scan.unknownBarcode']));
    const missing = codes.flatMap((c) => locales.filter((l) => !translated(l, 'errors', c)).map((l) => `${l} ${c}`));
    expect(missing).toEqual([]);
  });

  it.each(['scan.duplicate', 'scan.unknownBarcode', 'scan.noTask'])('%s is translated in both locales', (code) => {
    for (const l of locales) expect(translated(l, 'errors', code)).toBe(true);
  });
});

describe('scan words', () => {
  it.each(scanOutcomes)('outcome %s has a label', (o) => {
    for (const l of locales) expect(translated(l, 'scan', `outcome.${o}`)).toBe(true);
  });
  it.each(scanSourceKinds)('source %s has a label', (s) => {
    for (const l of locales) expect(translated(l, 'scan', `source.${s}`)).toBe(true);
  });
  it.each(scannerTerminators)('terminator %s has a label', (x) => {
    for (const l of locales) expect(translated(l, 'scan', `terminator.${x}`)).toBe(true);
  });
  it.each(taskKinds)('task %s has a label', (x) => {
    for (const l of locales) expect(translated(l, 'scan', `task.${x}`)).toBe(true);
  });
  it.each(['connecting', 'connected', 'disconnected', 'disabled'])('scanner state %s has a label', (x) => {
    for (const l of locales) expect(translated(l, 'scan', `state.${x}`)).toBe(true);
  });
  it('the status bar says "scanner disconnected" with the scanner name', () => {
    expect(lookup(resources['zh-CN'].scan, 'status.disconnected')).toBe('扫描枪已断开：{{name}}');
    expect(lookup(resources.en.scan, 'status.disconnected')).toBe('Scanner disconnected: {{name}}');
  });
});
