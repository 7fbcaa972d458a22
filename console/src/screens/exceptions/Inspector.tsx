import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.js';
import type { PayloadDiff } from '../../api/types.js';
import { ErrorNote, Loading } from '../../components/bits.js';
import { DiffView } from '../../components/Json.js';

type Against = 'previous' | 'edited';

/**
 * The payload inspector: this attempt against the one before it, or against the payload a person
 * edited, as the server computes it from what it stored.
 */
export function PayloadInspector({ id }: { id: number }) {
  const [against, setAgainst] = useState<Against | null>(null);
  const path = against ? `/exceptions/${id}/diff?against=${against}` : null;
  const diff = useQuery({
    queryKey: [path],
    enabled: path !== null,
    queryFn: () => api<PayloadDiff>('GET', path!),
  });
  return (
    <div className="inspector">
      <div className="actions" role="group" aria-label="Compare payload">
        <button type="button" aria-pressed={against === 'previous'} onClick={() => setAgainst('previous')}>
          Compare with previous attempt
        </button>
        <button type="button" aria-pressed={against === 'edited'} onClick={() => setAgainst('edited')}>
          Compare with edited payload
        </button>
      </div>
      {against && diff.isPending && <Loading what="differences" />}
      <ErrorNote error={diff.error} />
      {diff.data && (
        <DiffView
          changes={diff.data.changes}
          caption={`${diff.data.to.label} against ${diff.data.from.label}`}
        />
      )}
    </div>
  );
}
