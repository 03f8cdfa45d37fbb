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
