import { STAGES, type CompletenessReport } from './report.js';

/** The alert rule name of completeness misses (one alert per channel and stage). */
export const COMPLETENESS_RULE = 'completeness';

/** One alert per channel and stage that has orders missing past its service level. */
export function completenessFindings(
  reports: readonly CompletenessReport[],
): { rule: string; subject: string; message: string }[] {
  const byKey = new Map<string, { rule: string; subject: string; refs: string[] }>();
  for (const r of reports)
    for (const stage of STAGES) {
      const overdue = r.missing[stage].filter((m) => m.overdue);
      if (overdue.length === 0) continue;
      const subject = `${r.channel}:${stage}`;
      const entry = byKey.get(subject) ?? { rule: COMPLETENESS_RULE, subject, refs: [] };
      entry.refs.push(...overdue.map((m) => m.ref ?? `${r.channel}#${m.channelOrderId}`));
      byKey.set(subject, entry);
    }
  return [...byKey.values()].map((e) => {
    const [channel, stage] = e.subject.split(':');
    const shown =
      e.refs.slice(0, 10).join(', ') + (e.refs.length > 10 ? ` and ${e.refs.length - 10} more` : '');
    return {
      rule: e.rule,
      subject: e.subject,
      message: `${e.refs.length} order(s) from ${channel} missing at ${stage} past its service level: ${shown}`,
    };
  });
}
