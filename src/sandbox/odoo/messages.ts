/**
 * Error texts per version, copied from real servers' answers (shared/odoo-observed/errors-*.json).
 * 16 was not observed: it uses 17's texts, which match Odoo 16's source for these cases.
 */
import { ExceptionName, SimError } from './types.js';
import type { OdooVersion } from './types.js';

export function unknownModel(model: string): SimError {
  return new SimError(ExceptionName.userError, `Object ${model} doesn't exist`);
}

export function unknownMethod(v: OdooVersion, model: string, method: string): SimError {
  return new SimError(
    ExceptionName.attributeError,
    v <= 17
      ? `The method '${method}' does not exist on the model '${model}'`
      : `The method '${model}.${method}' does not exist`,
  );
}

export function privateMethod(v: OdooVersion, model: string, method: string): SimError {
  const what = v <= 17 ? method : `'${model}.${method}'`;
  return new SimError(
    ExceptionName.accessError,
    `Private methods (such as ${what}) cannot be called remotely.`,
  );
}

/**
 * An unknown field in values (create, write) or read. 19 words them apart: values "in 'res.partner'"
 * (errors-19.json), a read "on 'res.partner'" (real 19.0 answered read and search_read so, also for
 * `company_id` of account.account); up to 18 both "on model '…'".
 */
export function invalidField(
  v: OdooVersion,
  model: string,
  field: string,
  op: 'values' | 'read' = 'values',
): SimError {
  const text =
    v < 19
      ? `Invalid field '${field}' on model '${model}'`
      : op === 'read'
        ? `Invalid field '${field}' on '${model}'`
        : `Invalid field '${field}' in '${model}'`;
  return new SimError(ExceptionName.valueError, text);
}

export function invalidDomainField(v: OdooVersion, model: string, field: string, leaf: string): SimError {
  return new SimError(
    ExceptionName.valueError,
    `Invalid field ${model}.${field} in ${v >= 19 ? 'condition' : 'leaf'} ${leaf}`,
  );
}

export function missingRequired(
  v: OdooVersion,
  model: string,
  modelLabel: string,
  field: string,
  fieldLabel: string,
): SimError {
  const text =
    v >= 19
      ? `The operation cannot be completed: Missing required value for the field '${fieldLabel}' (${field}).\n` +
        `Model: '${modelLabel}' (${model})\n- create/update: a mandatory field is not set\n` +
        `- delete: another model requires the record being deleted, you can archive it instead\n`
      : `The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n` +
        `- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n` +
        `Model: ${modelLabel} (${model})\nField: ${fieldLabel} (${field})\n`;
  return new SimError(ExceptionName.validationError, text);
}

export function missingRecord(model: string, ids: readonly number[], uid: number): SimError {
  return new SimError(
    ExceptionName.missingError,
    `Record does not exist or has been deleted.\n(Record: ${model}(${ids.join(', ')},), User: ${uid})`,
  );
}

export function notConvertible(value: unknown, to: 'float' | 'int'): SimError {
  const text =
    to === 'float'
      ? `could not convert string to float: ${pyRepr(value)}`
      : `invalid literal for int() with base 10: ${pyRepr(value)}`;
  return new SimError(ExceptionName.valueError, text);
}

export function userError(message: string): SimError {
  return new SimError(ExceptionName.userError, message);
}

export function confirmNotDraft(v: OdooVersion, names: readonly string[]): SimError {
  return userError(
    v <= 17
      ? `The following orders are not in a state requiring confirmation: ${names.join(', ')}`
      : 'Some orders are not in a state requiring confirmation.',
  );
}

/** ACL refusal; the group list is the one 17 printed for an internal user without sales rights. */
export function aclRefused(model: string, label: string, operation: string): SimError {
  const verb = operation === 'read' ? 'access' : operation === 'unlink' ? 'delete' : operation;
  return new SimError(
    ExceptionName.accessError,
    `You are not allowed to ${verb} '${label}' (${model}) records.\n\n` +
      `This operation is allowed for the following groups:\n\t- Sales/Administrator\n\n` +
      `Contact your administrator to request access if necessary.`,
  );
}

export const NOTHING_TO_INVOICE =
  'Cannot create an invoice. No items are available to invoice.\n\nTo resolve this issue, please ensure that:\n' +
  '   • The products have been delivered before attempting to invoice them.\n' +
  '   • The invoicing policy of the product is configured correctly.\n\n' +
  'If you want to invoice based on ordered quantities instead:\n' +
  "   • For consumable or storable products, open the product, go to the 'General Information' tab and change the 'Invoicing Policy' from 'Delivered Quantities' to 'Ordered Quantities'.\n" +
  "   • For services (and other products), change the 'Invoicing Policy' to 'Prepaid/Fixed Price'.\n";

/** Python's repr of a JSON value, for messages that quote a value or a domain leaf. */
export function pyRepr(value: unknown): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value === null || value === undefined) return 'None';
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}

/** A domain leaf as Python prints its tuple: `('no_field', '=', 1)`. */
export function leafRepr(leaf: readonly unknown[]): string {
  return `(${leaf.map(pyRepr).join(', ')})`;
}
