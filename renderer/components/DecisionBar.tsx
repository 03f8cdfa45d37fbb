// The manager's decision on a document awaiting approval — a damage report, a
// disposal, a return: approve, or reject with a reason (the reject button waits
// for one). Written once so each register decides the same way; the core
// still checks the role and the state.
import { useState } from 'react';

export function DecisionBar({
  testId,
  labels,
  className,
  disabled = false,
  onDecide,
}: {
  /** Test ids `<testId>-approve`, `<testId>-reject-reason`, `<testId>-reject`. */
  testId: string;
  labels: { approve: string; reject: string; reason: string };
  className: string;
  /** Another step of the same record is running. */
  disabled?: boolean;
  /** Resolves when the decision is done (its error already shown). */
  onDecide(approve: boolean, reason: string): Promise<void>;
}) {
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const decide = async (approve: boolean) => {
    setBusy(true);
    try {
      await onDecide(approve, reason);
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
