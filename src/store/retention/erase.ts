/**
 * What of an order is personal data and what accounting needs (issue 16, item 24). Kept: the
 * order's identities, lines, prices, taxes, shipping charges, currency and dates, and the country
 * and state of its addresses (they decide the tax). Erased: the customer's name, e-mail, phone,
 * channel customer id, VAT number, street addresses, and the free-text note (customers write
 * personal details there).
 */
export const ERASED = '[erased]';

type Json = Record<string, unknown>;

function eraseAddress(a: unknown): Json | undefined {
  if (!a || typeof a !== 'object') return undefined;
  const { countryCode, stateCode } = a as Json;
  return {
    ...(typeof countryCode === 'string' ? { countryCode } : {}),
    ...(typeof stateCode === 'string' ? { stateCode } : {}),
  };
}

/** The canonical order with its customer's personal data erased; the input is left as it was. */
export function eraseOrderPersonalData(canonical: Json): Json {
  const customer = (canonical.customer ?? {}) as Json;
  const billing = eraseAddress(customer.billingAddress);
  const shipping = eraseAddress(customer.shippingAddress);
  const erased: Json = {
    ...canonical,
    customer: {
      // The canonical model requires a name; this marks it erased instead of inventing one.
      name: ERASED,
      isCompany: customer.isCompany === true,
      ...(billing ? { billingAddress: billing } : {}),
      ...(shipping ? { shippingAddress: shipping } : {}),
    },
  };
  delete erased.note;
  return erased;
}

/** The personal data an order holds, as a data request reports it. */
export function personalDataOf(canonical: Json): Json {
  const c = (canonical.customer ?? {}) as Json;
  const pick = (keys: string[], from: Json): Json =>
    Object.fromEntries(keys.filter((k) => from[k] !== undefined).map((k) => [k, from[k]]));
  return {
    ...pick(['channelCustomerId', 'name', 'email', 'phone', 'vat', 'billingAddress', 'shippingAddress'], c),
    ...(canonical.note !== undefined ? { note: canonical.note } : {}),
  };
}
