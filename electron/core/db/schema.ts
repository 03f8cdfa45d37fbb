// Kysely table types. Column names are snake_case as stored; times are ISO-8601
// UTC text, quantities integer base units, money integer fen, booleans 0/1.
import type { Generated, Kysely, Transaction } from 'kysely';

export type DB = {
  schema_migrations: { version: number; name: string; applied_at: string };
  settings: { key: string; value: string };
  catalogue_version: { id: number; token: number };
  users: {
    id: Generated<number>;
    username: string;
    display_name: string;
    password_hash: string | null;
    pin_hash: string | null;
    locale: string;
    active: number;
    failed_logins: number;
    locked_until: string | null;
    created_at: string;
  };
  user_roles: { user_id: number; role: string };
  sessions: {
    token_hash: string;
    user_id: number;
    station: string;
    created_at: string;
    expires_at: string;
  };
  products: {
    id: Generated<number>;
    code: string;
    name_zh: string;
    name_en: string;
    spec: string;
    unit: string;
    case_pack: number;
    unit_cost_fen: number;
    category: string;
    active: number;
    replaced_by_id: number | null;
    created_at: string;
    updated_at: string;
  };
  barcodes: { code: string; product_id: number; level: string; units: number };
  locations: { id: Generated<number>; code: string; name: string; kind: string; parent_id: number | null };
  documents: {
    id: Generated<number>;
    type: string;
    number: string;
    state: string;
    idempotency_key: string;
    created_by: number;
    created_at: string;
    posted_at: string | null;
    reverses_id: number | null;
    note: string | null;
  };
  document_counters: { type: string; day: string; last: number };
  movements: {
    id: Generated<number>;
    document_id: number;
    type: string;
    product_id: number;
    status: string;
    location_id: number;
    qty: number;
    unit_cost_fen: number;
    at: string;
    user_id: number;
  };
  balances: { product_id: number; status: string; location_id: number; qty: number };
  receipts: {
    document_id: number;
    delivery_note: string;
    supplier: string;
    arrived_at: string;
    posted_at: string;
    delay_minutes: number;
  };
  audit_log: {
    id: Generated<number>;
    at: string;
    user_id: number | null;
    request: string;
    entity: string;
    entity_id: string;
    before: string | null;
    after: string | null;
  };
  customers: { id: Generated<number>; code: string; name: string; area: string; route: string; phone: string };
  vehicles: {
    id: Generated<number>;
    plate: string;
    driver_name: string;
    driver_phone: string;
    capacity_cases: number;
    capacity_kg: number;
    area: string;
  };
  scanners: {
    id: Generated<number>;
    name: string;
    station: string;
    port: string | null;
    usb_vendor_id: string | null;
    usb_product_id: string | null;
    baud_rate: number;
    data_bits: number;
    parity: string;
    stop_bits: number;
    terminator: string;
    idle_ms: number;
    prefix: string;
    suffix: string;
    enabled: number;
  };
  scan_log: {
    id: Generated<number>;
    at: string;
    station: string;
    source_kind: string;
    source_name: string;
    raw: string;
    symbology: string | null;
    decoded: string | null;
    outcome: string;
    reason: string | null;
    resolution: string | null;
    task: string;
    user_id: number | null;
    undoes_id: number | null;
  };
  station_tasks: { station: string; task: string; state: string; updated_at: string };
};

/** The database handle services use: the root or a transaction, same API. */
export type Db = Kysely<DB> | Transaction<DB>;
