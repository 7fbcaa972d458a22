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

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/**
 * Leaf-by-leaf differences between two JSON values, paths like `line_items[0].sku`: what a person
 * is about to change when they edit a payload, shown before they confirm.
 */
export function diffJson(a: unknown, b: unknown, path = ''): Change[] {
  if (isObject(a) && isObject(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => {
      const p = Array.isArray(a) ? `${path}[${k}]` : path ? `${path}.${k}` : k;
      return diffJson(a[k], b[k], p);
    });
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ path, from: a, to: b }];
}
