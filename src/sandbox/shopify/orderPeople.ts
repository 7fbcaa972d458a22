/**
 * Buyers and addresses of generated orders.
 */
import type { Rng } from './rng.js';
import type { AddressJson, OrderJson } from './orderTypes.js';

const PEOPLE = [
  ['Ada', 'Lovelace'],
  ['Grace', 'Hopper'],
  ['Alan', 'Turing'],
  ['Katherine', 'Johnson'],
  ['Edsger', 'Dijkstra'],
  ['Barbara', 'Liskov'],
] as const;

const PLACES = {
  US: { city: 'Albany', province: 'New York', province_code: 'NY', zip: '12207', country: 'United States' },
  DE: { city: 'Berlin', province: 'Berlin', province_code: 'BE', zip: '10115', country: 'Germany' },
  JP: { city: 'Tokyo', province: 'Tokyo', province_code: 'JP-13', zip: '100-0001', country: 'Japan' },
  GB: {
    city: 'London',
    province: 'England',
    province_code: 'ENG',
    zip: 'SW1A 1AA',
    country: 'United Kingdom',
  },
} as const;

export type Country = keyof typeof PLACES;

/** A buyer: customer record, e-mail and one address used for billing and shipping. */
export function buyer(
  rng: Rng,
  country: Country,
): Pick<OrderJson, 'email' | 'customer' | 'billing_address' | 'shipping_address'> {
  const [first, last] = rng.pick(PEOPLE);
  const address = addressFor(first, last, country, rng);
  return {
    email: `${first.toLowerCase()}.${last.toLowerCase()}@example.com`,
    customer: {
      id: 7000 + rng.int(1, 500),
      email: `${first.toLowerCase()}@example.com`,
      first_name: first,
      last_name: last,
      phone: null,
    },
    billing_address: address,
    shipping_address: address,
  };
}

function addressFor(first: string, last: string, country: keyof typeof PLACES, rng: Rng): AddressJson {
  const place = PLACES[country];
  return {
    first_name: first,
    last_name: last,
    name: `${first} ${last}`,
    company: rng.next() < 0.15 ? `${last} Trading` : null,
    address1: `${rng.int(1, 999)} Main Street`,
    address2: null,
    ...place,
    country_code: country,
    phone: null,
  };
}
