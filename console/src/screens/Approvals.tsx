import { useUrlFilters } from '../api/hooks.js';
import { Header } from '../components/bits.js';
import { PendingApprovals } from './mappings/Pending.js';

const TABS = [
  ['', 'Pending'],
  ['approved', 'Approved'],
  ['rejected', 'Rejected'],
] as const;

/**
 * Changes waiting for a second person (four-eyes): mapping and rule changes, and edit-and-replay
 * where the profile holds it; and the decided ones, with who decided and why. The server refuses
 * an approval by the person who asked for the change; the page says so instead of offering the button.
 */
export function ApprovalsScreen() {
  const [f, set] = useUrlFilters(['status'] as const);
  const status = f.status === 'approved' || f.status === 'rejected' ? f.status : undefined;
  return (
    <div>
      <Header title="Pending approvals">
        <p className="muted">
          Where the profile asks for four eyes, a change takes effect only when a second person approves it.
        </p>
      </Header>
      <div role="tablist" aria-label="Status" className="tabs">
        {TABS.map(([value, label]) => (
          <button
            key={label}
            role="tab"
            type="button"
            aria-selected={(status ?? '') === value}
            onClick={() => set({ status: value })}
          >
            {label}
          </button>
        ))}
      </div>
      {status ? (
        <PendingApprovals
          key={status}
          status={status}
          title={status === 'approved' ? 'Approved' : 'Rejected'}
        />
      ) : (
        <PendingApprovals title="Waiting for a second person" />
      )}
    </div>
  );
}
