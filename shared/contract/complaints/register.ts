// Complaint register 顾客投诉登记表 (issue 16 §1–2): a complaint from a
// customer or a caller not yet a customer, each step by its role with who
// and when, its deadlines over the working calendar, categories and the
// calendar kept by the CS manager.
import { z } from 'zod';
import { id, idempotencyKey, isoInstant, name } from '../schemas';
import { none, spec, type RequestSpec } from '../spec';
import { attachmentBase64, type AttachmentFile, type AttachmentView } from '../attachments';
import { businessDate } from '../orders';
import {
  calendarKinds,
  complaintApprovers,
  complaintChannels,
  complaintClosers,
  complaintConfirmers,
  complaintDepartments,
  complaintFollowers,
  complaintHandlers,
  complaintReaders,
  complaintRegistrars,
  complaintSeverities,
  complaintStates,
  deadlineStatuses,
  type CalendarKind,
  type ComplaintChannel,
  type ComplaintDepartment,
  type ComplaintSeverity,
  type ComplaintState,
  type DeadlineStatus,
} from './words';

// ---- replies -------------------------------------------------------------

export type ComplaintCategory = { code: string; nameZh: string; nameEn: string; active: boolean; sort: number };

export type ComplaintDeadline = {
  /** Which deadline is shown: the first response until judged, then the resolution. */
  kind: 'response' | 'resolve';
  dueAt: string;
  status: DeadlineStatus;
};

export type ComplaintRow = {
  id: number;
  number: string;
  state: ComplaintState;
  customerId: number | null;
  customerCode: string | null;
  /** The customer's name, or the caller's for one not yet a customer. */
  complainant: string;
  callerPhone: string;
  area: string | null;
  channel: ComplaintChannel;
  receivedAt: string;
  receivedDate: string;
  content: string;
  category: string;
  severity: ComplaintSeverity;
  valid: boolean | null;
  department: ComplaintDepartment | null;
  responsiblePerson: string;
  orderNumber: string | null;
  responseDueAt: string;
  resolveDueAt: string;
  deadline: ComplaintDeadline;
  registeredBy: string;
};

export type ComplaintStep = { step: ComplaintState | 'registered'; by: string; at: string; note: string };
export type ComplaintSolution = {
  id: number;
  text: string;
  proposedBy: string;
  proposedAt: string;
  approved: boolean;
};

export type ComplaintView = ComplaintRow & {
  orderId: number | null;
  tripId: number | null;
  tripNumber: string | null;
  returnId: number | null;
  returnNumber: string | null;
  productId: number | null;
  productCode: string | null;
  productName: string | null;
  reply: string;
  cause: string;
  result: string;
  approvalNote: string;
  /** The user who resolved it: they may not record its follow-up. */
  resolvedById: number | null;
  steps: ComplaintStep[];
  solutions: ComplaintSolution[];
  /** The letter or photos attached (without their bytes). */
  attachments: AttachmentView[];
};

/** What a complaint about a customer may link to: their recent orders, trips and returns. */
export type ComplaintLinks = {
  orders: { id: number; number: string; deliveryDate: string | null; state: string; outcome: string | null }[];
  trips: { id: number; number: string; dispatchDate: string }[];
  returns: { id: number; number: string; state: string }[];
};

export type CalendarDay = { date: string; kind: CalendarKind; note: string };
export type ComplaintRules = { responseHours: number; resolveWorkingDays: number };
export type ComplaintCalendar = ComplaintRules & { days: CalendarDay[] };

/** For the dashboard and the KPI tracker: open complaints against their deadlines. */
export type ComplaintsSummary = {
  open: number;
  onTime: number;
  atRisk: number;
  overdue: number;
  /** This month (business days in the warehouse's zone) so far. */
  month: string;
  receivedThisMonth: number;
  validThisMonth: number;
  resolvedOnTimeThisMonth: number;
  resolvedThisMonth: number;
};

// ---- requests ------------------------------------------------------------

const text = z.string().trim().min(1).max(2000);
const optionalNote = z.string().trim().max(2000).default('');
const complaintId = z.object({ complaintId: id }).strict();
const categoryCode = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'code');

export const complaintInput = z
  .object({
    /** A customer from the list, or … */
    customerId: id.optional(),
    /** … a caller not yet a customer. */
    callerName: z.string().trim().max(100).default(''),
    callerPhone: z.string().trim().max(40).default(''),
    channel: z.enum(complaintChannels),
    /** When the complaint came in; now when not given. Never in the future. */
    receivedAt: isoInstant.optional(),
    content: text,
    category: categoryCode,
    severity: z.enum(complaintSeverities).default('normal'),
    orderId: id.optional(),
    tripId: id.optional(),
    returnId: id.optional(),
    productId: id.optional(),
    idempotencyKey,
  })
  .strict();
export type ComplaintInput = z.input<typeof complaintInput>;

export const complaintRegisterRequests = {
  'complaints.categories': spec<ComplaintCategory[]>()({ input: none, access: 'any', write: false }),
  /** The CS manager adds, renames, retires or restores a category; 'other' stays active. */
  'complaints.saveCategory': spec<ComplaintCategory[]>()({
    input: z.object({ code: categoryCode, nameZh: name, nameEn: name, active: z.boolean().default(true) }).strict(),
    access: ['csManager'],
    write: true,
  }),
  /** The working calendar's overridden days of a year and the deadline rules. */
  'complaints.calendar': spec<ComplaintCalendar>()({
    input: z.object({ year: z.number().int().min(2000).max(2100) }).strict(),
    access: complaintReaders,
    write: false,
  }),
  /** A day off on a weekday, a make-up working day on a weekend, or back to normal; open deadlines recomputed. */
  'complaints.setCalendarDay': spec<ComplaintCalendar>()({
    input: z.object({ date: businessDate, kind: z.enum([...calendarKinds, 'normal']), note: optionalNote }).strict(),
    access: ['csManager'],
    write: true,
  }),
  /** First response within N hours, resolution within N working days (24 h and 3 by default). */
  'complaints.setRules': spec<ComplaintCalendar>()({
    input: z
      .object({
        responseHours: z.number().int().min(1).max(240),
        resolveWorkingDays: z.number().int().min(1).max(30),
      })
      .strict(),
    access: ['csManager'],
    write: true,
  }),
  /** 投诉受理: registers a complaint in state received with its deadlines. */
  'complaints.register': spec<ComplaintView>()({ input: complaintInput, access: complaintRegistrars, write: true }),
  /** The register, newest first; by state, month received, deadline status or customer. */
  'complaints.list': spec<ComplaintRow[]>()({
    input: z
      .object({
        state: z.enum(complaintStates).optional(),
        open: z.boolean().optional(),
        month: z
          .string()
          .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'month')
          .optional(),
        deadline: z.enum(deadlineStatuses).optional(),
        customerId: id.optional(),
      })
      .strict(),
    access: complaintReaders,
    write: false,
  }),
  'complaints.get': spec<ComplaintView>()({ input: complaintId, access: complaintReaders, write: false }),
  /** A customer's recent orders, trips and returns, to link a complaint to. */
  'complaints.links': spec<ComplaintLinks>()({
    input: z.object({ customerId: id }).strict(),
    access: complaintReaders,
    write: false,
  }),
  /** 投诉判断: valid, or not valid with the reply given (then closed at once). The first response. */
  'complaints.judge': spec<ComplaintView>()({
    input: z.object({ complaintId: id, valid: z.boolean(), reply: optionalNote }).strict(),
    access: complaintHandlers,
    write: true,
  }),
  /** 展开调查: the responsible department and person, and the cause found. */
  'complaints.investigate': spec<ComplaintView>()({
    input: z
      .object({
        complaintId: id,
        department: z.enum(complaintDepartments),
        responsiblePerson: z.string().trim().max(100).default(''),
        cause: optionalNote,
      })
      .strict(),
    access: complaintHandlers,
    write: true,
  }),
  /** 提出处理方案: one more solution; several may be proposed before the supervisor chooses. */
  'complaints.propose': spec<ComplaintView>()({
    input: z.object({ complaintId: id, text }).strict(),
    access: complaintHandlers,
    write: true,
  }),
  /** 主管领导批示: the supervisor chooses and approves one proposed solution. */
  'complaints.approve': spec<ComplaintView>()({
    input: z.object({ complaintId: id, solutionId: id, note: optionalNote }).strict(),
    access: complaintApprovers,
    write: true,
  }),
  /** 实施处理方案: the approved solution carried out, with its result. Ends the resolution deadline. */
  'complaints.resolve': spec<ComplaintView>()({
    input: z.object({ complaintId: id, result: text }).strict(),
    access: complaintHandlers,
    write: true,
  }),
  /** The customer accepted the solution (signed). */
  'complaints.confirm': spec<ComplaintView>()({
    input: z.object({ complaintId: id, note: optionalNote }).strict(),
    access: complaintConfirmers,
    write: true,
  }),
  /** 处理后有回访: the follow-up, by someone other than who resolved it. */
  'complaints.followUp': spec<ComplaintView>()({
    input: z.object({ complaintId: id, note: text }).strict(),
    access: complaintFollowers,
    write: true,
  }),
  'complaints.close': spec<ComplaintView>()({
    input: z.object({ complaintId: id, note: optionalNote }).strict(),
    access: complaintClosers,
    write: true,
  }),
  /** Open complaints against their deadlines and this month's figures: for the dashboard. */
  'complaints.summary': spec<ComplaintsSummary>()({ input: none, access: complaintReaders, write: false }),
  /** The customer's letter or a photo: an image or PDF checked by its content, stored in the database; not once closed. */
  'complaints.attach': spec<AttachmentView>()({
    input: z.object({ complaintId: id, fileName: name, dataBase64: attachmentBase64 }).strict(),
    access: complaintRegistrars,
    write: true,
  }),
  /** An attached file's bytes, to view or save. */
  'complaints.attachment': spec<AttachmentFile>()({
    input: z.object({ attachmentId: id }).strict(),
    access: complaintReaders,
    write: false,
  }),
} as const satisfies Record<string, RequestSpec>;
