// Numbered, forward-only migrations. Each runs in the transaction that records
// its version, so a crash leaves the database at N or N+1, never in between.
import type Database from 'better-sqlite3';
import { initial } from './001_initial';
import { scanning } from './002_scanning';
import { catalogueVersion } from './003_catalogue_version';
import { stockCounts } from './004_stock_counts';
import { countSelection } from './005_count_selection';
import { countTallies } from './006_count_tallies';
import { sessionsAndLogins } from './007_sessions_and_logins';
import { orders } from './009_orders';
import { dispatch } from './010_dispatch';
import { loading } from './013_loading';
import { delivery } from './014_delivery';
import { damage } from './015_damage';
import { returns } from './016_returns';
import { analyses } from './019_analyses';
import { periodFigures } from './020_period_figures';
import { attachmentBytes } from './025_attachment_bytes';
import { complaints } from './026_complaints';
import { calls } from './027_calls';
import { quality } from './031_quality';
import { edr } from './036_edr';
import { customerValue } from './040_customer_value';
import { edrFolder } from './043_edr_folder';
import { kpiTargets } from './021_kpi_targets';
import { surveys } from './041_surveys';

export type Migration = {
  version: number;
  name: string;
  sql: string;
  /**
   * Data that moves with the schema change, run after `sql` in the same
   * transaction, given the data folder (absent for an in-memory database).
   */
  data?: (db: Database.Database, dataDir: string) => void;
  /** PostgreSQL's text where translating `sql` (../pgTranslate.ts) is not enough. */
  pg?: string;
};

export const migrations: readonly Migration[] = [
  initial,
  scanning,
  catalogueVersion,
  stockCounts,
  countSelection,
  countTallies,
  sessionsAndLogins,
  orders,
  dispatch,
  loading,
  delivery,
  damage,
  returns,
  analyses,
  periodFigures,
  kpiTargets,
  attachmentBytes,
  complaints,
  calls,
  quality,
  edr,
  customerValue,
  surveys,
  edrFolder,
];

export const latestVersion = migrations.reduce((v, m) => Math.max(v, m.version), 0);
