// Electron's fuses, as electron-builder flips them in the packaged binary.
// Packaging cannot run here, so the config is the proof: a fuse missing,
// misspelt (electron-builder would ignore it) or set the wrong way fails.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';

const root = path.resolve(__dirname, '../../..');
const require = createRequire(import.meta.url);
const config = YAML.parse(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as {
  electronFuses?: Record<string, unknown> | null;
  asar?: boolean;
};

/** The fuses the security checklist requires, and the value each must have. */
const required: Record<string, boolean> = {
  // ELECTRON_RUN_AS_NODE would turn the signed binary into a plain Node.
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  onlyLoadAppFromAsar: true,
  enableEmbeddedAsarIntegrityValidation: true,
  enableCookieEncryption: true,
  // The renderer comes from app://cangwu/, so file:// needs no extra privileges.
  grantFileProtocolExtraPrivileges: false,
};

describe('electron-builder.yml electronFuses', () => {
  it.each(Object.entries(required))('sets %s to %s', (fuse, value) => {
    expect(config.electronFuses, 'electronFuses is missing').toBeTruthy();
    expect(config.electronFuses?.[fuse], fuse).toBe(value);
  });

  it('uses only fuse names electron-builder knows (a misspelt one would be silently ignored)', () => {
    const scheme = require('app-builder-lib/scheme.json') as {
      definitions: { FuseOptionsV1: { properties: Record<string, unknown> } };
    };
    const known = Object.keys(scheme.definitions.FuseOptionsV1.properties);
    for (const fuse of [...Object.keys(required), ...Object.keys(config.electronFuses ?? {})]) {
      expect(known, fuse).toContain(fuse);
    }
  });

  it('keeps the app in an asar, which onlyLoadAppFromAsar and the integrity check need', () => {
    expect(config.asar).not.toBe(false);
  });
});
