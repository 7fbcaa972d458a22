import { Link } from 'react-router';
import { useGet } from '../../api/hooks.js';
import type { Approval } from '../../api/types.js';
import { approvalsPath } from '../mappings/Pending.js';

/**
 * An edited payload of this exception waiting for a second person (four-eyes): said on the
 * exception's page, so nobody edits it again or wonders why it has not run.
 */
export function PendingEdit({ exceptionId }: { exceptionId: number }) {
  const list = useGet<Approval[]>(approvalsPath('edit-replay'), { refetchMs: 10_000 });
  const mine = list.data?.filter(
    (a) => a.change.kind === 'edit-replay' && a.change.exceptionId === exceptionId,
  );
  if (!mine?.length) return null;
  return (
    <p className="notice" role="note">
      {mine.map((a) => (
        <span key={a.id}>
          An edited payload from {a.requestedBy} waits for a second person&apos;s approval (
          <Link to="/approvals">change {a.id}</Link>).{' '}
        </span>
      ))}
    </p>
  );
}
