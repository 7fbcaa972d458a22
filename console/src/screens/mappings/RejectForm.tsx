import { useState } from 'react';

/**
 * "Reject…", then the reason it needs: one change's rejection and several changes' read and work
 * the same. `onReject` gets the reason and a `done` that closes and clears the form.
 */
export function RejectForm({
  openLabel,
  submitLabel,
  reasonLabel,
  disabled = false,
  busy,
  onReject,
}: {
  /** The button that opens the form: "Reject…", "Reject 3 selected…". */
  openLabel: string;
  /** The button that rejects: "Reject", "Reject 3". */
  submitLabel: string;
  reasonLabel: string;
  /** Nothing to reject (no selection). */
  disabled?: boolean;
  busy: boolean;
  onReject: (reason: string, done: () => void) => void;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!open)
    return (
      <button type="button" disabled={disabled} onClick={() => setOpen(true)}>
        {openLabel}
      </button>
    );
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onReject(reason, () => {
          setOpen(false);
          setReason('');
        });
      }}
    >
      <label>
        {reasonLabel} <input required value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>{' '}
      <button type="submit" disabled={disabled || !reason.trim() || busy}>
        {submitLabel}
      </button>
    </form>
  );
}
