/**
 * Per-channel customer rules (DESIGN.md §2: Odoo owns the customer master; Ferry finds or creates
 * customers "by rule"). Consumers and businesses are treated differently because distributors do:
 * a web shop's consumers are often booked on one shared partner, while a business customer carries
 * credit terms and prices in Odoo and must not be invented from a checkout form.
 */
import { FerryError } from '../../../core/errors.js';
import type { Party } from '../../../core/model.js';
import type { CustomerMatchKey } from '../options.js';
import type { Ops } from './context.js';

/** How one channel's customers become Odoo partners. */
export interface CustomerRule {
  /**
   * Consumers (no company on the order): `per-customer` finds or creates one partner each;
   * `{ sharedPartnerId }` books every consumer on that partner, addresses as its child contacts.
   * Default `per-customer`.
   */
  b2c?: 'per-customer' | { sharedPartnerId: number };
  /**
   * Businesses (a company on the billing address): `find-or-create`, or `must-exist`, where an
   * order from a business Odoo does not know is refused for a person to link. Default `find-or-create`.
   */
  b2b?: 'find-or-create' | 'must-exist';
  /** Keys to find a consumer, in order; default the connection's `customerMatch`. */
  b2cMatch?: CustomerMatchKey[];
  /** Keys to find a business, in order; default VAT, then ref, then email. */
  b2bMatch?: CustomerMatchKey[];
}

/** What the rule says for one party: the keys to search, a fixed partner, whether to create. */
export interface CustomerPolicy {
  match: [string, string][];
  /** Every such party is this partner (shared consumer partner). */
  fixedPartnerId?: number;
  /** false: a party not found is refused rather than created. */
  create: boolean;
  kind: 'b2c' | 'b2b';
}

const B2B_MATCH: CustomerMatchKey[] = ['vat', 'ref', 'email'];

export function isBusiness(party: Party): boolean {
  return party.isCompany || Boolean(party.billingAddress?.company?.trim());
}

export function customerPolicy(ops: Ops, party: Party, channel: string): CustomerPolicy {
  const rule = ops.cfg.customerRules[channel] ?? {};
  const values: Record<CustomerMatchKey, string | undefined> = {
    ref: party.channelCustomerId ? `${channel}:${party.channelCustomerId}` : undefined,
    email: party.email?.trim().toLowerCase() || undefined,
    vat: party.vat?.replace(/\s+/g, '').toUpperCase() || undefined,
  };
  const pick = (keys: CustomerMatchKey[]): [string, string][] =>
    keys.flatMap((k) => (values[k] ? [[k, values[k]] as [string, string]] : []));
  if (isBusiness(party)) {
    return { kind: 'b2b', match: pick(rule.b2bMatch ?? B2B_MATCH), create: rule.b2b !== 'must-exist' };
  }
  const b2c = rule.b2c ?? 'per-customer';
  if (b2c !== 'per-customer') {
    return { kind: 'b2c', match: [], fixedPartnerId: b2c.sharedPartnerId, create: false };
  }
  return { kind: 'b2c', match: pick(rule.b2cMatch ?? ops.cfg.customerMatch), create: true };
}

/** The refusal a person sees when a business must already exist in Odoo and does not. */
export function unknownBusiness(party: Party, channel: string, policy: CustomerPolicy): FerryError {
  const company = party.billingAddress?.company?.trim() || party.name;
  // An email is personal data and stays out of messages (they reach logs); VAT and ids do not.
  const keys =
    policy.match.map(([k, v]) => (k === 'email' ? 'the order email' : `${k} ${v}`)).join(', ') ||
    'no VAT, customer id or email';
  return new FerryError(
    'rule_failed',
    `rule customer: business customer "${company}" (${keys}) is not in Odoo, and channel ${channel} accepts orders only from business customers Odoo knows; create or link the customer in Odoo (VAT or reference as above), then replay`,
    { impact: 'blocks-shipment', entities: { rule: 'customer', customer: company } },
  );
}
