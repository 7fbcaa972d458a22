/** What kind of id a search matched, from the cross-reference it is indexed under (migration 0011). */

/** The field and the id as the system wrote it, from `source` (`tracking:1Z999`, `shop-eu:name:#1001`). */
export function matchedField(source: string): { field: string; value: string } {
  const parts = source.split(':');
  const value = parts.at(-1) ?? source;
  const [system, kind] = parts;
  const field =
    system === 'ferry'
      ? 'ferry ref'
      : system === 'tracking' || parts.includes('tracking')
        ? 'tracking number'
        : system === 'odoo'
          ? 'odoo order'
          : system === 'wms' && parts[2] === 'order'
            ? 'warehouse order / EDI control number'
            : system === 'wms' && parts[2] === 'shipment'
              ? 'warehouse shipment'
              : kind === 'name'
                ? 'channel order name'
                : kind === 'order'
                  ? 'channel order id'
                  : `${system ?? ''} ${kind ?? ''}`.trim();
  return { field, value };
}
