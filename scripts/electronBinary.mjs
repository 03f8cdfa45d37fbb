// Where the Electron executable is, without `require('electron')`: that
// module's index.js downloads the binary when it is missing, and on a machine
// that cannot reach GitHub it throws instead. We only look.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The absolute path of the Electron binary installed under `root`, or null if
 * it was never downloaded. Mirrors node_modules/electron/index.js: path.txt
 * names the executable inside dist/, and ELECTRON_OVERRIDE_DIST_PATH replaces
 * that dist/ folder.
 */
export function findElectronBinary(root, env = process.env) {
  const pkgDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkgDir, 'path.txt');
  let executable = null;
  try {
    executable = readFileSync(pathFile, 'utf8').trim() || null;
  } catch {
    // No path.txt: the postinstall download never ran or failed.
  }
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidate = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, executable ?? 'electron');
    return existsSync(candidate) ? candidate : null;
  }
  if (!executable) return null;
  const candidate = path.join(pkgDir, 'dist', executable);
  return existsSync(candidate) ? candidate : null;
}
