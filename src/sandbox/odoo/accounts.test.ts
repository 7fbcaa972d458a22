/**
 * Accounts per company, as each version keeps them (account/models/account_account.py): up to 17
 * an account belongs to one company (`company_id`) and its code is its own; from 18 an account
 * serves one or more companies (`company_ids`, a many2many; `company_id` is no field of it, and
 * Odoo refuses it like any unknown field) and its code is kept per company and read and searched
 * in the request's current company (the first of `allowed_company_ids`, else the user's). A journal
 * item's account must be one of the entry's company (`check_company`), else "Incompatible
 * companies on records".
 */
import { describe, expect, it } from 'vitest';
import { addAccount } from './seed.js';
import { SimCore } from './simulator.js';
import { ExceptionName, SimError } from './types.js';
import type { OdooVersion } from './types.js';

function setup(version: OdooVersion) {
  const c = new SimCore({ version, db: 'accounts' });
  const usd = c.db.where('res.currency', (r) => r.name === 'USD')[0]!.id;
  const b = c.callSync('res.company', 'create', [], {
    vals_list: { name: 'Ferry US Inc', currency_id: usd },
  }) as number;
  const miscB = c.db.insert('account.journal', {
    name: 'US Misc',
    code: 'MISC',
    type: 'general',
    company_id: b,
    active: true,
  }).id;
  const feesA = c.db.where('account.account', (a) => a.code_store === '627000')[0]!.id;
  const feesB = addAccount(c, {
    code: '627000',
    name: 'US Bank Fees',
    accountType: 'expense',
    companies: [b],
  });
  const bankB = addAccount(c, { code: '101401', name: 'US Bank', accountType: 'asset_cash', companies: [b] });
  const search = (domain: unknown[], ctx: Record<string, unknown> = {}) =>
    c.call('account.account', 'search_read', [], { domain, fields: ['code', 'name'] }, ctx) as Promise<
      { id: number; code: string | false; name: string }[]
    >;
  const entry = (expense: number) =>
    c.call('account.move', 'create', [], {
      vals_list: [
        {
          move_type: 'entry',
          ref: 'fee-b-1',
          journal_id: miscB,
          line_ids: [
            [0, 0, { account_id: expense, name: 'channel fee', debit: 2.5, credit: 0 }],
            [0, 0, { account_id: bankB, name: 'channel fee', debit: 0, credit: 2.5 }],
          ],
        },
      ],
    }) as Promise<number[]>;
  return { c, b, miscB, feesA, feesB, bankB, search, entry };
}

async function refusal(p: Promise<unknown>): Promise<SimError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e, 'Odoo refused the call').toBeInstanceOf(SimError);
  return e as SimError;
}

/** As real 17, 18 and 19 answered (read: 19 says "on", values: "in"). */
const invalidField = (version: OdooVersion, field: string, op: 'read' | 'values' = 'values') =>
  version < 19
    ? `Invalid field '${field}' on model 'account.account'`
    : `Invalid field '${field}' ${op === 'read' ? 'on' : 'in'} 'account.account'`;

describe.each([16, 17] as const)('Odoo %i: an account belongs to one company (company_id)', (version) => {
  it("finds each company's account of a code by company_id, and has no company_ids", async () => {
    const s = setup(version);
    expect(
      await s.search([
        ['code', '=', '627000'],
        ['company_id', '=', s.b],
      ]),
    ).toEqual([{ id: s.feesB, code: '627000', name: 'US Bank Fees' }]);
    expect(
      (
        await s.search([
          ['code', '=', '627000'],
          ['company_id', '=', 1],
        ])
      ).map((r) => r.id),
    ).toEqual([s.feesA]);
    const [row] = (await s.c.call('account.account', 'read', [s.feesB], { fields: ['company_id'] })) as {
      company_id: [number, string];
    }[];
    expect(row!.company_id).toEqual([s.b, 'Ferry US Inc']);
    const e = await refusal(s.c.call('account.account', 'read', [s.feesB], { fields: ['company_ids'] }));
    expect([e.exception, e.message]).toEqual([
      ExceptionName.valueError,
      invalidField(version, 'company_ids', 'read'),
    ]);
  });

  it('creates an account in the company it names', async () => {
    const s = setup(version);
    const id = (await s.c.call('account.account', 'create', [], {
      vals_list: [{ code: '627100', name: 'Marketplace fees', account_type: 'expense', company_id: s.b }],
    })) as number[];
    expect(s.c.db.get('account.account', id[0]!)!.company_id).toBe(s.b);
    expect((await s.search([['code', '=', '627100']])).map((r) => r.id)).toEqual(id);
    await s.c.call('account.account', 'write', id, { vals: { code: '627110' } });
    expect(await s.search([['code', '=', '627110']])).toEqual([
      { id: id[0]!, code: '627110', name: 'Marketplace fees' },
    ]);
  });
});

describe.each([18, 19] as const)(
  'Odoo %i: an account serves companies (company_ids), its code per company',
  (version) => {
    it('refuses company_id on account.account like any unknown field: in a domain, a read and a create', async () => {
      const s = setup(version);
      const inDomain = await refusal(s.search([['company_id', '=', s.b]]));
      expect([inDomain.exception, inDomain.message]).toEqual([
        ExceptionName.valueError,
        `Invalid field account.account.company_id in ${version >= 19 ? 'condition' : 'leaf'} ('company_id', '=', ${s.b})`,
      ]);
      const read = await refusal(s.c.call('account.account', 'read', [s.feesB], { fields: ['company_id'] }));
      // As real 18.0-20250702 and 19.0 answered a search_read of account.account's company_id.
      expect([read.exception, read.message]).toEqual([
        ExceptionName.valueError,
        version >= 19
          ? "Invalid field 'company_id' on 'account.account'"
          : "Invalid field 'company_id' on model 'account.account'",
      ]);
      const before = s.c.db.all('account.account').length;
      const create = await refusal(
        s.c.call('account.account', 'create', [], {
          vals_list: [{ code: '627100', name: 'Fees', account_type: 'expense', company_id: s.b }],
        }),
      );
      // Real 19.0 answered a create with company_id "in 'account.account'", 18 "on model".
      expect(create.message).toBe(invalidField(version, 'company_id'));
      expect(s.c.db.all('account.account')).toHaveLength(before);
    });

    it("searches a code in the request's current company: another company's account only with it current", async () => {
      const s = setup(version);
      // The user's company (1) is current: B's account has no code there.
      expect((await s.search([['code', '=', '627000']])).map((r) => r.id)).toEqual([s.feesA]);
      expect(
        await s.search([
          ['code', '=', '627000'],
          ['company_ids', 'in', [s.b]],
        ]),
      ).toEqual([]);
      const inB = await s.search(
        [
          ['code', '=', '627000'],
          ['company_ids', 'in', [s.b]],
        ],
        {
          allowed_company_ids: [s.b],
        },
      );
      expect(inB).toEqual([{ id: s.feesB, code: '627000', name: 'US Bank Fees' }]);
      const [row] = (await s.c.call(
        'account.account',
        'read',
        [s.feesA],
        { fields: ['code', 'company_ids'] },
        {
          allowed_company_ids: [s.b],
        },
      )) as { code: string | false; company_ids: number[] }[];
      expect(row).toMatchObject({ code: false, company_ids: [1] });
    });

    it('finds a shared account in each company it serves', async () => {
      const s = setup(version);
      const shared = (await s.c.call('account.account', 'create', [], {
        vals_list: [
          {
            code: '999000',
            name: 'Clearing',
            account_type: 'asset_current',
            company_ids: [[6, 0, [1, s.b]]],
          },
        ],
      })) as number[];
      for (const company of [1, s.b]) {
        const hit = await s.search(
          [
            ['code', '=', '999000'],
            ['company_ids', 'in', [company]],
          ],
          {
            allowed_company_ids: [company],
          },
        );
        expect(hit.map((r) => r.id)).toEqual(shared);
      }
    });
  },
);

describe.each([16, 17, 18, 19] as const)(
  'Odoo %i: journal items take accounts of their entry company',
  (version) => {
    it("refuses another company's account on a journal item, and creates nothing", async () => {
      const s = setup(version);
      const before = s.c.db.all('account.move').length;
      const e = await refusal(s.entry(s.feesA));
      expect(e.exception).toBe(ExceptionName.userError);
      // As real 17, 18 and 19 answered an entry of company B with company A's account (the line's
      // name: 17 "'/ (ref) label'", 18 and 19 "“(ref) label”"; 19 names the account without its code).
      const expected = {
        16: "Incompatible companies on records:\n- '/ (fee-b-1) channel fee' belongs to company 'Ferry US Inc' and 'Account' (account_id: '627000 Bank Fees') belongs to another company.",
        17: "Incompatible companies on records:\n- '/ (fee-b-1) channel fee' belongs to company 'Ferry US Inc' and 'Account' (account_id: '627000 Bank Fees') belongs to another company.",
        18: "Incompatible companies on records:\n- “(fee-b-1) channel fee” belongs to company “Ferry US Inc” and “Account” (account_id: '627000 Bank Fees') belongs to another company.",
        19: "Uh-oh! You’ve got some company inconsistencies here:\n- “(fee-b-1) channel fee” belongs to company “Ferry US Inc” while “Account” (account_id: 'Bank Fees') belongs to another company.\nTo avoid a mess, no company crossover is allowed!",
      }[version];
      expect(e.message).toBe(expected);
      expect(s.c.db.all('account.move')).toHaveLength(before);
    });

    it("books an entry on its own company's accounts", async () => {
      const s = setup(version);
      const [id] = await s.entry(s.feesB);
      await s.c.call('account.move', 'action_post', [id!], {});
      const move = s.c.db.get('account.move', id!)!;
      expect([move.company_id, move.state]).toEqual([s.b, 'posted']);
    });
  },
);
