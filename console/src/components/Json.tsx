import type { Change } from '../api/types.js';

/** A payload as indented JSON, scrollable, readable by keyboard (focusable region). */
export function JsonView({ value, label }: { value: unknown; label: string }) {
  return (
    <pre className="json" tabIndex={0} aria-label={label}>
      {value === undefined ? '(none)' : JSON.stringify(value, null, 2)}
    </pre>
  );
}

const show = (v: unknown): string => (v === undefined ? '(absent)' : JSON.stringify(v));

/** Changes path by path: what was there and what will be (or was) there instead. */
export function DiffView({ changes, caption }: { changes: Change[]; caption: string }) {
  if (changes.length === 0) return <p className="muted">{caption}: no differences.</p>;
  return (
    <table className="diff">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">field</th>
          <th scope="col">before</th>
          <th scope="col">after</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.path}>
            <th scope="row">
              <code>{c.path || '(whole value)'}</code>
            </th>
            <td className="del">
              <code>{show(c.from)}</code>
            </td>
            <td className="ins">
              <code>{show(c.to)}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
