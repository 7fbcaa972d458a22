/**
 * Exact money reading for Shopify payloads: shop money from the `*_set` twin when present, else the
 * plain string field (both are shop currency; PROTOCOLS.md §1.3), always into integer minor units.
 */
import { parseDecimalToMinor } from '../../core/money.js';
import type { Money } from '../../core/money.js';
import type { TaxLine } from '../../core/model.js';
import { formatPath } from './payload.js';

/** One problem in a payload, with the JSON path of the field. */
export interface PayloadIssue {
  path: string;
  message: string;
}

interface MoneySet {
  shop_money: { amount: string | number; currency_code: string };
}

/** Collects issues while mapping, so one error names every bad field instead of the first. */
export class MappingContext {
  readonly issues: PayloadIssue[] = [];
  constructor(readonly currency: string) {}

  issue(path: readonly PropertyKey[], message: string): void {
    this.issues.push({ path: formatPath(path), message });
  }

  /** Reads a money field; on a bad value records an issue and returns 0 so mapping can go on. */
  money(plain: string | number, set: MoneySet | undefined, path: readonly PropertyKey[]): Money {
    let value = plain;
    let at = path;
    if (set !== undefined) {
      const setPath = [...path.slice(0, -1), `${String(path.at(-1))}_set`, 'shop_money'];
      if (set.shop_money.currency_code !== this.currency) {
        this.issue(
          [...setPath, 'currency_code'],
          `shop money in ${set.shop_money.currency_code}, order currency is ${this.currency}`,
        );
        return { amountMinor: 0, currency: this.currency };
      }
      value = set.shop_money.amount;
      at = [...setPath, 'amount'];
    }
    try {
      return { amountMinor: parseDecimalToMinor(value, this.currency), currency: this.currency };
    } catch (e) {
      this.issue(at, e instanceof Error ? e.message : String(e));
      return { amountMinor: 0, currency: this.currency };
    }
  }

  /** Σ of discount allocations (shop money), ≥ 0. */
  discounts(
    allocations: readonly { amount: string | number; amount_set?: MoneySet | undefined }[],
    path: readonly PropertyKey[],
  ): Money {
    let total = 0;
    allocations.forEach((a, i) => {
      total += this.money(a.amount, a.amount_set, [...path, i, 'amount']).amountMinor;
    });
    return { amountMinor: total, currency: this.currency };
  }

  taxLines(
    lines: readonly {
      title: string;
      rate: number | string;
      price: string | number;
      price_set?: MoneySet | undefined;
    }[],
    path: readonly PropertyKey[],
  ): TaxLine[] {
    return lines.map((t, i) => ({
      title: t.title,
      rate: rateText(t.rate),
      amount: this.money(t.price, t.price_set, [...path, i, 'price']),
    }));
  }
}

/** Rates come as JSON numbers (0.2); String() of a parsed JSON number gives back its shortest form. */
function rateText(rate: number | string): string {
  return typeof rate === 'number' ? String(rate) : rate.trim();
}
