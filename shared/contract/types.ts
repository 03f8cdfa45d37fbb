// Reply and event payload types. Dates are ISO-8601 UTC strings on the wire.
import type { DocumentState, DocumentType, Locale, LocationKind, MovementType, Role, StockStatus } from '../domain';

export type UserView = {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  locale: Locale;
  active: boolean;
};

/** users.list: the administrator sees who is locked out (at some client address, until when) and who is disabled. */
export type UserRow = UserView & {
  lockedUntil: string | null;
  /** May force a dispatch assignment beyond a vehicle's capacity (issue 12; granted by the administrator). */
  dispatchOverride: boolean;
};

export type SessionView = { token: string; user: UserView; station: string };

export type SetupStatus = {
  initialized: boolean;
  demo: boolean;
  station: string;
  /** First run from another machine: the one-time code the station host printed is needed. */
  setupCodeRequired: boolean;
  /** Demo data (whose passwords are public) served beyond this machine: the screens warn. */
  demoOnNetwork: boolean;
  /** The warehouse's time zone (IANA): every time the console shows is in it, not the browser's. */
  timeZone: string;
};

export type DemoLogin = { username: string; password: string; pin?: string; roles: Role[] };

export type ProductView = {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  spec: string;
  unit: string;
  casePack: number;
  /** Grams per unit, for order and load weights; null when not known. */
  unitWeightG: number | null;
  /** null for roles that are not shown costs (salesperson, dispatcher). */
  unitCostFen: number | null;
  category: string;
  active: boolean;
  /** R13: an old code links to the code that replaced it; stock stays apart. */
  replacedByCode: string | null;
  unitBarcode: string | null;
  caseBarcode: string | null;
};

export type LocationView = {
  id: number;
  code: string;
  name: string;
  kind: LocationKind;
  parentId: number | null;
  path: string;
};

export type BalanceRow = {
  productId: number;
  productCode: string;
  productNameZh: string;
  productNameEn: string;
  category: string;
  unit: string;
  oldCode: boolean;
  status: StockStatus;
  locationId: number;
  locationCode: string;
  qty: number;
  /** null (with amountFen) for roles that are not shown costs (salesperson, dispatcher). */
  unitCostFen: number | null;
  amountFen: number | null;
};

export type MovementRow = {
  id: number;
  at: string;
  type: MovementType;
  documentId: number;
  documentNo: string;
  productId: number;
  productCode: string;
  productNameZh: string;
  productNameEn: string;
  status: StockStatus;
  locationCode: string;
  qty: number;
  /** null for roles that are not shown costs (salesperson, dispatcher). */
  amountFen: number | null;
  userName: string;
};

export type Paged<T> = { rows: T[]; total: number };

export type ReceiptRow = {
  id: number;
  documentNo: string;
  deliveryNote: string;
  supplier: string;
  arrivedAt: string;
  postedAt: string;
  /** Minutes from physical arrival to posting (R7: limit 120). */
  postingDelayMinutes: number;
  late: boolean;
  lineCount: number;
  totalQty: number;
  /** null for roles that are not shown costs (salesperson, dispatcher). */
  totalAmountFen: number | null;
  userName: string;
  state: DocumentState;
  reversed: boolean;
};

export type DocumentView = {
  id: number;
  documentNo: string;
  type: DocumentType;
  state: DocumentState;
  postedAt: string | null;
  reversedBy: number | null;
};

export type AuditRow = {
  id: number;
  at: string;
  userName: string;
  request: string;
  entity: string;
  entityId: string;
  before: string | null;
  after: string | null;
};

export type ImportRowError = { line: number; reason: string; field?: string };
export type ImportReport = { imported: number; updated: number; errors: ImportRowError[] };
