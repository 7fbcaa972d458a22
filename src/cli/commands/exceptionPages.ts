/** How `ferry exceptions ls` and `show` print for a person (`--json` prints the record for machines). */
import type { ExceptionRecord } from '../../store/index.js';
import { iso } from '../shared.js';

/** One line of facts per exception, then its whole message: the fix it names is at its end. */
export function exceptionList(rows: readonly ExceptionRecord[]): string {
  if (rows.length === 0) return '(none)';
  return rows
    .map((e) =>
      [
        `#${e.id}  ${e.status}  ${e.impact}  ${e.code}  ${e.task}${e.partner ? `  ${e.partner}` : ''}  ${iso(e.createdAt)}`,
        `    ${e.message}`,
      ].join('\n'),
    )
    .join('\n');
}

/** The `ferry …` commands a message names, in parentheses, with `<id>` filled in. */
function commandsIn(message: string, id: number): string[] {
  return [...message.matchAll(/\((ferry [^)]+)\)/g)].map((m) => m[1]!.replace(/<id>/g, String(id)));
}

const label = (k: string): string => k.padEnd(9);

/** One exception as a page: what, where, the values, what happened, and how to fix it. */
export function exceptionPage(e: ExceptionRecord): string {
  const out: string[] = [`exception ${e.id}: ${e.status}, impact ${e.impact}, code ${e.code}`, ''];
  for (const [k, v] of Object.entries(e.entities)) out.push(`${label(k)} ${v}`);
  out.push(
    `${label('task')} ${e.task} (lane ${e.lane}, job ${e.jobId})${e.partner ? `, partner ${e.partner}` : ''}`,
    `${label('created')} ${iso(e.createdAt)}`,
  );
  if (e.resolvedAt !== null)
    out.push(
      `${label('resolved')} ${iso(e.resolvedAt)}${e.resolvedBy ? ` by ${e.resolvedBy}` : ''}${e.resolutionNote ? `: ${e.resolutionNote}` : ''}`,
    );
  out.push('', 'what happened:', `  ${e.message}`);
  if (e.status === 'open') {
    const fixes = [
      ...new Set([
        ...commandsIn(e.message, e.id),
        `ferry exceptions replay ${e.id}`,
        `ferry exceptions skip ${e.id} --reason TEXT`,
      ]),
    ];
    out.push('', 'to fix:', ...fixes.map((c) => `  ${c}`));
  }
  if (e.history.length) {
    out.push('', 'attempts:');
    for (const h of e.history)
      out.push(`  ${h.attempt}  ${iso(h.at)}  ${h.code}${h.retryable ? ' (retryable)' : ''}: ${h.message}`);
  }
  const bytes = Buffer.byteLength(JSON.stringify(e.payload ?? null));
  out.push('', `payload: ${bytes} bytes (ferry exceptions show ${e.id} --json prints it)`);
  return out.join('\n');
}
