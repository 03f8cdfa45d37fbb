// One complaint (issue 16 §1–2): its facts and links, both deadlines, every
// step with who and when, the solutions proposed (the approved one marked),
// and the next step's form for the user's role — the core checks the role and
// the state again. Keyboard: each step's form submits with Enter.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  complaintApprovers,
  complaintClosers,
  complaintConfirmers,
  complaintDepartments,
  complaintFollowers,
  complaintHandlers,
  complaintRegistrars,
  type ComplaintCategory,
  type ComplaintDepartment,
  type ComplaintView,
} from '../../../shared/contract';
import type { Role } from '../../../shared/domain';
import { api } from '../../api/client';
import { useApiEvent } from '../../api/hooks';
import { hasRole, useSession } from '../../app/session';
import { Attachments } from '../../components/Attachments';
import { CustomerLink } from '../../components/CustomerLink';
import { useNotify } from '../../components/toast/useNotify';
import { useFormat } from '../../i18n/format';
import { categoryName } from './words';

/** Who acts next, by state (the contract's access lists). */
const nextRoles: Partial<Record<ComplaintView['state'], readonly Role[]>> = {
  received: complaintHandlers,
  judged: complaintHandlers,
  investigating: complaintHandlers,
  proposed: [...complaintHandlers, ...complaintApprovers],
  approved: complaintHandlers,
  resolved: complaintConfirmers,
  confirmed: complaintFollowers,
  followedUp: complaintClosers,
};

function StepForm({
  label,
  testId,
  busy,
  onSubmit,
  children,
  primary = true,
}: {
  label: string;
  testId: string;
  busy: boolean;
  onSubmit(): void;
  children?: ReactNode;
  primary?: boolean;
}) {
  return (
    <form
      className="complaint-step-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {children}
      <button type="submit" className={primary ? 'primary' : ''} disabled={busy} data-testid={testId}>
        {label}
      </button>
    </form>
  );
}

export function ComplaintDetail({ complaintId, categories }: { complaintId: number; categories: ComplaintCategory[] }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const notify = useNotify();
  const { session } = useSession();
  const zh = i18n.language === 'zh-CN';
  const [c, setC] = useState<ComplaintView | null>(null);
  const [busy, setBusy] = useState(false);
  const [text, setText] = useState('');
  const [text2, setText2] = useState('');
  const [department, setDepartment] = useState<ComplaintDepartment>('delivery');

  const load = useCallback(async () => {
    try {
      setC(await api.request('complaints.get', { complaintId }));
    } catch (e) {
      notify.error(e);
    }
  }, [complaintId, notify]);
  useEffect(() => {
    void load();
  }, [load]);
  useApiEvent('complaints.changed', (p) => {
    if (p.complaintIds.includes(complaintId)) void load();
  });
  if (!c) return null;

  const run = async (fn: () => Promise<ComplaintView>) => {
    setBusy(true);
    try {
      const next = await fn();
      setC(next);
      setText('');
      setText2('');
      notify.success(t('complaints:detail.done', { number: next.number }));
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };
  const a = (x: string) => t(`complaints:action.${x}`);
  const id = c.id;
  const can = (roles: readonly Role[]) => hasRole(session, roles);
  const field = (label: string, value: string, set: (v: string) => void, testId: string, required = false) => (
    <label>
      <span>{label}</span>
      <input
        value={value}
        required={required}
        maxLength={2000}
        onChange={(e) => set(e.target.value)}
        data-testid={testId}
      />
    </label>
  );

  let action: ReactNode = null;
  if (c.state === 'received' && can(complaintHandlers))
    action = (
      <>
        <StepForm
          label={a('judgeValid')}
          testId="complaint-judge-valid"
          busy={busy}
          onSubmit={() =>
            void run(() => api.request('complaints.judge', { complaintId: id, valid: true, reply: text }))
          }
        >
          {field(a('reply'), text, setText, 'complaint-reply')}
        </StepForm>
        <button
          type="button"
          disabled={busy}
          data-testid="complaint-judge-invalid"
          onClick={() =>
            void run(() => api.request('complaints.judge', { complaintId: id, valid: false, reply: text }))
          }
        >
          {a('judgeInvalid')}
        </button>
      </>
    );
  else if (c.state === 'judged' && can(complaintHandlers))
    action = (
      <StepForm
        label={a('investigate')}
        testId="complaint-investigate"
        busy={busy}
        onSubmit={() =>
          void run(() =>
            api.request('complaints.investigate', {
              complaintId: id,
              department,
              responsiblePerson: text,
              cause: text2,
            }),
          )
        }
      >
        <label>
          <span>{a('department')}</span>
          <select
            value={department}
            onChange={(e) => setDepartment(e.target.value as ComplaintDepartment)}
            data-testid="complaint-department"
          >
            {complaintDepartments.map((d) => (
              <option key={d} value={d}>
                {t(`complaints:department.${d}`)}
              </option>
            ))}
          </select>
        </label>
        {field(a('responsiblePerson'), text, setText, 'complaint-responsible')}
        {field(a('cause'), text2, setText2, 'complaint-cause')}
      </StepForm>
    );
  else if (
    (c.state === 'investigating' || c.state === 'proposed') &&
    (can(complaintHandlers) || can(complaintApprovers))
  )
    action = (
      <>
        {can(complaintHandlers) && (
          <StepForm
            label={a('propose')}
            testId="complaint-propose"
            busy={busy}
            primary={c.state === 'investigating'}
            onSubmit={() => void run(() => api.request('complaints.propose', { complaintId: id, text }))}
          >
            {field(a('solution'), text, setText, 'complaint-solution', true)}
          </StepForm>
        )}
        {c.state === 'proposed' && can(complaintApprovers) && (
          <div className="complaint-approve">
            {field(a('approvalNote'), text2, setText2, 'complaint-approval-note')}
            {c.solutions.map((s, i) => (
              <button
                key={s.id}
                type="button"
                className="primary"
                disabled={busy}
                data-testid={`complaint-approve-${i}`}
                onClick={() =>
                  void run(() => api.request('complaints.approve', { complaintId: id, solutionId: s.id, note: text2 }))
                }
              >
                {a('approve')}: {s.text}
              </button>
            ))}
          </div>
        )}
      </>
    );
  else if (c.state === 'approved' && can(complaintHandlers))
    action = (
      <StepForm
        label={a('resolve')}
        testId="complaint-resolve"
        busy={busy}
        onSubmit={() => void run(() => api.request('complaints.resolve', { complaintId: id, result: text }))}
      >
        {field(a('result'), text, setText, 'complaint-result', true)}
      </StepForm>
    );
  else if (c.state === 'resolved' && can(complaintConfirmers))
    action = (
      <StepForm
        label={a('confirm')}
        testId="complaint-confirm"
        busy={busy}
        onSubmit={() => void run(() => api.request('complaints.confirm', { complaintId: id, note: text }))}
      >
        {field(a('confirmNote'), text, setText, 'complaint-confirm-note')}
      </StepForm>
    );
  else if (c.state === 'confirmed' && can(complaintFollowers))
    action = (
      <StepForm
        label={a('followUp')}
        testId="complaint-follow-up"
        busy={busy}
        onSubmit={() => void run(() => api.request('complaints.followUp', { complaintId: id, note: text }))}
      >
        {field(a('followUpNote'), text, setText, 'complaint-follow-up-note', true)}
      </StepForm>
    );
  else if (c.state === 'followedUp' && can(complaintClosers))
    action = (
      <StepForm
        label={a('close')}
        testId="complaint-close"
        busy={busy}
        onSubmit={() => void run(() => api.request('complaints.close', { complaintId: id, note: text }))}
      >
        {field(a('closeNote'), text, setText, 'complaint-close-note')}
      </StepForm>
    );

  const d = (x: string) => t(`complaints:detail.${x}`);
  const status = (kind: 'response' | 'resolve') =>
    c.deadline.kind === kind ? (
      <span className={`complaint-deadline complaint-deadline-${c.deadline.status}`}>
        {t(`complaints:deadline.${c.deadline.status}`)}
      </span>
    ) : null;
  return (
    <aside className="card complaint-detail" data-testid="complaint-detail">
      <h2>
        {c.number} · <span data-testid="complaint-state">{t(`complaints:state.${c.state}`)}</span>
      </h2>
      <dl className="facts">
        <dt>{t('complaints:col.complainant')}</dt>
        <dd>
          <CustomerLink id={c.customerId}>
            {c.customerCode ? `${c.customerCode} ` : ''}
            {c.complainant}
          </CustomerLink>{' '}
          {c.callerPhone}
        </dd>
        <dt>{t('complaints:col.receivedAt')}</dt>
        <dd>
          {f.dateTime(c.receivedAt)} · {t(`complaints:channel.${c.channel}`)}
        </dd>
        <dt>{t('complaints:col.category')}</dt>
        <dd>
          {categoryName(categories, c.category, zh)} · {t(`complaints:severity.${c.severity}`)}
        </dd>
        <dt>{t('complaints:col.content')}</dt>
        <dd>{c.content}</dd>
        <dt>{d('links')}</dt>
        <dd data-testid="complaint-links">
          {[c.orderNumber, c.tripNumber, c.returnNumber, c.productCode && `${c.productCode} ${c.productName ?? ''}`]
            .filter(Boolean)
            .join(' · ') || '—'}
        </dd>
        <dt>{d('responseDue')}</dt>
        <dd>
          {f.dateTime(c.responseDueAt)} {status('response')}
        </dd>
        <dt>{d('resolveDue')}</dt>
        <dd>
          {f.dateTime(c.resolveDueAt)} {status('resolve')}
        </dd>
        {c.department && (
          <>
            <dt>{t('complaints:col.department')}</dt>
            <dd>
              {t(`complaints:department.${c.department}`)} {c.responsiblePerson}
            </dd>
          </>
        )}
      </dl>
      {c.solutions.length > 0 && (
        <>
          <h3>{d('solutions')}</h3>
          <ol className="complaint-solutions" data-testid="complaint-solutions">
            {c.solutions.map((s) => (
              <li key={s.id} className={s.approved ? 'approved' : ''}>
                {s.text} <small>— {s.proposedBy}</small>
                {s.approved && <strong> ✓ {d('approvedMark')}</strong>}
              </li>
            ))}
          </ol>
        </>
      )}
      <Attachments
        items={c.attachments}
        title={d('attachments')}
        testIdPrefix="complaint"
        canAttach={c.state !== 'closed' && can(complaintRegistrars)}
        upload={(fileName, dataBase64) => api.request('complaints.attach', { complaintId: id, fileName, dataBase64 })}
        read={(attachmentId) => api.request('complaints.attachment', { attachmentId })}
        onChanged={() => void load()}
      />
      <h3>{d('steps')}</h3>
      <table className="lines complaint-steps" data-testid="complaint-steps">
        <tbody>
          {c.steps.map((s, i) => (
            <tr key={i}>
              <td>{t(`complaints:state.${s.step}`)}</td>
              <td>{s.by}</td>
              <td>{f.dateTime(s.at)}</td>
              <td>{s.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {c.state !== 'closed' && (
        <section className="complaint-action" data-testid="complaint-action">
          <h3>
            {d('next')}: {t(`complaints:state.${c.state}`)} →
          </h3>
          {action ?? (
            <p className="page-hint">
              {d('noAction')} ({(nextRoles[c.state] ?? []).map((r) => t(`domain:role.${r}`)).join('、')})
            </p>
          )}
        </section>
      )}
    </aside>
  );
}
