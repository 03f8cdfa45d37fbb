// The EDR written to a folder on the host (issue 17 §2): each log row of an
// export written there records the file's full path (null for a file the
// operator saved from the browser). The folder itself is a setting
// (settings key 'edr.folder', electron/core/edr/folder.ts).
import type { Migration } from './index';

export const edrFolder: Migration = {
  version: 43,
  name: 'edr_folder',
  sql: `
ALTER TABLE edr_exports ADD COLUMN path TEXT;
`,
};
