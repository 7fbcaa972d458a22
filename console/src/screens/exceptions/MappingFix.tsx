import { useId, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client.js';
import { isPending, type MappingChangeResult } from '../../api/types.js';
import { ErrorNote } from '../../components/bits.js';

/** What a value of each kind looks like. */
const PLACEHOLDER: Record<string, string> = { sku: 'Odoo SKU', carrier: 'Carrier name', tax: 'Odoo tax' };

/**
 * The fix the failure names, inline: add the missing mapping here, then replay. Where four-eyes
 * applies, the server keeps the change pending until a second person approves it.
 */
export function MappingFix({ target }: { target: { kind: string; scope: string; key: string } }) {
  // `key` is React's own prop name: the mapping's key travels inside `target`.
  const { kind, scope, key } = target;
  const [value, setValue] = useState('');
  // Several fixes may share a page (the partners screen lists every gap): each needs its own id.
  const headingId = useId();
  const save = useMutation({
    mutationFn: () =>
      api<MappingChangeResult>(
        'PUT',
        `/mappings/${encodeURIComponent(kind)}/${encodeURIComponent(scope)}/${encodeURIComponent(key)}`,
        {
          value,
        },
      ),
  });
  return (
    <section aria-labelledby={headingId} className="fix">
      <h2 id={headingId}>Add the missing mapping</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <p>
          {kind} mapping in <code>{scope}</code>: <code>{key}</code> →{' '}
          <label>
            <span className="sr-only">
              {kind === 'carrier' ? 'Carrier name' : 'Odoo value'} for {key}
            </span>
            <input
              required
              value={value}
              onChange={(e) => setValue(e.target.value)}
              placeholder={PLACEHOLDER[kind] ?? 'Odoo value'}
            />
          </label>{' '}
          <button type="submit" disabled={!value.trim() || save.isPending}>
            Save mapping
          </button>
        </p>
      </form>
      <p role="status" aria-live="polite">
        {save.data &&
          (isPending(save.data)
            ? `Waiting for a second person's approval (change ${save.data.id}); replay once it is approved.`
            : kind === 'carrier'
              ? `Saved: ${key} → ${save.data.value ?? value} (version ${save.data.version}). The shipments that follow show this name; replay to close what was recorded.`
              : `Saved: ${key} → ${save.data.value ?? value} (version ${save.data.version}). Replay to run the order again.`)}
      </p>
      <ErrorNote error={save.error} />
      <p>
        <Link to={`/mappings?kind=${encodeURIComponent(kind)}&scope=${encodeURIComponent(scope)}`}>
          All {kind} mappings of {scope}
        </Link>
      </p>
    </section>
  );
}
