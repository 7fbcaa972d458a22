import type { Migration } from './types.js';

/**
 * Universal order search (issue 18): every id an order is known by, in one index of search
 * terms, so "find by any id, exact or by prefix" is one index range at 1,000,000 orders instead
 * of a scan of the cross-references for a suffix. A term is the part of a cross-reference after
 * its last colon (`shop-eu:name:#1001` → `1001`, `tracking:1Z999` → `1z999`), lower-cased and
 * without a leading `#`; the Ferry reference and the Odoo order name are terms too. Triggers keep the index as the flows
 * add cross-references, so no writer changes; existing ones are indexed here. Terms compare
 * byte-wise (PostgreSQL: collation "C") so a prefix is a plain index range.
 */
const TERM_SQLITE = `lower(ltrim(substr(%k, length(rtrim(%k, replace(%k, ':', ''))) + 1), '#'))`;
const TERM_PG = `lower(ltrim(regexp_replace(%k, '^.*:', ''), '#'))`;
const term = (tpl: string, col: string): string => tpl.replaceAll('%k', col);

const table = (t: { bigint: string; text: string }): string[] => [
  `create table order_search (
    term ${t.text} not null,
    order_id ${t.bigint} not null,
    source text not null,
    primary key (term, order_id, source)
  )`,
  `create index order_search_order on order_search (order_id)`,
];

export const m0011: Migration = {
  version: 11,
  name: 'console: order search terms from every cross-reference',
  sqlite: [
    ...table({ bigint: 'integer', text: 'text' }),
    `create trigger order_refs_search after insert on order_refs
      when ${term(TERM_SQLITE, 'new.ref_key')} <> ''
      begin
        insert or ignore into order_search (term, order_id, source)
          values (${term(TERM_SQLITE, 'new.ref_key')}, new.order_id, new.ref_key);
      end`,
    `create trigger orders_search after insert on orders
      begin
        insert or ignore into order_search (term, order_id, source)
          values (lower(new.ref), new.id, 'ferry:ref:' || new.ref);
      end`,
    `create trigger orders_odoo_search after update of odoo_name on orders
      when new.odoo_name is not null and new.odoo_name <> ''
      begin
        insert or ignore into order_search (term, order_id, source)
          values (lower(new.odoo_name), new.id, 'odoo:sale.order:' || new.odoo_name);
      end`,
    `insert or ignore into order_search (term, order_id, source)
      select ${term(TERM_SQLITE, 'ref_key')}, order_id, ref_key from order_refs
      where ${term(TERM_SQLITE, 'ref_key')} <> ''`,
    `insert or ignore into order_search (term, order_id, source)
      select lower(ref), id, 'ferry:ref:' || ref from orders`,
    `insert or ignore into order_search (term, order_id, source)
      select lower(odoo_name), id, 'odoo:sale.order:' || odoo_name from orders
      where odoo_name is not null and odoo_name <> ''`,
  ],
  postgres: [
    ...table({ bigint: 'bigint', text: 'text collate "C"' }),
    `create function ferry_order_refs_search() returns trigger language plpgsql as $$
      begin
        if ${term(TERM_PG, 'new.ref_key')} <> '' then
          insert into order_search (term, order_id, source)
            values (${term(TERM_PG, 'new.ref_key')}, new.order_id, new.ref_key)
            on conflict do nothing;
        end if;
        return null;
      end $$`,
    `create trigger order_refs_search after insert on order_refs
      for each row execute function ferry_order_refs_search()`,
    `create function ferry_orders_search() returns trigger language plpgsql as $$
      begin
        insert into order_search (term, order_id, source)
          values (lower(new.ref), new.id, 'ferry:ref:' || new.ref)
          on conflict do nothing;
        return null;
      end $$`,
    `create trigger orders_search after insert on orders
      for each row execute function ferry_orders_search()`,
    `create function ferry_orders_odoo_search() returns trigger language plpgsql as $$
      begin
        if new.odoo_name is not null and new.odoo_name <> '' then
          insert into order_search (term, order_id, source)
            values (lower(new.odoo_name), new.id, 'odoo:sale.order:' || new.odoo_name)
            on conflict do nothing;
        end if;
        return null;
      end $$`,
    `create trigger orders_odoo_search after update of odoo_name on orders
      for each row execute function ferry_orders_odoo_search()`,
    `insert into order_search (term, order_id, source)
      select ${term(TERM_PG, 'ref_key')}, order_id, ref_key from order_refs
      where ${term(TERM_PG, 'ref_key')} <> ''
      on conflict do nothing`,
    `insert into order_search (term, order_id, source)
      select lower(ref), id, 'ferry:ref:' || ref from orders
      on conflict do nothing`,
    `insert into order_search (term, order_id, source)
      select lower(odoo_name), id, 'odoo:sale.order:' || odoo_name from orders
      where odoo_name is not null and odoo_name <> ''
      on conflict do nothing`,
  ],
};
