// Where the database lives when no --data-dir is given: the OS user-data
// folder. The Electron host, the station host and the CLI must agree on it, so
// it is computed here rather than by Electron's app name.
import os from 'node:os';
import path from 'node:path';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (env.CANGWU_DATA_DIR) return env.CANGWU_DATA_DIR;
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Cangwu');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Cangwu');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'cangwu');
}
