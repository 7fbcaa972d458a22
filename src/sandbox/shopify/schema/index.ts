/**
 * The Admin GraphQL 2026-04 schema subset the simulator validates every document against. No
 * published copy of Shopify's Admin schema ships in an npm package (the codegen preset downloads it
 * from shopify.dev at run time), so the subset is written from the reference pages; see
 * sdlOrders.ts and sdlFulfillment.ts.
 */
import { buildSchema } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { SDL_FULFILLMENT } from './sdlFulfillment.js';
import { SDL_ORDERS } from './sdlOrders.js';

/**
 * enums/CurrencyCode and enums/CountryCode list ISO 4217 and ISO 3166-1 alpha-2 codes (plus
 * XXX and ZZ for "unknown"); the runtime's own ISO tables give the same lists without copying
 * hundreds of names by hand.
 */
function isoEnums(): string {
  const currencies = new Set([...Intl.supportedValuesOf('currency'), 'XXX']);
  const regions = new Intl.DisplayNames(['en'], { type: 'region' });
  const countries = new Set<string>(['ZZ']);
  const A = 'A'.charCodeAt(0);
  for (let i = 0; i < 26; i++) {
    for (let j = 0; j < 26; j++) {
      const code = String.fromCharCode(A + i, A + j);
      const name = regions.of(code);
      if (name !== undefined && name !== code) countries.add(code);
    }
  }
  return `"enums/CurrencyCode"\nenum CurrencyCode { ${[...currencies].join(' ')} }\n"enums/CountryCode"\nenum CountryCode { ${[...countries].join(' ')} }\n`;
}

let built: GraphQLSchema | undefined;

/** Built once per process (about 10 ms). */
export function adminSchema(): GraphQLSchema {
  built ??= buildSchema(`${SDL_ORDERS}\n${SDL_FULFILLMENT}\n${isoEnums()}`);
  return built;
}
