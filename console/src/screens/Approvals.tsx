import { Header } from '../components/bits.js';
import { PendingApprovals } from './mappings/Pending.js';

/**
 * Changes waiting for a second person (four-eyes): mapping and rule changes, and edit-and-replay
 * where the profile holds it. The server refuses an approval by the person who asked for the
 * change; the page says so instead of offering the button.
 */
export function ApprovalsScreen() {
  return (
    <div>
      <Header title="Pending approvals">
        <p className="muted">
          Where the profile asks for four eyes, a change takes effect only when a second person approves it.
        </p>
      </Header>
      <PendingApprovals title="Waiting for a second person" />
    </div>
  );
}
