/**
 * Journal entries (fees, settlement adjustments) posted to a journal by code with accounts by code.
 * Amounts are minor units until this boundary; the entry must balance before Odoo is asked.
 */
import { FerryError } from '../../../core/errors.js';
import { minorToMajorNumber } from '../../../core/money.js';
import type { JournalEntryRequest, JournalEntryResult } from '../port.js';
import type { Ops } from './context.js';

async function idsByCode(
  ops: Ops,
  model: string,
  codes: string[],
  extra: unknown[] = [],
  context?: Record<string, unknown>,
): Promise<Map<string, number>> {
  const rows = await ops.conn.call<{ id: number; code: string }[]>(model, 'search_read', {
    domain: [['code', 'in', codes], ...extra],
    fields: ['code'],
    ...(context ? { context } : {}),
  });
  return new Map(rows.map((r) => [r.code, r.id]));
}

/**
 * The entry company's accounts by code. Up to 17 an account belongs to one company (`company_id`)
 * and its code is its own. From 18 an account may serve several companies (`company_ids`, and
 * `company_id` is no field of account.account) and its code is kept per company and searched in the
 * request's current company (`_search_code`: `env.company.root_id`), so the search runs with that
 * company current (`allowed_company_ids`): else another company's code, or none, would answer.
 */
async function accountsByCode(ops: Ops, codes: string[], company: number): Promise<Map<string, number>> {
  if ((await ops.conn.version()).major <= 17)
    return idsByCode(ops, 'account.account', codes, [['company_id', '=', company]]);
  return idsByCode(ops, 'account.account', codes, [['company_ids', 'in', [company]]], {
    allowed_company_ids: [company],
  });
}

export async function postJournalEntry(ops: Ops, req: JournalEntryRequest): Promise<JournalEntryResult> {
  const debit = req.lines.reduce((a, l) => a + (l.debitMinor ?? 0), 0);
  const credit = req.lines.reduce((a, l) => a + (l.creditMinor ?? 0), 0);
  if (debit !== credit || debit === 0) {
    throw new FerryError(
      'rule_failed',
      `journal entry ${req.key} does not balance (debit ${debit}, credit ${credit} minor units)`,
    );
  }
  return ops.mutex.run([`journal:${req.key}`], async () => {
    const journalCode = req.journal ?? ops.cfg.defaultJournal;
    const existing = await ops.conn.call<{ id: number; name: string | false; state: string }[]>(
      'account.move',
      'search_read',
      {
        domain: [
          ['ref', '=', req.key],
          ['move_type', '=', 'entry'],
        ],
        fields: ['name', 'state'],
        limit: 1,
      },
    );
    let id = existing[0]?.id;
    if (id === undefined) {
      // Every company has its own MISC: the entry's company's, never another's.
      const company = req.company ?? ops.cfg.company;
      const journals = await idsByCode(ops, 'account.journal', [journalCode], [['company_id', '=', company]]);
      const codes = [...new Set(req.lines.map((l) => l.account))];
      const accounts = await accountsByCode(ops, codes, company);
      const missing = codes.filter((c) => !accounts.has(c));
      if (!journals.has(journalCode) || missing.length) {
        const what = [
          ...(journals.has(journalCode) ? [] : [`journal ${journalCode}`]),
          ...(missing.length ? [`account${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`] : []),
        ];
        throw new FerryError(
          'mapping_missing',
          `Odoo company ${company} has no ${what.join(' and no ')} for journal entry ${req.key}`,
          { entities: { company, journal: journalCode, accounts: missing.join(',') } },
        );
      }
      const line = (l: JournalEntryRequest['lines'][number]) => [
        0,
        0,
        {
          account_id: accounts.get(l.account),
          name: l.label ?? req.key,
          debit: minorToMajorNumber(l.debitMinor ?? 0, req.currency),
          credit: minorToMajorNumber(l.creditMinor ?? 0, req.currency),
          ...(l.partnerId ? { partner_id: l.partnerId } : {}),
        },
      ];
      [id] = await ops.conn.call<number[]>('account.move', 'create', {
        vals_list: [
          {
            move_type: 'entry',
            ref: req.key,
            journal_id: journals.get(journalCode),
            ...(req.date ? { date: req.date } : {}),
            line_ids: req.lines.map(line),
          },
        ],
      });
    }
    if (existing[0]?.state !== 'posted')
      await ops.conn.call('account.move', 'action_post', { ids: [id as number] });
    const [row] = await ops.conn.call<{ name: string }[]>('account.move', 'read', {
      ids: [id as number],
      fields: ['name'],
    });
    return { moveId: id as number, name: String(row?.name), created: existing.length === 0 };
  });
}
