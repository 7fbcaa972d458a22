/**
 * The REST order resource as Shopify's webhooks send it (API 2026-04, PROTOCOLS.md §1.3), written
 * independently of the connector's schema so the simulator does not mirror the connector's bugs.
 */

export interface MoneySetJson {
  shop_money: { amount: string; currency_code: string };
  presentment_money: { amount: string; currency_code: string };
}

export interface TaxLineJson {
  title: string;
  rate: number;
  price: string;
  price_set: MoneySetJson;
  channel_liable: boolean;
}

export interface DiscountAllocationJson {
  amount: string;
  amount_set: MoneySetJson;
  discount_application_index: number;
}

export interface AddressJson {
  first_name: string | null;
  last_name: string | null;
  name: string | null;
  company: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  province: string | null;
  province_code: string | null;
  zip: string | null;
  country: string | null;
  country_code: string | null;
  phone: string | null;
}

export interface LineItemJson {
  id: number;
  admin_graphql_api_id: string;
  variant_id: number | null;
  product_id: number | null;
  sku: string;
  name: string;
  title: string;
  variant_title: string | null;
  quantity: number;
  current_quantity: number;
  fulfillable_quantity: number;
  fulfillment_status: string | null;
  price: string;
  price_set: MoneySetJson;
  total_discount: string;
  taxable: boolean;
  requires_shipping: boolean;
  grams: number;
  gift_card?: boolean;
  properties?: { name: string; value: string }[];
  tax_lines: TaxLineJson[];
  discount_allocations: DiscountAllocationJson[];
}

export interface ShippingLineJson {
  id: number;
  title: string;
  code: string;
  source: string;
  price: string;
  price_set: MoneySetJson;
  discounted_price: string;
  tax_lines: TaxLineJson[];
  discount_allocations: DiscountAllocationJson[];
  is_removed: boolean;
}

export interface OrderJson {
  id: number;
  admin_graphql_api_id: string;
  name: string;
  order_number: number;
  email: string | null;
  phone: string | null;
  created_at: string;
  updated_at: string;
  processed_at: string;
  cancelled_at: string | null;
  cancel_reason: string | null;
  closed_at: string | null;
  currency: string;
  presentment_currency: string;
  taxes_included: boolean;
  tax_exempt: boolean;
  test: boolean;
  financial_status: string;
  fulfillment_status: string | null;
  note: string | null;
  tags: string;
  source_name: string;
  subtotal_price: string;
  total_price: string;
  total_price_set?: MoneySetJson;
  current_total_price_set?: MoneySetJson;
  total_tax: string;
  total_discounts: string;
  total_line_items_price: string;
  total_shipping_price_set: MoneySetJson;
  customer: {
    id: number;
    email: string;
    first_name: string;
    last_name: string;
    phone: string | null;
    tax_exempt?: boolean;
  } | null;
  billing_address: AddressJson | null;
  shipping_address: AddressJson | null;
  discount_codes: { code: string; amount: string; type: string }[];
  discount_applications: { type: string; value: string; value_type: string; code?: string }[];
  tax_lines: TaxLineJson[];
  line_items: LineItemJson[];
  shipping_lines: ShippingLineJson[];
  [extra: string]: unknown;
}
