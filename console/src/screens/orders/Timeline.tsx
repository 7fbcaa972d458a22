import { useState } from 'react';
import { Link } from 'react-router';
import { useGet } from '../../api/hooks.js';
import type { TimelineEntry } from '../../api/types.js';
import { Badge, ErrorNote, Loading } from '../../components/bits.js';
import { JsonView } from '../../components/Json.js';
import { Time } from '../../prefs.js';

/** Every event of one order across systems, oldest first, each with its payload on demand. */
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) return <p className="muted">No events yet.</p>;
  return (
    <ol className="timeline">
      {entries.map((e, i) => (
        <li key={i} className={`tl-${e.kind}`}>
          <Time ms={e.at} /> <Entry entry={e} />
        </li>
      ))}
    </ol>
  );
}

function Entry({ entry: e }: { entry: TimelineEntry }) {
  switch (e.kind) {
    case 'event':
      return (
        <details>
          <summary>
            <strong>{e.event.type}</strong>
            {e.event.toState ? ` → ${e.event.toState}` : ''}
            {e.event.source ? <span className="muted"> ({e.event.source})</span> : null}
          </summary>
          <JsonView value={e.payload ?? e.event.detail} label={`Detail of ${e.event.type}`} />
        </details>
      );
    case 'inbox':
      return <InboxEntry entry={e} />;
    case 'exception':
      return (
        <span>
          <Badge kind={e.impact}>exception</Badge>{' '}
          <Link to={`/exceptions/${e.exceptionId}`}>#{e.exceptionId}</Link> <code>{e.code}</code> ({e.status}
          ): {e.message}
        </span>
      );
    case 'release':
      return (
        <details>
          <summary>
            <strong>released to {e.warehouse}</strong> <Badge kind={e.state}>{e.state}</Badge>
            {e.externalRef ? <span className="muted"> ({e.externalRef})</span> : null}
          </summary>
          <JsonView value={e.payload} label={`Release to ${e.warehouse}`} />
        </details>
      );
    case 'shipment':
      return (
        <details>
          <summary>
            <strong>
              shipment {e.shipmentId} from {e.warehouse}
            </strong>{' '}
            <Badge kind={e.state}>{e.state}</Badge>
          </summary>
          <JsonView value={e.payload} label={`Shipment ${e.shipmentId}`} />
        </details>
      );
  }
}

/** A raw inbound message: its body is fetched only when a person opens it. */
function InboxEntry({ entry: e }: { entry: Extract<TimelineEntry, { kind: 'inbox' }> }) {
  const [open, setOpen] = useState(false);
  const body = useGet<{ body: string }>(open && e.payload === undefined ? `/inbox/${e.inboxId}` : null);
  let raw: unknown = e.payload ?? body.data?.body;
  if (typeof raw === 'string')
    try {
      raw = JSON.parse(raw);
    } catch {
      // a non-JSON body (EDI, XML) is shown as text
    }
  return (
    <details onToggle={(ev) => setOpen((ev.target as HTMLDetailsElement).open)}>
      <summary>
        <strong>
          received {e.topic} from {e.source}
        </strong>{' '}
        <Badge kind={e.status}>{e.status}</Badge>
        {e.reason ? <span className="muted"> {e.reason}</span> : null}
      </summary>
      {body.isPending && open && e.payload === undefined ? (
        <Loading what="raw message" />
      ) : (
        <JsonView value={raw} label={`Raw message ${e.inboxId}`} />
      )}
      <ErrorNote error={body.error} />
    </details>
  );
}
