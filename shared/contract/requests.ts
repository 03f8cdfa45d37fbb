// The contract: every request the console answers, with its input schema,
// its reply type and who may make it. Hosts (Electron IPC, the station host's
// WebSocket, the CLI) reach the core only through these names.
import { z } from 'zod';
import { backupsRequests } from './backups';
import { databaseSettingsRequests } from './databaseSettings';
import { schedulesRequests } from './schedules';
import { maxQuantity } from '../domain';
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
  signedQuantity,
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
import {
  abcClasses,
  adjustmentFormKinds,
  adjustmentFormStates,
  countAreas,
  countCauses,
  countSessionStates,
  type AdjustmentFormRow,
  type AdjustmentFormView,
  type CountKeeper,
  type CountScopePreview,
  type CountMeasures,
  type CountSessionRow,
  type CountSessionView,
  type CountSheet,
  type CountSheetLine,
  type ProductCountRow,
  type ReconcileLines,
  type ReconcileChange,
  type ReconcileView,
} from './counts';
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
  UserRow,
  UserView,
} from './types';
import { none, spec, type RequestSpec } from './spec';
import { ordersRequests } from './orders';
import { dispatchRequests } from './dispatch';
import { damageRequests, disposalKinds } from './damage';
import { returnsRequests } from './returns';
import { analysesRequests } from './analyses';
import { receivingRequests } from './receiving';
import { returnStationRequests } from './returns/station';
import { kpiRequests } from './kpi';
import { reportsRequests } from './reports';
import { callsRequests } from './calls';
import { complaintsRequests } from './complaints';
import { qualityRequests } from './quality';
import { edrRequests } from './edr';
import { surveyRequests } from './surveys';

export type { Access, RequestSpec } from './spec';
/** The station host's one-time first-run code (setup/setupGate.ts), as typed: dashes and spaces allowed. */
const setupCode = z.string().max(40);
const receiptLine = z
  .object({
    productId: id,
    status: stockStatus,
    locationId: id,
    qty: quantity,
    /** A damaged line's damage report (issue 13): its cause and suggestion; opened with the receipt. */
    damage: z
      .object({
        cause: z
          .string()
          .trim()
          .min(1)
          .max(40)
          .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'code'),
        causeNote: z.string().trim().max(1000).default(''),
        suggestion: z.enum(disposalKinds),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((l) => l.damage === undefined || l.status === 'damaged', {
    message: 'damageOnlyOnDamaged',
    path: ['damage'],
  });

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

// Stock count 盘点 (issue 5).
const countScope = z
  .object({
    area: z.enum(countAreas),
    locationIds: z.array(id).max(5000),
    categories: z.array(z.string().trim().min(1).max(100)).min(1).max(200).optional(),
    productIds: z.array(id).min(1).max(20_000).optional(),
    statuses: z.array(stockStatus).min(1).max(3).optional(),
    notCountedForDays: z.number().int().min(1).max(3650).optional(),
    abcClasses: z.array(z.enum(abcClasses)).min(1).max(3).optional(),
    topValueLines: z.number().int().min(1).max(100_000).optional(),
  })
  .strict();
const sessionRef = z.object({ sessionId: id }).strict();
const formRef = z.object({ formId: id }).strict();
const manualAdjustmentLine = z
  .object({
    productId: id,
    status: stockStatus,
    locationId: id,
    qty: signedQuantity.refine((q) => q !== 0, 'nonZero'),
    cause: z.enum(countCauses),
    note: optionalText,
  })
  .strict();
/** Who reads count sessions and forms. Book figures are still withheld from counters while blind. */
const countReaders = ['operator', 'warehouseKeeper', 'csManager', 'supervisor'] as const;
const countPlanners = ['operator', 'warehouseKeeper'] as const;

export const requests = {
  'setup.status': spec<SetupStatus>()({ input: none, access: 'public', write: false }),
  'setup.createAdmin': spec<SessionView>()({
    input: z.object({ username, displayName: name, password: secret.min(8), setupCode: setupCode.optional() }).strict(),
    access: 'public',
    write: true,
  }),
  'setup.loadDemo': spec<{ logins: DemoLogin[] }>()({
    input: z.object({ setupCode: setupCode.optional() }).strict(),
    access: 'public',
    write: true,
  }),
  'setup.demoLogins': spec<{ logins: DemoLogin[] }>()({ input: none, access: 'public', write: false }),

  // A read: scrypt runs outside any transaction; its bookkeeping writes in a short one of its own (auth.ts).
  'auth.login': spec<SessionView>()({
    input: z.object({ username: z.string().trim().min(1).max(32), secret: z.string().min(1).max(200) }).strict(),
    access: 'public',
    write: false,
  }),
  'auth.resume': spec<SessionView>()({
    input: z.object({ token: z.string().min(16).max(200) }).strict(),
    access: 'public',
    write: false,
  }),
  'auth.logout': spec<null>()({ input: none, access: 'any', write: true }),
  'auth.me': spec<SessionView>()({ input: none, access: 'any', write: false }),
  'auth.setLocale': spec<UserView>()({ input: z.object({ locale }).strict(), access: 'any', write: true }),

  'users.list': spec<UserRow[]>()({ input: none, access: ['admin'], write: false }),
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
  'users.unlock': spec<UserRow>()({ input: z.object({ userId: id }).strict(), access: ['admin'], write: true }),
  'users.setActive': spec<UserRow>()({
    input: z.object({ userId: id, active: z.boolean(), reason: name }).strict(),
    access: ['admin'],
    write: true,
  }),
  /** Hashes outside any transaction, then writes in a short one of its own (like auth.login). */
  'users.resetPassword': spec<UserRow>()({
    input: z.object({ userId: id, password: secret.min(8), reason: name }).strict(),
    access: ['admin'],
    write: false,
  }),
  'auth.changePassword': spec<SessionView>()({
    input: z.object({ oldPassword: z.string().min(1).max(200), newPassword: secret.min(8) }).strict(),
    access: 'any',
    write: false,
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
        unitWeightG: z.number().int().min(1).max(1_000_000_000).nullable().optional(),
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
  // A write (though it stores nothing): the station state it sends takes the
  // station's next view version, in order with the scans' transactions.
  'station.setQuantity': spec<StationState>()({
    input: z.object({ qty: quantity.nullable() }).strict(),
    access: 'any',
    write: true,
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

  'counts.plan': spec<CountSessionView>()({
    input: z
      .object({
        scope: countScope,
        counters: z
          .array(z.object({ userId: id, zoneId: id.nullable().optional() }).strict())
          .min(1)
          .max(100),
        blind: z.boolean().optional(),
        lockBins: z.boolean().optional(),
        toleranceUnits: z.number().int().min(0).max(maxQuantity).nullable().optional(),
        toleranceFen: amountFen.nullable().optional(),
        note: optionalText,
      })
      .strict(),
    access: countPlanners,
    write: true,
  }),
  'counts.start': spec<CountSessionView>()({ input: sessionRef, access: countPlanners, write: true }),
  'counts.list': spec<CountSessionRow[]>()({
    input: z
      .object({
        state: z.enum(countSessionStates).optional(),
        from: isoInstant.optional(),
        to: isoInstant.optional(),
        userId: id.optional(),
        search: z.string().trim().max(100).optional(),
        limit: z.number().int().min(1).max(1000).optional(),
      })
      .strict(),
    access: countReaders,
    write: false,
  }),
  'counts.get': spec<CountSessionView>()({ input: sessionRef, access: countReaders, write: false }),
  'counts.sheet': spec<CountSheet>()({
    input: z.object({ sessionId: id, locationId: id.optional() }).strict(),
    access: countPlanners,
    write: false,
  }),
  /** How many lines a scope would give if the count started now: the plan form shows it before saving. */
  'counts.preview': spec<CountScopePreview>()({
    input: z.object({ scope: countScope }).strict(),
    access: countPlanners,
    write: false,
  }),
  'counts.enter': spec<CountSheetLine>()({
    input: z
      .object({
        sessionId: id,
        productId: id,
        locationId: id,
        status: stockStatus.optional(),
        /** set: the counter's own count of the line is qty; add: qty more (negative corrects). */
        mode: z.enum(['set', 'add']),
        qty: signedQuantity,
      })
      .strict(),
    access: ['warehouseKeeper'],
    write: true,
  }),
  'counts.countAtStation': spec<StationState>()({ input: sessionRef, access: ['warehouseKeeper'], write: true }),
  'counts.finishCounting': spec<CountSessionView>()({ input: sessionRef, access: countPlanners, write: true }),
  'counts.reconcile': spec<ReconcileView>()({
    input: sessionRef,
    access: ['operator', 'warehouseKeeper', 'csManager'],
    write: false,
  }),
  /** The first lines of counts.reconcile in walking order, to paint a large count at once; no totals. */
  'counts.reconcileFirst': spec<ReconcileLines>()({
    input: z.object({ sessionId: id, limit: z.number().int().min(1).max(1000) }).strict(),
    access: ['operator', 'warehouseKeeper', 'csManager'],
    write: false,
  }),
  /** Some lines of the reconciliation, the totals and the session: what another window applies after an edit. */
  'counts.reconcileLines': spec<ReconcileChange>()({
    input: z.object({ sessionId: id, lineIds: z.array(id).min(1).max(5000) }).strict(),
    access: ['operator', 'warehouseKeeper', 'csManager'],
    write: false,
  }),
  'counts.requestRecount': spec<ReconcileChange>()({
    input: z.object({ sessionId: id, lineIds: z.array(id).min(1).max(5000), keeperId: id }).strict(),
    access: ['operator'],
    write: true,
  }),
  'counts.setCauses': spec<ReconcileChange>()({
    input: z
      .object({
        sessionId: id,
        lines: z
          .array(z.object({ lineId: id, cause: z.enum(countCauses).nullable(), note: optionalText }).strict())
          .min(1)
          .max(5000),
      })
      .strict(),
    access: countPlanners,
    write: true,
  }),
  'counts.confirm': spec<ReconcileView>()({
    input: z.object({ sessionId: id, as: z.enum(['operator', 'warehouseKeeper']).optional() }).strict(),
    access: countPlanners,
    write: true,
  }),
  'counts.cancel': spec<CountSessionView>()({
    input: z.object({ sessionId: id, reason: name }).strict(),
    access: ['operator'],
    write: true,
  }),
  /** The keepers a planner may name as counters or recounters (users.list is the administrator's). */
  'counts.keepers': spec<CountKeeper[]>()({ input: none, access: countPlanners, write: false }),
  'counts.productHistory': spec<ProductCountRow[]>()({
    input: z.object({ productId: id, limit: z.number().int().min(1).max(200).optional() }).strict(),
    access: countReaders,
    write: false,
  }),
  'counts.measures': spec<CountMeasures>()({
    input: z.object({ from: isoInstant, to: isoInstant }).strict(),
    access: ['operator', 'csManager', 'supervisor'],
    write: false,
  }),

  'adjustments.list': spec<AdjustmentFormRow[]>()({
    input: z
      .object({
        state: z.enum(adjustmentFormStates).optional(),
        kind: z.enum(adjustmentFormKinds).optional(),
        sessionId: id.optional(),
        limit: z.number().int().min(1).max(1000).optional(),
      })
      .strict(),
    access: countReaders,
    write: false,
  }),
  'adjustments.get': spec<AdjustmentFormView>()({ input: formRef, access: countReaders, write: false }),
  'adjustments.createManual': spec<AdjustmentFormView>()({
    input: z.object({ note: optionalText, lines: z.array(manualAdjustmentLine).min(1).max(500) }).strict(),
    access: ['operator'],
    write: true,
  }),
  'adjustments.updateManual': spec<AdjustmentFormView>()({
    input: z
      .object({ formId: id, note: optionalText, lines: z.array(manualAdjustmentLine).min(1).max(500).optional() })
      .strict(),
    access: ['operator'],
    write: true,
  }),
  'adjustments.submit': spec<AdjustmentFormView>()({ input: formRef, access: ['operator'], write: true }),
  'adjustments.approve': spec<AdjustmentFormView>()({
    input: z.object({ formId: id, comment: optionalText }).strict(),
    access: ['csManager'],
    write: true,
  }),
  'adjustments.reject': spec<AdjustmentFormView>()({
    input: z.object({ formId: id, comment: name }).strict(),
    access: ['csManager'],
    write: true,
  }),

  'audit.list': spec<Paged<AuditRow>>()({
    input: page.strict(),
    access: ['admin', 'csManager', 'supervisor'],
    write: false,
  }),

  ...ordersRequests,
  ...backupsRequests,
  ...databaseSettingsRequests,
  ...dispatchRequests,
  ...damageRequests,
  ...returnsRequests,
  ...analysesRequests,
  ...receivingRequests,
  ...returnStationRequests,
  ...schedulesRequests,
  ...kpiRequests,
  ...reportsRequests,
  ...callsRequests,
  ...complaintsRequests,
  ...qualityRequests,
  ...edrRequests,
  ...surveyRequests,
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
