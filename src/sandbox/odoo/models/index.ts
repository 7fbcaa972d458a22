/** Every model the simulator knows, in one list. */
import type { ModelDef } from '../schema.js';
import { accountModels } from './account.js';
import { baseModels } from './base.js';
import { invoicingModels } from './invoicing.js';
import { mailModels, messagePost } from './mail.js';
import { returnModels } from './returns.js';
import { saleModels } from './sale.js';
import { immediateTransferModels } from './stock-immediate.js';
import { pickingModels } from './stock-picking.js';
import { quantModel } from './stock-quant.js';
import { pickingMethods, stockWizardModels } from './stock-validate.js';
import { stockMasterModels } from './stock.js';

export const allModels: readonly ModelDef[] = [
  ...baseModels,
  ...stockMasterModels,
  quantModel,
  ...mailModels,
  ...pickingModels.map((m) =>
    m.name === 'stock.picking'
      ? { ...m, methods: { ...pickingMethods, message_post: messagePost('stock.picking') } }
      : m,
  ),
  ...stockWizardModels,
  ...immediateTransferModels,
  ...returnModels,
  ...saleModels,
  ...invoicingModels,
  ...accountModels,
];
