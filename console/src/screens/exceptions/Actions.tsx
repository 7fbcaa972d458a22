import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { Approval, ExceptionItem, PayloadDiff } from '../../api/types.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorNote } from '../../components/bits.js';
import { DiffView } from '../../components/Json.js';
import { useSession } from '../../session.js';

/**
 * Replay, edit and replay, skip with a reason, assign: the actions on one open exception. What an
 * action did is told through `onDone`: the page keeps saying it after the exception closes and
 * these buttons go.
 */
export function ExceptionActions({
  exception: e,
  onDone,
}: {
  exception: ExceptionItem;
  onDone: (what: string) => void;
}) {
  const client = useQueryClient();
  const me = useSession().session?.user;
  const [dialog, setDialog] = useState<'edit' | 'skip' | null>(null);
  const refresh = async (what: string) => {
    onDone(what);
    setDialog(null);
    await client.invalidateQueries();
  };
  const replay = useMutation({
    mutationFn: () => api('POST', `/exceptions/${e.id}/replay`),
    onSuccess: () => refresh('Replayed: the work is queued again.'),
  });
  const assign = useMutation({
    mutationFn: () => api('POST', `/exceptions/${e.id}/assign`, { userId: me?.id }),
    onSuccess: () => refresh(`Assigned to ${me?.name ?? 'you'}.`),
  });
  return (
    <section aria-labelledby="act" className="act">
      <h2 id="act">Fix it</h2>
      <div className="actions">
        <button type="button" className="primary" onClick={() => replay.mutate()} disabled={replay.isPending}>
          Replay
        </button>
        <button type="button" onClick={() => setDialog('edit')}>
          Edit and replay…
        </button>
        <button type="button" onClick={() => setDialog('skip')}>
          Skip…
        </button>
        {me?.id != null && e.assignee?.id !== me.id && (
          <button type="button" onClick={() => assign.mutate()} disabled={assign.isPending}>
            Assign to me
          </button>
        )}
      </div>
      <ErrorNote error={replay.error ?? assign.error} />
      {dialog === 'edit' && (
        <EditReplay exception={e} onClose={() => setDialog(null)} onDone={(what) => void refresh(what)} />
      )}
      {dialog === 'skip' && (
        <Skip id={e.id} onClose={() => setDialog(null)} onDone={() => void refresh('Skipped.')} />
      )}
    </section>
  );
}

/** Edit the payload as JSON; the differences are shown before the replay is confirmed. */
function EditReplay({
  exception: e,
  onClose,
  onDone,
}: {
  exception: ExceptionItem;
  onClose: () => void;
  onDone: (what: string) => void;
}) {
  const [text, setText] = useState(() => JSON.stringify(e.payload ?? null, null, 2));
  let parsed: unknown;
  let parseError: string | null = null;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    parseError = (err as Error).message;
  }
  // The server computes the preview, with the same diff the audit entry will keep.
  const preview = useMutation({
    mutationFn: () => api<PayloadDiff>('POST', `/exceptions/${e.id}/diff`, { payload: parsed }),
  });
  const send = useMutation({
    mutationFn: () =>
      api<{ replayed: number[] } | { pending: Approval }>('POST', `/exceptions/${e.id}/edit-replay`, {
        payload: parsed,
      }),
    // Where the profile asks for four eyes, the edit waits for a second person instead of running.
    onSuccess: (r) =>
      onDone(
        'pending' in r
          ? `Edit waiting for a second person's approval (change ${r.pending.id}); the exception stays open until then.`
          : 'Edited payload replayed.',
      ),
  });
  const diff = preview.data;
  return (
    <Dialog open title={`Edit and replay exception ${e.id}`} onClose={onClose}>
      {!diff ? (
        <form
          onSubmit={(ev) => {
            ev.preventDefault();
            preview.mutate();
          }}
        >
          <label className="block">
            Payload (JSON)
            <textarea
              className="code"
              rows={16}
              value={text}
              onChange={(ev) => setText(ev.target.value)}
              spellCheck={false}
            />
          </label>
          {parseError && (
            <p role="alert" className="error">
              Not valid JSON: {parseError}
            </p>
          )}
          <ErrorNote error={preview.error} />
          <div className="actions">
            <button type="submit" className="primary" disabled={!!parseError || preview.isPending}>
              Review changes
            </button>
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <div>
          <DiffView changes={diff.changes} caption={`${diff.to.label} against ${diff.from.label}`} />
          <p>The edited payload replaces the failed one and runs again; the audit log keeps both.</p>
          <ErrorNote error={send.error} />
          <div className="actions">
            <button
              type="button"
              className="primary"
              onClick={() => send.mutate()}
              disabled={send.isPending || diff.changes.length === 0}
            >
              Confirm and replay
            </button>
            <button type="button" onClick={() => preview.reset()}>
              Back to editing
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}

function Skip({ id, onClose, onDone }: { id: number; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const skip = useMutation({
    mutationFn: () => api('POST', `/exceptions/${id}/skip`, { reason }),
    onSuccess: onDone,
  });
  return (
    <Dialog open title={`Skip exception ${id}`} onClose={onClose}>
      <form
        onSubmit={(ev) => {
          ev.preventDefault();
          skip.mutate();
        }}
      >
        <p>Skipping closes it without running the work again.</p>
        <label className="block">
          Reason (kept in the audit log)
          <textarea required rows={2} value={reason} onChange={(ev) => setReason(ev.target.value)} />
        </label>
        <ErrorNote error={skip.error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={!reason.trim() || skip.isPending}>
            Skip
          </button>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
