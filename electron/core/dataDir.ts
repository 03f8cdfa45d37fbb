// Where the database lives when no --data-dir is given: the OS user-data
// folder. The Electron host, the station host and the CLI must agree on it, so
// it is computed here rather than by Electron's app name.
import fs from 'node:fs';
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

/** The file in a data folder naming the PostgreSQL server its hosts use (one line, a postgres:// URL). */
export const databaseSettingFile = 'database.url';

/**
 * The PostgreSQL server a host of this data folder uses, or undefined for the
 * SQLite file there (issue 15 §1, one setting): CANGWU_DATABASE_URL, else the
 * folder's database.url file — what the desktop app is configured by, since it
 * takes no command line; `--database` on the command line comes before both.
 */
export function configuredDatabase(dataDir: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.CANGWU_DATABASE_URL) return env.CANGWU_DATABASE_URL;
  try {
    const url = fs.readFileSync(path.join(dataDir, databaseSettingFile), 'utf8').trim();
    return url === '' ? undefined : url;
  } catch {
    return undefined;
  }
}
