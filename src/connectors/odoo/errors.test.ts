/**
 * The error-mapping table, case by case, fed with the real servers' payloads
 * (shared/odoo-observed errors-17/18/19.json and json2-19.json).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromJson2Error, fromJsonRpcError, fromTransportError } from './errors.js';

const OBS = '/work/shared/odoo-observed';
type Case = { ok: boolean; error?: { data: { name: string; message: string } } };

const JSONRPC_EXPECTED: Record<string, [code: string, retryable: boolean]> = {
  'execute_kw wrong password': ['partner_auth', false],
  'execute_kw unknown db': ['partner_unavailable', true],
  'unknown model': ['partner_validation', false],
  'unknown method': ['partner_validation', false],
  'private method': ['partner_access', false],
  'invalid field in create': ['partner_validation', false],
  'missing required field': ['partner_validation', false],
  'bad value type': ['partner_validation', false],
  'write missing record': ['partner_missing_record', false],
  'bad domain': ['partner_validation', false],
  'unlink confirmed SO (UserError)': ['partner_validation', false],
  'confirm already confirmed SO': ['partner_validation', false],
  'post already posted invoice': ['partner_validation', false],
  'validate done picking': ['partner_validation', false],
  'return wizard without context/picking': ['partner_validation', false],
  'advance invoice wizard on nothing-to-invoice SO': ['partner_validation', false],
  'limited user read sale.order (AccessError)': ['partner_access', false],
  'limited user create product (AccessError)': ['partner_access', false],
  'limited user read account.move (AccessError)': ['partner_access', false],
};

describe.each([17, 18, 19])('JSON-RPC errors observed on %i', (v) => {
  const cases = JSON.parse(readFileSync(`${OBS}/errors-${v}.json`, 'utf8')) as Record<string, Case>;
  const failing = Object.entries(cases).filter(([, c]) => !c.ok);
  it.each(failing)('%s', (name, c) => {
    const expected = JSONRPC_EXPECTED[name];
    expect(expected, `no expectation for "${name}"`).toBeDefined();
    const e = fromJsonRpcError(c.error, { model: 'sale.order', method: 'x' });
    expect([e.code, e.retryable]).toEqual(expected);
    expect(e.message).toBe(c.error?.data.message); // Odoo's text kept for people
  });
});

describe('JSON-2 errors observed on 19', () => {
  const errs = (
    JSON.parse(readFileSync(`${OBS}/json2-19.json`, 'utf8')) as {
      errs: Record<string, { status?: number; body?: unknown }>;
    }
  ).errs;
  const expected: Record<string, string> = {
    'bad api key': 'partner_auth',
    'unknown model': 'partner_validation',
    'unknown method': 'partner_validation',
    'private method': 'partner_access',
    'bad kwarg': 'partner_validation',
    'ids on @api.model method': 'partner_validation',
    'missing required field': 'partner_validation',
    'UserError confirm twice': 'partner_validation',
    'MissingError write': 'partner_missing_record',
  };
  it.each(Object.entries(expected))('%s → %s', (name, code) => {
    const c = errs[name]!;
    expect(fromJson2Error(c.status!, c.body).code).toBe(code);
  });
});

describe('classification rules not covered by recorded payloads', () => {
  const rpc = (name: string) => fromJsonRpcError({ code: 200, data: { name, message: 'm' } });
  it.each([
    ['psycopg2.errors.SerializationFailure', 'partner_conflict', true],
    ['psycopg2.errors.LockNotAvailable', 'partner_conflict', true],
    ['psycopg2.errors.UniqueViolation', 'partner_unavailable', false],
    ['odoo.exceptions.LockError', 'partner_conflict', true],
    ['builtins.KeyError', 'partner_validation', false],
    ['odoo.exceptions.RedirectWarning', 'partner_validation', false],
    ['something.Unknown', 'unclassified', false],
  ])('%s → %s', (name, code, retryable) => {
    const e = rpc(name);
    expect([e.code, e.retryable]).toEqual([code, retryable]);
  });

  it('never reads code or message: the same text under another name maps differently', () => {
    const a = fromJsonRpcError({
      code: 200,
      message: 'Odoo Server Error',
      data: { name: 'odoo.exceptions.AccessDenied', message: 'Record does not exist' },
    });
    const b = fromJsonRpcError({
      code: 0,
      message: 'Access Denied',
      data: { name: 'odoo.exceptions.MissingError', message: 'Access Denied' },
    });
    expect([a.code, b.code]).toEqual(['partner_auth', 'partner_missing_record']);
  });

  it.each([
    [409, 'odoo.exceptions.LockError', 'partner_conflict', true],
    [500, 'builtins.ValueError', 'partner_validation', false],
    [500, 'psycopg2.errors.SerializationFailure', 'partner_conflict', true],
    [500, '', 'partner_unavailable', true],
    [502, '', 'partner_unavailable', true],
    [503, '', 'partner_unavailable', true],
    [504, '', 'partner_timeout', true],
    [429, '', 'partner_rate_limited', true],
    [401, '', 'partner_auth', false],
  ])('JSON-2 %i %s → %s', (status, name, code, retryable) => {
    const e = fromJson2Error(status, name ? { name, message: 'x' } : '<html>');
    expect([e.code, e.retryable]).toEqual([code, retryable]);
  });

  it('keeps Retry-After', () => {
    expect(fromJson2Error(429, undefined, {}, 7000).retryAfterMs).toBe(7000);
  });

  it.each([
    [{ code: 'UND_ERR_HEADERS_TIMEOUT' }, 'partner_timeout'],
    [{ code: 'UND_ERR_CONNECT_TIMEOUT' }, 'partner_timeout'],
    [{ name: 'TimeoutError' }, 'partner_timeout'],
    [{ code: 'ECONNREFUSED' }, 'partner_unavailable'],
    [{ code: 'UND_ERR_SOCKET' }, 'partner_unavailable'],
    [{ cause: { code: 'ECONNRESET' } }, 'partner_unavailable'],
  ])('transport %o → %s', (err, code) => {
    const e = fromTransportError(err, 'http://odoo');
    expect(e.code).toBe(code);
    expect(e.retryable).toBe(true);
  });
});
