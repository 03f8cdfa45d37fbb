// The manager's decision on a document awaiting approval — a damage report, a
// disposal, a return: approve, or reject with a reason (the reject button waits
// for one). Written once so each register decides the same way; the core
// still checks the role and the state.
import { useState } from 'react';
import { useNotify } from './toast/useNotify';

export function DecisionBar<T>({
  testId,
  labels,
  className,
  disabled = false,
  approve,
  reject,
  onDecided,
}: {
  /** Test ids `<testId>-approve`, `<testId>-reject-reason`, `<testId>-reject`. */
  testId: string;
  labels: { approve: string; reject: string; reason: string };
  className: string;
  /** Another step of the same record is running. */
  disabled?: boolean;
  approve(): Promise<T>;
  reject(reason: string): Promise<T>;
  /** The record as the decision left it. A refusal is shown instead. */
  onDecided(next: T, approved: boolean): void;
}) {
  const notify = useNotify();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const decide = async (approved: boolean) => {
    setBusy(true);
    try {
      onDecided(await (approved ? approve() : reject(reason)), approved);
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={className}>
      <button
        type="button"
        className="primary"
        disabled={busy || disabled}
        onClick={() => void decide(true)}
        data-testid={`${testId}-approve`}
      >
        {labels.approve}
      </button>
      <input
        placeholder={labels.reason}
        aria-label={labels.reason}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        data-testid={`${testId}-reject-reason`}
      />
      <button
        type="button"
        disabled={busy || disabled || reason.trim() === ''}
        onClick={() => void decide(false)}
        data-testid={`${testId}-reject`}
      >
        {labels.reject}
      </button>
    </div>
  );
}
