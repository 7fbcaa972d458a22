/** Field-level differences between two JSON values, for the payload inspector and the audit trail. */

/** One difference: where (`lines[0].sku`), and the value before and after (absent: undefined → null). */
export interface JsonChange {
  path: string;
  op: 'add' | 'remove' | 'change';
  from: unknown;
  to: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const join = (base: string, key: string | number): string =>
  typeof key === 'number' ? `${base}[${key}]` : base ? `${base}.${key}` : key;

/**
 * Every leaf that differs between `a` and `b`, depth first in key order; arrays compare by index.
 * At most `max` changes (default 1000): a payload replaced wholesale still answers quickly.
 */
export function jsonDiff(a: unknown, b: unknown, max = 1000): JsonChange[] {
  const out: JsonChange[] = [];
  const walk = (x: unknown, y: unknown, path: string): void => {
    if (out.length >= max) return;
    if (x === undefined && y === undefined) return;
    if (x === undefined) return void out.push({ path: path || '(root)', op: 'add', from: null, to: y });
    if (y === undefined) return void out.push({ path: path || '(root)', op: 'remove', from: x, to: null });
    if (Array.isArray(x) && Array.isArray(y)) {
      for (let i = 0; i < Math.max(x.length, y.length); i++) walk(x[i], y[i], join(path, i));
      return;
    }
    if (isObject(x) && isObject(y)) {
      for (const k of [...new Set([...Object.keys(x), ...Object.keys(y)])].sort())
        walk(x[k], y[k], join(path, k));
      return;
    }
    if (JSON.stringify(x) !== JSON.stringify(y))
      out.push({ path: path || '(root)', op: 'change', from: x, to: y });
  };
  walk(a, b, '');
  return out;
}
