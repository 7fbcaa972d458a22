import { formText } from '../../components/bits.js';
import { useSession } from '../../session.js';
import { ERROR_CLASSES, IMPACTS, LINK_KEYS, type Filters } from './filters.js';

/**
 * The queue's filters. Text fields apply on submit (Enter), selects at once; every value lands
 * in the URL, so the filtered list can be shared.
 */
export function FilterBar({ filters, set }: { filters: Filters; set: (p: Partial<Filters>) => void }) {
  // `me`, not an id: a shared link to "assigned to me" shows each person their own.
  const me = useSession().session?.user.id;
  return (
    <form
      className="filters"
      aria-label="Filters"
      key={JSON.stringify(filters)}
      onSubmit={(e) => {
        e.preventDefault();
        const f = formText(e.currentTarget);
        set({ q: f('q'), lane: f('lane'), code: f('code') });
      }}
    >
      <label>
        Search <input name="q" type="search" defaultValue={filters.q} placeholder="order, SKU, message" />
      </label>
      <label>
        Impact{' '}
        <select value={filters.impact} onChange={(e) => set({ impact: e.target.value })}>
          <option value="">any</option>
          {IMPACTS.map((i) => (
            <option key={i}>{i}</option>
          ))}
        </select>
      </label>
      <label>
        Error class{' '}
        <select value={filters.errorClass} onChange={(e) => set({ errorClass: e.target.value })}>
          <option value="">any</option>
          {ERROR_CLASSES.map((i) => (
            <option key={i}>{i}</option>
          ))}
        </select>
      </label>
      <label>
        Code <input name="code" defaultValue={filters.code} placeholder="mapping_missing" size={16} />
      </label>
      <label>
        Lane <input name="lane" defaultValue={filters.lane} size={10} />
      </label>
      {me != null && (
        <label className="check">
          <input
            type="checkbox"
            checked={filters.assignee === 'me'}
            onChange={(e) => set({ assignee: e.target.checked ? 'me' : '' })}
          />{' '}
          Assigned to me
        </label>
      )}
      <button type="submit">Apply</button>
      <button
        type="button"
        onClick={() =>
          set({
            q: '',
            lane: '',
            code: '',
            impact: '',
            errorClass: '',
            assignee: '',
            ...Object.fromEntries(LINK_KEYS.map((k) => [k, ''])),
          })
        }
      >
        Clear
      </button>
      {LINK_KEYS.some((k) => filters[k]) && (
        <p className="muted">
          Also filtered by{' '}
          {LINK_KEYS.filter((k) => filters[k])
            .map((k) =>
              k === 'maxAgeMs'
                ? `age ≤ ${Math.round(Number(filters[k]) / 60_000)} min`
                : `${k} = ${filters[k]}`,
            )
            .join(', ')}
        </p>
      )}
    </form>
  );
}
