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
    last_active_at: string | null;
  };
  login_throttle: {
    key: string;
    username: string | null;
    address: string;
    failures: number;
    locked_until: string | null;
    last_failure_at: string;
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
  count_sessions: {
    id: Generated<number>;
    number: string;
    state: string;
    blind: number;
    scope: string;
    tolerance_units: number | null;
    tolerance_fen: number | null;
    note: string;
    created_by: number;
    created_at: string;
    started_by: number | null;
    started_at: string | null;
    snapshot_movement_id: number | null;
    counting_finished_at: string | null;
    operator_confirmed_by: number | null;
    operator_confirmed_at: string | null;
    keeper_confirmed_by: number | null;
    keeper_confirmed_at: string | null;
    closed_at: string | null;
    cancelled_reason: string | null;
    lock_bins: Generated<number>;
  };
  count_selection: {
    session_id: number;
    product_id: number;
    abc_class: string;
    issue_value_fen: number;
    window_from: string;
    window_to: string;
  };
  count_counters: { id: Generated<number>; session_id: number; user_id: number; zone_id: number | null };
  count_lines: {
    id: Generated<number>;
    session_id: number;
    product_id: number;
    location_id: number;
    status: string;
    snapshot_qty: number;
    expected: number;
    round: Generated<number>;
    recount_by: number | null;
    cause: string | null;
    cause_note: Generated<string>;
  };
  count_entries: {
    id: Generated<number>;
    line_id: number;
    round: number;
    user_id: number;
    kind: string;
    qty: number;
    ledger_position: number;
    scan_id: number | null;
    at: string;
  };
  /** Kept by triggers on count_entries (migration 6): each counter's running count per line and round. */
  count_tallies: {
    line_id: number;
    round: number;
    user_id: number;
    qty: number;
    position: number;
    at: string;
    last_entry_id: number;
  };
  count_stations: { station: string; session_id: number; user_id: number; at: string };
  adjustment_forms: {
    id: Generated<number>;
    number: string;
    kind: string;
    session_id: number | null;
    state: string;
    note: string;
    created_by: number;
    created_at: string;
    submitted_by: number | null;
    submitted_at: string | null;
    decided_by: number | null;
    decided_at: string | null;
    comment: string | null;
    document_id: number | null;
  };
  adjustment_lines: {
    id: Generated<number>;
    form_id: number;
    line_no: number;
    count_line_id: number | null;
    product_id: number;
    status: string;
    location_id: number;
    qty: number;
    unit_cost_fen: number;
    cause: string;
    note: string;
  };
};

/** The database handle services use: the root or a transaction, same API. */
export type Db = Kysely<DB> | Transaction<DB>;
