// Complaints 投诉 (issue 16 §1–3): the words of the complaint register
// 顾客投诉登记表, its deadlines and the classification statistics
// 顾客投诉分类统计表. `at` fields are UTC instants; dates are business days
// 'YYYY-MM-DD' and months 'YYYY-MM' in the warehouse's time zone.

/**
 * received 投诉受理 → judged 投诉判断 (valid; an invalid one is answered and
 * closed at once) → investigating 展开调查 → proposed 提出处理方案 → approved
 * 主管领导批示 → resolved 实施处理方案 → confirmed (the customer accepted and
 * signed) → followedUp 回访 → closed.
 */
export const complaintStates = [
  'received',
  'judged',
  'investigating',
  'proposed',
  'approved',
  'resolved',
  'confirmed',
  'followedUp',
  'closed',
] as const;
export type ComplaintState = (typeof complaintStates)[number];

export const complaintChannels = ['phone', 'visit', 'letter', 'followUpCall'] as const;
export type ComplaintChannel = (typeof complaintChannels)[number];

export const complaintSeverities = ['low', 'normal', 'high'] as const;
export type ComplaintSeverity = (typeof complaintSeverities)[number];

/** The responsible department 责任部门 found by the investigation. */
export const complaintDepartments = [
  'warehouse',
  'delivery',
  'customerService',
  'sales',
  'finance',
  'supplier',
  'other',
] as const;
export type ComplaintDepartment = (typeof complaintDepartments)[number];

/** The categories migration 26 seeds (the manager may add, rename and retire; 'other' stays). */
export const defaultComplaintCategories = [
  'deliveryLate',
  'goodsDamaged',
  'wrongGoods',
  'shortDelivery',
  'serviceAttitude',
  'priceBilling',
  'productQuality',
  'other',
] as const;

/**
 * Where a complaint stands against its deadline: the open one (first response
 * until judged, then resolution until resolved) is onTime, atRisk (less than a
 * quarter of the allowed time left) or overdue; a passed one met or missed.
 */
export const deadlineStatuses = ['onTime', 'atRisk', 'overdue', 'met', 'missed'] as const;
export type DeadlineStatus = (typeof deadlineStatuses)[number];

/** Days the working calendar overrides: a weekday off (holiday) or a weekend worked (make-up day 调休). */
export const calendarKinds = ['holiday', 'workday'] as const;
export type CalendarKind = (typeof calendarKinds)[number];

/** Who may do each step (DOMAIN roles and the source document's 客服专员 / 客服主管 / 主管领导). */
export const complaintReaders = ['operator', 'salesperson', 'supervisor', 'csManager', 'admin'] as const;
/** 投诉受理: CS staff and the salesperson who hears it from the customer. */
export const complaintRegistrars = ['operator', 'salesperson', 'supervisor', 'csManager'] as const;
/** Judge, investigate, propose solutions, carry out the approved one. */
export const complaintHandlers = ['operator', 'supervisor', 'csManager'] as const;
/** 主管领导批示: only the supervisor approves a solution. */
export const complaintApprovers = ['supervisor'] as const;
/** The customer's acceptance is taken by CS staff or the salesperson. */
export const complaintConfirmers = ['operator', 'salesperson', 'supervisor', 'csManager'] as const;
/** The follow-up 回访 — never by the person who resolved the complaint. */
export const complaintFollowers = ['operator', 'supervisor', 'csManager'] as const;
/** Closing, and the working calendar and rules. */
export const complaintClosers = ['supervisor', 'csManager'] as const;

/** The register changed: every open register, detail, statistics and dashboard reloads. Ids only. */
export type ComplaintsChanged = { complaintIds: number[]; clientId?: string };
