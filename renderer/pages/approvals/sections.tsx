// The sections of the manager's "waiting for my approval 待我审批" page: each
// reads its own request and lists what awaits the CS manager. Another slice
// adds its section (returns awaiting approval) by appending to `approvalSections`.
import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { api } from '../../api/client';
import type { Formatters } from '../../i18n/format';
import type { PageId } from '../../app/routes';

export type ApprovalItem = {
  id: number;
  number: string;
  /** One line: what it is (product, qty, amount, who asked, when). */
  summary: ReactNode;
  /** Approve from the list; the detail (with reject) is on `page`. */
  approve?: () => Promise<unknown>;
};

export type ApprovalSection = {
  id: string;
  /** Title key (i18n). */
  title: string;
  /** Page that shows the records in full. */
  page: PageId;
  /** Events after which the section reloads. */
  events: readonly ('damage.changed' | 'returns.changed')[];
  load(t: TFunction, f: Formatters): Promise<ApprovalItem[]>;
};

export const approvalSections: ApprovalSection[] = [
  {
    id: 'damageReports',
    title: 'approvals:damageReports',
    page: 'damage',
    events: ['damage.changed'],
    async load(t, f) {
      const rows = await api.request('damage.list', { state: 'reported' });
      return rows.map((r) => ({
        id: r.id,
        number: r.number,
        summary: `${r.productCode} ${f.productName(r.productName, r.productNameEn)} · ${r.locationCode} · ${f.qty(r.qty)} · ${f.money(r.amountFen)} · ${t(`damage:whereFound.${r.whereFound}`)} · ${r.reportedBy} · ${f.dateTime(r.reportedAt)}`,
        approve: () => api.request('damage.approve', { reportId: r.id }),
      }));
    },
  },
  {
    id: 'disposals',
    title: 'approvals:disposals',
    page: 'damage',
    events: ['damage.changed'],
    async load(t, f) {
      const rows = await api.request('disposals.list', { state: 'proposed' });
      return rows.map((d) => ({
        id: d.id,
        number: d.number,
        summary: `${t(`damage:kind.${d.kind}`)}${d.supplier ? ` · ${d.supplier}` : ''} · ${f.qty(d.qty)} · ${f.money(d.amountFen)} · ${d.proposedBy} · ${f.dateTime(d.proposedAt)}`,
        approve: () => api.request('disposals.approve', { disposalId: d.id }),
      }));
    },
  },
  {
    id: 'returns',
    title: 'approvals:returns',
    page: 'returns',
    events: ['returns.changed'],
    async load(t, f) {
      const rows = await api.request('returns.list', { state: 'reported' });
      return rows.map((r) => ({
        id: r.id,
        number: r.number,
        summary: `${r.customerCode} ${r.customerName} · ${r.noDelivery ? t('returns:noDelivery') : r.orderNumbers.join(', ')} · ${f.qty(r.units)} · ${f.money(r.amountFen)} · ${r.salespersonName ?? ''} · ${r.reportedBy} · ${f.dateTime(r.reportedAt)}`,
        approve: () => api.request('returns.approve', { returnId: r.id }),
      }));
    },
  },
];
