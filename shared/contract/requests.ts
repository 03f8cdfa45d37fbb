// The contract: every request the console answers, with its input schema,
// its reply type and who may make it. Hosts (Electron IPC, the station host's
// WebSocket, the CLI) reach the core only through these names.
import { z } from 'zod';
import type { Role } from '../domain';
import {
  amountFen,
  code,
  id,
  idempotencyKey,
  isoInstant,
  locale,
  name,
  optionalText,
  page,
  quantity,
  role,
  secret,
  sortDirection,
  stockStatus,
  username,
} from './schemas';
import {
  scannerParities,
  scannerTerminators,
  taskKinds,
  type ScanView,
  type ScannerConfig,
  type ScannerStatus,
  type SerialPortInfo,
  type StationState,
} from './scanning';
import type {
  AuditRow,
  BalanceRow,
  DemoLogin,
  DocumentView,
  ImportReport,
  LocationView,
  MovementRow,
  Paged,
  ProductView,
  ReceiptRow,
  SessionView,
  SetupStatus,
  UserView,
} from './types';

/** `public`: no login needed; `any`: any logged-in user; else the roles listed. */
export type Access = 'public' | 'any' | readonly Role[];

export type RequestSpec<I extends z.ZodType = z.ZodType, R = unknown> = {
  input: I;
  access: Access;
  /** Reads run outside a write transaction; everything else runs in one. */
  write: boolean;
  /** Phantom: the reply type, for typing clients. */
  reply?: R;
};

const spec =
  <R>() =>
  <I extends z.ZodType>(s: { input: I; access: Access; write: boolean }): RequestSpec<I, R> =>
    s;

const none = z.object({}).strict();
const receiptLine = z
  .object({
    productId: id,
    status: stockStatus,
    locationId: id,
    qty: quantity,
  })
  .strict();

const scannerConfigInput = z
  .object({
    id: id.optional(),
    name: name.max(64),
    station: z.string().trim().min(1).max(64),
    port: z.string().trim().min(1).max(256).nullable(),
    usbVendorId: z
      .string()
      .regex(/^[0-9a-fA-F]{4}$/)
      .nullable(),
    usbProductId: z
      .string()
      .regex(/^[0-9a-fA-F]{4}$/)
      .nullable(),
    baudRate: z.number().int().min(300).max(921_600),
    dataBits: z.union([z.literal(7), z.literal(8)]),
    parity: z.enum(scannerParities),
    stopBits: z.union([z.literal(1), z.literal(2)]),
    terminator: z.enum(scannerTerminators),
    idleMs: z.number().int().min(5).max(2000),
    prefix: z.string().max(16),
    suffix: z.string().max(16),
    enabled: z.boolean(),
  })
  .strict()
  .refine((c) => c.port !== null || (c.usbVendorId !== null && c.usbProductId !== null), {
    message: 'portOrUsbId',
    path: ['port'],
  });

export const requests = {
  'setup.status': spec<SetupStatus>()({ input: none, access: 'public', write: false }),
  'setup.createAdmin': spec<SessionView>()({
    input: z.object({ username, displayName: name, password: secret.min(8) }).strict(),
    access: 'public',
    write: true,
  }),
  'setup.loadDemo': spec<{ logins: DemoLogin[] }>()({ input: none, access: 'public', write: true }),
  'setup.demoLogins': spec<{ logins: DemoLogin[] }>()({ input: none, access: 'public', write: false }),

  'auth.login': spec<SessionView>()({
    input: z.object({ username: z.string().trim().min(1).max(32), secret: z.string().min(1).max(200) }).strict(),
    access: 'public',
    write: true,
  }),
  'auth.resume': spec<SessionView>()({
    input: z.object({ token: z.string().min(16).max(200) }).strict(),
    access: 'public',
    write: false,
  }),
  'auth.logout': spec<null>()({ input: none, access: 'any', write: true }),
  'auth.me': spec<SessionView>()({ input: none, access: 'any', write: false }),
  'auth.setLocale': spec<UserView>()({ input: z.object({ locale }).strict(), access: 'any', write: true }),

  'users.list': spec<UserView[]>()({ input: none, access: ['admin'], write: false }),
  'users.create': spec<UserView>()({
    input: z
      .object({
        username,
        displayName: name,
        roles: z.array(role).min(1).max(7),
        password: secret.min(8).optional(),
        pin: z
          .string()
          .regex(/^\d{4,8}$/)
          .optional(),
      })
      .strict(),
    access: ['admin'],
    write: true,
  }),

  'products.list': spec<ProductView[]>()({ input: none, access: 'any', write: false }),
  'products.update': spec<ProductView>()({
    input: z
      .object({
        id,
        nameZh: name.optional(),
        nameEn: z.string().trim().max(200).optional(),
        spec: z.string().trim().max(200).optional(),
        unit: z.string().trim().min(1).max(20).optional(),
        casePack: quantity.optional(),
        unitCostFen: amountFen.optional(),
        category: z.string().trim().max(100).optional(),
        active: z.boolean().optional(),
      })
      .strict(),
    access: ['admin', 'operator'],
    write: true,
  }),
  'products.import': spec<ImportReport>()({
    input: z.object({ csv: z.string().max(20_000_000) }).strict(),
    access: ['admin', 'operator'],
    write: true,
  }),

  'locations.list': spec<LocationView[]>()({ input: none, access: 'any', write: false }),

  'stock.balances': spec<BalanceRow[]>()({
    input: z.object({ includeZero: z.boolean().optional() }).strict(),
    access: 'any',
    write: false,
  }),
  'stock.movements': spec<Paged<MovementRow>>()({
    input: page
      .extend({
        productId: id.optional(),
        sort: sortDirection.optional(),
      })
      .strict(),
    access: 'any',
    write: false,
  }),
  'stock.reverseDocument': spec<DocumentView>()({
    input: z.object({ documentId: id, reason: name, idempotencyKey }).strict(),
    access: ['operator', 'csManager'],
    write: true,
  }),

  'receipts.list': spec<ReceiptRow[]>()({ input: none, access: 'any', write: false }),
  'receipts.post': spec<ReceiptRow>()({
    input: z
      .object({
        deliveryNote: code,
        supplier: z.string().trim().max(200).optional(),
        arrivedAt: isoInstant,
        note: optionalText,
        lines: z.array(receiptLine).min(1).max(500),
        idempotencyKey,
      })
      .strict(),
    access: ['warehouseKeeper', 'operator'],
    write: true,
  }),

  // Scanning (issue 4). Serial scans arrive through the core's bridge; wedge
  // and typed scans from a window through scanner.submit. Both take the same pipeline.
  'scanner.list': spec<{ configs: ScannerConfig[]; status: ScannerStatus[] }>()({
    input: none,
    access: 'any',
    write: false,
  }),
  'scanner.ports': spec<SerialPortInfo[]>()({ input: none, access: ['admin'], write: false }),
  'scanner.save': spec<ScannerConfig>()({ input: scannerConfigInput, access: ['admin'], write: true }),
  'scanner.remove': spec<null>()({ input: z.object({ id }).strict(), access: ['admin'], write: true }),
  'scanner.submit': spec<ScanView>()({
    input: z
      .object({
        /** The characters as keyed; GS arrives as \u001d (a wedge's Ctrl+]) or not at all. */
        raw: z.string().min(1).max(4000),
        source: z.enum(['wedge', 'manual']),
        /** Per-client name for the scan log ("Browser 2"); the station comes from the session. */
        sourceName: z.string().trim().max(64).optional(),
      })
      .strict(),
    access: 'any',
    write: true,
  }),
  'station.state': spec<StationState>()({ input: none, access: 'any', write: false }),
  'station.setTask': spec<StationState>()({
    input: z.object({ task: z.enum(taskKinds) }).strict(),
    access: 'any',
    write: true,
  }),
  'station.setQuantity': spec<StationState>()({
    input: z.object({ qty: quantity.nullable() }).strict(),
    access: 'any',
    write: false,
  }),
  'station.undoLastScan': spec<StationState>()({ input: none, access: 'any', write: true }),
  'station.clearTask': spec<StationState>()({ input: none, access: 'any', write: true }),
  'scans.list': spec<Paged<ScanView>>()({
    input: page.extend({ station: z.string().max(64).optional() }).strict(),
    access: 'any',
    write: false,
  }),
  'barcodes.link': spec<ProductView>()({
    input: z
      .object({
        code: z
          .string()
          .trim()
          .regex(/^\d{8,14}$/),
        productId: id,
        level: z.enum(['unit', 'case']),
      })
      .strict(),
    access: ['admin', 'operator'],
    write: true,
  }),

  'audit.list': spec<Paged<AuditRow>>()({
    input: page.strict(),
    access: ['admin', 'csManager', 'supervisor'],
    write: false,
  }),
} as const satisfies Record<string, RequestSpec>;

export type Requests = typeof requests;
export type RequestName = keyof Requests;
export type RequestInput<N extends RequestName> = z.input<Requests[N]['input']>;
export type ParsedInput<N extends RequestName> = z.output<Requests[N]['input']>;
export type RequestReply<N extends RequestName> = Exclude<Requests[N]['reply'], undefined>;

export const requestNames = Object.keys(requests) as RequestName[];
export function isRequestName(n: unknown): n is RequestName {
  return typeof n === 'string' && Object.prototype.hasOwnProperty.call(requests, n);
}
