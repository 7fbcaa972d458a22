/** Field and method names that differ by version (ODOO.md §2, §6). */

export interface VersionNames {
  /** stock.move quantity written when shipping: `quantity_done` (16) or `quantity` (17+). */
  moveDone: 'quantity_done' | 'quantity';
  /** 17+ mark shipped moves `picked`. */
  usesPicked: boolean;
  /** sale.order.line taxes: `tax_id` (≤18) or `tax_ids` (19). */
  saleLineTaxes: 'tax_id' | 'tax_ids';
  /** Return wizard button. */
  createReturns: 'create_returns' | 'action_create_returns';
  /** Reversal wizard button: 16 `reverse_moves`, 17+ `refund_moves`. */
  refundMoves: 'reverse_moves' | 'refund_moves';
  /** Access probe: `check_access_rights` (≤17) or `has_access` (18+). */
  accessProbe: 'check_access_rights' | 'has_access';
  /** Storable product values for create. */
  storableProduct: Record<string, unknown>;
}

export function namesFor(major: number): VersionNames {
  return {
    moveDone: major <= 16 ? 'quantity_done' : 'quantity',
    usesPicked: major >= 17,
    saleLineTaxes: major >= 19 ? 'tax_ids' : 'tax_id',
    createReturns: major <= 17 ? 'create_returns' : 'action_create_returns',
    refundMoves: major <= 16 ? 'reverse_moves' : 'refund_moves',
    accessProbe: major <= 17 ? 'check_access_rights' : 'has_access',
    storableProduct: major <= 17 ? { detailed_type: 'product' } : { type: 'consu', is_storable: true },
  };
}
