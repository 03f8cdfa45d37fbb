// Warehouse quality checks 仓库质量保证 / GMP 跟踪记录 (issue 17 §1): the
// manager's checklist, a record per zone and business day (or shift) filled
// by the keeper, corrective actions followed to done, the days missed and a
// monthly summary per zone.
import { z } from 'zod';
import { id } from '../schemas';
import { none, spec, type RequestSpec } from '../spec';
import { businessDate } from '../orders';

/** Everyone in the warehouse reads the checks. */
export const qualityReaders = [
  'csManager',
  'operator',
  'warehouseKeeper',
  'supervisor',
  'dispatcher',
  'admin',
] as const;
/** The keeper fills the checklist; the operator may too. */
export const qualityFillers = ['warehouseKeeper', 'operator'] as const;
/** The manager configures the checklist and reassigns actions. */
export const qualityManagers = ['csManager', 'admin'] as const;

export const qualityItemKinds = ['passFail', 'temperature', 'humidity'] as const;
export type QualityItemKind = (typeof qualityItemKinds)[number];
/** What a measurement may physically be, whatever the item's limits say. */
export const physicalRange: Record<Exclude<QualityItemKind, 'passFail'>, { min: number; max: number }> = {
  temperature: { min: -50, max: 80 },
  humidity: { min: 0, max: 100 },
};

export type QualityItem = {
  id: number;
  code: string;
  nameZh: string;
  nameEn: string;
  kind: QualityItemKind;
  min: number | null;
  max: number | null;
  unit: string;
  active: boolean;
  sort: number;
};

export type QualityAction = {
  id: number;
  recordId: number;
  zoneId: number;
  zoneName: string;
  checkDate: string;
  itemId: number;
  itemCode: string;
  description: string;
  ownerId: number;
  ownerName: string;
  dueDate: string;
  state: 'open' | 'done';
  overdue: boolean;
  doneNote: string;
  doneAt: string | null;
};

export type QualityValue = { itemId: number; value: number | null; passed: boolean };

export type QualityRecord = {
  id: number;
  zoneId: number;
  zoneName: string;
  date: string;
  shift: string;
  note: string;
  recordedBy: string;
  recordedAt: string;
  values: QualityValue[];
  actions: QualityAction[];
};

export type QualityZoneDay = { zoneId: number; zoneCode: string; zoneName: string; records: QualityRecord[] };

export type QualityMissedDay = { zoneId: number; zoneCode: string; zoneName: string; date: string };

export type QualitySummaryLine = {
  zoneId: number;
  zoneCode: string;
  zoneName: string;
  itemsChecked: number;
  itemsPassed: number;
  /** itemsPassed ÷ itemsChecked; null when nothing was checked. */
  passRate: number | null;
  daysRecorded: number;
  workingDays: number;
  openActions: number;
  overdueActions: number;
};
export type QualitySummary = { month: string; lines: QualitySummaryLine[] };

/** Someone a corrective action can be given to: an active user. */
export type QualityOwner = { id: number; name: string };

const shift = z.string().trim().max(20).default('');
const note = z.string().trim().max(1000).default('');
const measured = z.number().finite();

export const qualityRequests = {
  /** The checklist, in its order (retired items included, flagged). */
  'quality.items': spec<QualityItem[]>()({ input: none, access: qualityReaders, write: false }),
  /** Adds or changes an item (by code): its names, limits, order and active flag. */
  'quality.saveItem': spec<QualityItem[]>()({
    input: z
      .object({
        code: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/),
        nameZh: z.string().trim().min(1).max(100),
        nameEn: z.string().trim().min(1).max(100),
        kind: z.enum(qualityItemKinds),
        min: measured.optional(),
        max: measured.optional(),
        active: z.boolean().default(true),
        sort: z.number().int().min(0).max(9999).optional(),
      })
      .strict(),
    access: qualityManagers,
    write: true,
  }),
  /** Each zone with its records of the day (the form and the day's overview). */
  'quality.day': spec<QualityZoneDay[]>()({
    input: z.object({ date: businessDate }).strict(),
    access: qualityReaders,
    write: false,
  }),
  /**
   * Records a zone's checklist for a day (and shift), or edits that record
   * (recordId) while it is still the same day. Every active item is filled; an
   * item out of limits or failed needs its corrective action.
   */
  'quality.saveRecord': spec<QualityRecord>()({
    input: z
      .object({
        recordId: id.optional(),
        zoneId: id,
        date: businessDate,
        shift,
        note,
        values: z
          .array(z.object({ itemId: id, value: measured.optional(), passed: z.boolean().optional() }).strict())
          .min(1)
          .max(200),
        actions: z
          .array(
            z
              .object({
                itemId: id,
                description: z.string().trim().min(1).max(1000),
                ownerId: id,
                dueDate: businessDate,
              })
              .strict(),
          )
          .max(200)
          .default([]),
      })
      .strict(),
    access: qualityFillers,
    write: true,
  }),
  /** Corrective actions, open ones first (mine only when asked). */
  'quality.actions': spec<QualityAction[]>()({
    input: z.object({ state: z.enum(['open', 'done']).optional(), mine: z.boolean().default(false) }).strict(),
    access: qualityReaders,
    write: false,
  }),
  /** The owner marks an action done, with what was done. */
  'quality.completeAction': spec<QualityAction>()({
    input: z.object({ actionId: id, note: z.string().trim().min(1).max(1000) }).strict(),
    access: qualityReaders,
    write: true,
  }),
  /** The manager gives an open action to someone else or another due date. */
  'quality.reassignAction': spec<QualityAction>()({
    input: z.object({ actionId: id, ownerId: id, dueDate: businessDate }).strict(),
    access: qualityManagers,
    write: true,
  }),
  /** Zone × working day (Mon–Sat) with no record, in a range up to today: for the dashboard. */
  'quality.missedDays': spec<QualityMissedDay[]>()({
    input: z.object({ from: businessDate, to: businessDate }).strict(),
    access: qualityReaders,
    write: false,
  }),
  /** A month's figures per zone: pass rate, days recorded ÷ working days, open and overdue actions. */
  'quality.summary': spec<QualitySummary>()({
    input: z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }).strict(),
    access: qualityReaders,
    write: false,
  }),
  /** Who an action can be given to (active users, by name): the checklist's owner picker. */
  'quality.owners': spec<QualityOwner[]>()({ input: none, access: qualityReaders, write: false }),
} as const satisfies Record<string, RequestSpec>;
export type QualityRequestName = keyof typeof qualityRequests;
