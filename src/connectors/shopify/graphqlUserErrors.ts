/**
 * Mutation `userErrors` → FerryError `partner_validation`, naming the input field Shopify blamed.
 */
import { FerryError } from '../../core/errors.js';
import type { ShopifyUserError } from './graphqlTypes.js';

/** `["input","quantities","0","changeFromQuantity"]` → `input.quantities[0].changeFromQuantity`. */
export function formatFieldPath(field: readonly string[] | null | undefined): string {
  if (!field || field.length === 0) return '(input)';
  return field.reduce(
    (acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part),
    '',
  );
}

/** Throws when Shopify refused the mutation's input; returns normally when the list is empty. */
export function throwOnUserErrors(
  mutation: string,
  errors: readonly ShopifyUserError[] | null | undefined,
  partner: string,
  entities: Record<string, string | number> = {},
): void {
  if (!errors || errors.length === 0) return;
  const parts = errors.map((e) => `${formatFieldPath(e.field)}: ${e.message}${e.code ? ` (${e.code})` : ''}`);
  throw new FerryError('partner_validation', `Shopify ${mutation} refused: ${parts.join('; ')}`, {
    partner,
    entities,
    details: {
      userErrors: errors.map((e) => ({ field: formatFieldPath(e.field), message: e.message, code: e.code })),
    },
  });
}
