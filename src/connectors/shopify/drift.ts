/**
 * Schema drift detection for order payloads (DESIGN.md §7): fields that appear, vanish or change
 * type against API 2026-04 are reported so a change is noticed on its first message. Drift never
 * fails intake by itself; validation does that for the fields Ferry needs.
 */

/** JSON value kinds as `typeof` would name them, with `array` and `null` told apart. */
export type JsonKind = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null';

export interface DriftItem {
  /** JSON path: `financial_status`, `line_items[].sku`. */
  path: string;
  kind: 'new_field' | 'type_changed' | 'missing';
  expected?: string;
  actual?: JsonKind;
}

type Spec = Readonly<Record<string, string>>;

/** Fields Ferry reads, with the kinds 2026-04 sends; `?` = may be absent. */
const ORDER_SPEC: Spec = {
  id: 'number|string',
  name: 'string',
  created_at: 'string',
  updated_at: 'string',
  cancelled_at: 'string|null',
  currency: 'string',
  taxes_included: 'boolean',
  financial_status: 'string|null',
  fulfillment_status: 'string|null',
  note: 'string|null?',
  email: 'string|null?',
  customer: 'object|null?',
  billing_address: 'object|null?',
  shipping_address: 'object|null?',
  line_items: 'array',
  shipping_lines: 'array',
  tax_lines: 'array',
};

const LINE_SPEC: Spec = {
  id: 'number|string',
  variant_id: 'number|string|null',
  sku: 'string|null',
  quantity: 'number',
  price: 'string',
  price_set: 'object?',
  tax_lines: 'array',
  discount_allocations: 'array',
};

/**
 * Other top-level fields of the 2026-04 REST order resource, known and not read by Ferry: their
 * presence is not drift. From the REST Order reference and real payload fixtures (PROTOCOLS.md §1.3).
 */
const OTHER_ORDER_FIELDS = new Set(
  (
    'admin_graphql_api_id app_id browser_ip buyer_accepts_marketing cancel_reason cart_token checkout_id ' +
    'checkout_token client_details closed_at company confirmation_number confirmed contact_email ' +
    'current_subtotal_price current_subtotal_price_set current_total_additional_fees_set ' +
    'current_total_discounts current_total_discounts_set current_total_duties_set current_total_price ' +
    'current_total_price_set current_total_tax current_total_tax_set customer_locale device_id ' +
    'discount_applications discount_codes duties_included estimated_taxes fulfillments landing_site ' +
    'landing_site_ref location_id merchant_business_entity_id merchant_of_record_app_id note_attributes ' +
    'number order_number order_status_url original_total_additional_fees_set original_total_duties_set ' +
    'payment_gateway_names payment_terms phone po_number presentment_currency processed_at reference ' +
    'referring_site refunds returns source_identifier source_name source_url subtotal_price ' +
    'subtotal_price_set tags tax_exempt test token total_cash_rounding_payment_adjustment_set ' +
    'total_cash_rounding_refund_adjustment_set total_discounts total_discounts_set total_line_items_price ' +
    'total_line_items_price_set total_outstanding total_price total_price_set total_shipping_price_set ' +
    'total_tax total_tax_set total_tip_received total_weight updated_by user_id'
  ).split(' '),
);

/**
 * Keys only the poll's conversion of a GraphQL order adds (graphqlOrderNode.ts): not REST fields,
 * and not drift.
 */
const POLL_ONLY_FIELDS = new Set(['risk']);

/** Compares one order payload with the fields Ferry knows and lists the differences. */
export function detectShopifyOrderDrift(json: unknown): DriftItem[] {
  if (kindOf(json) !== 'object')
    return [{ path: '(root)', kind: 'type_changed', expected: 'object', actual: kindOf(json) }];
  const order = json as Record<string, unknown>;
  const drift = compare(order, ORDER_SPEC, '');
  for (const key of Object.keys(order)) {
    if (!(key in ORDER_SPEC) && !OTHER_ORDER_FIELDS.has(key) && !POLL_ONLY_FIELDS.has(key))
      drift.push({ path: key, kind: 'new_field' });
  }
  if (Array.isArray(order.line_items)) {
    const seen = new Set<string>();
    for (const li of order.line_items) {
      if (kindOf(li) !== 'object') continue;
      for (const d of compare(li as Record<string, unknown>, LINE_SPEC, 'line_items[].')) {
        // One report per path, not one per line of a 100-line order.
        if (!seen.has(d.path)) drift.push(d);
        seen.add(d.path);
      }
    }
  }
  return drift;
}

function compare(obj: Record<string, unknown>, spec: Spec, prefix: string): DriftItem[] {
  const out: DriftItem[] = [];
  for (const [key, expectedRaw] of Object.entries(spec)) {
    const optional = expectedRaw.endsWith('?');
    const expected = optional ? expectedRaw.slice(0, -1) : expectedRaw;
    if (!(key in obj)) {
      if (!optional) out.push({ path: prefix + key, kind: 'missing', expected });
      continue;
    }
    const actual = kindOf(obj[key]);
    if (!expected.split('|').includes(actual))
      out.push({ path: prefix + key, kind: 'type_changed', expected, actual });
  }
  return out;
}

function kindOf(v: unknown): JsonKind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  const t = typeof v;
  return t === 'string' || t === 'number' || t === 'boolean' ? t : 'object';
}
