// Complaints 投诉 (issue 16 §1–3): request name → service.
import type { ComplaintsRequestName } from '../../../shared/contract';
import type { Handler } from '../contract/handlers';
import { attachToComplaint, complaintAttachment } from './attachments';
import { readCalendar, setCalendarDay, setRules } from './calendar';
import { listCategories, saveCategory } from './categories';
import { registerComplaint } from './register';
import { complaintStats, saveStatsNote } from './stats';
import { approve, close, confirm, followUp, investigate, judge, propose, resolve } from './steps';
import { complaintLinks, complaintsSummary, listComplaints, readComplaint } from './views';

export const complaintsHandlers: { [N in ComplaintsRequestName]: Handler<N> } = {
  'complaints.categories': (ctx) => listCategories(ctx.db),
  'complaints.saveCategory': (ctx, input) => saveCategory(ctx, input),
  'complaints.calendar': (ctx, input) => readCalendar(ctx.db, input.year),
  'complaints.setCalendarDay': (ctx, input) => setCalendarDay(ctx, input),
  'complaints.setRules': (ctx, input) => setRules(ctx, input),
  'complaints.register': (ctx, input) => registerComplaint(ctx, input),
  'complaints.list': (ctx, input) => listComplaints(ctx, input),
  'complaints.get': (ctx, input) => readComplaint(ctx, input.complaintId),
  'complaints.links': (ctx, input) => complaintLinks(ctx, input.customerId),
  'complaints.judge': (ctx, input) => judge(ctx, input),
  'complaints.investigate': (ctx, input) => investigate(ctx, input),
  'complaints.propose': (ctx, input) => propose(ctx, input),
  'complaints.approve': (ctx, input) => approve(ctx, input),
  'complaints.resolve': (ctx, input) => resolve(ctx, input),
  'complaints.confirm': (ctx, input) => confirm(ctx, input),
  'complaints.followUp': (ctx, input) => followUp(ctx, input),
  'complaints.close': (ctx, input) => close(ctx, input),
  'complaints.summary': (ctx) => complaintsSummary(ctx),
  'complaints.stats': (ctx, input) => complaintStats(ctx, input.month),
  'complaints.saveStatsNote': (ctx, input) => saveStatsNote(ctx, input.month, input.note),
  'complaints.attach': (ctx, input) => attachToComplaint(ctx, input),
  'complaints.attachment': (ctx, input) => complaintAttachment(ctx, input.attachmentId),
};
