/**
 * graphql-js validation messages → the errors Shopify's Admin API returns for the same mistake.
 *
 * Shopify's Admin API runs graphql-ruby: its answers carry graphql-ruby's static-validation
 * messages and `extensions.code` values. Every row names where its form comes from: the
 * graphql-ruby rule that produces it (rmosolgo/graphql-ruby, lib/graphql/static_validation/rules/…)
 * and, where one was found, an answer recorded from a real shop. `path` is graphql-ruby's: the
 * operation (`"query Name"`) then the response keys down to the field.
 */
import type { GraphQLError } from 'graphql';
import type { GqlError } from './gqlTypes.js';

/** What a row needs beyond the graphql-js message: graphql-ruby's path to the offending node. */
export interface ErrorContext {
  path: (string | number)[];
}

interface Row {
  /** graphql-js 16 message. */
  pattern: RegExp;
  /** Where Shopify's form of this error was taken from. */
  source: string;
  translate(m: RegExpExecArray, ctx: ErrorContext): { message: string; extensions: GqlError['extensions'] };
}

export const TRANSLATIONS: readonly Row[] = [
  {
    pattern: /^Cannot query field "(\w+)" on type "(\w+)"\./,
    source:
      "fields_are_defined_on_type.rb + _error.rb (code undefinedField, typeName, fieldName); Shopify answers quoting \"Field 'x' doesn't exist on type 'Order'\"",
    translate: (m) => ({
      message: `Field '${m[1]}' doesn't exist on type '${m[2]}'`,
      extensions: { code: 'undefinedField', typeName: m[2], fieldName: m[1] },
    }),
  },
  {
    pattern:
      /^(Field|Directive) "@?(\w+)" argument "(\w+)" of type "[^"]+" is required, but it was not provided\./,
    source:
      'required_arguments_are_present.rb + _error.rb (code missingRequiredArguments, className, name, arguments)',
    translate: (m) => ({
      message: `${m[1]} '${m[2]}' is missing required arguments: ${m[3]}`,
      extensions: { code: 'missingRequiredArguments', className: m[1], name: m[2], arguments: m[3] },
    }),
  },
  {
    pattern: /^Variable "\$(\w+)" of type "([^"]+)" used in position expecting type "([^"]+)"\./,
    source:
      'variable_usages_are_allowed.rb + _error.rb (code variableMismatch); recorded Shopify customerCreate answer "Nullability mismatch on variable $input and argument input (CustomerCreateInput / CustomerCreateInput!)"',
    translate: (m, ctx) => {
      const [variableType, argumentType] = [m[2]!, m[3]!];
      const inner = (t: string) => t.replace(/[[\]!]/g, '');
      const depth = (t: string) => (t.match(/\[/g) ?? []).length;
      const kind =
        inner(variableType) !== inner(argumentType)
          ? 'Type mismatch'
          : depth(variableType) !== depth(argumentType)
            ? 'List dimension mismatch'
            : 'Nullability mismatch';
      const argumentName = ctx.path.length ? String(ctx.path[ctx.path.length - 1]) : '';
      return {
        message: `${kind} on variable $${m[1]} and argument ${argumentName} (${variableType} / ${argumentType})`,
        extensions: {
          code: 'variableMismatch',
          variableName: m[1],
          typeName: variableType,
          argumentName,
          errorMessage: kind,
        },
      };
    },
  },
  {
    pattern: /^Unknown argument "(\w+)" on field "(\w+)\.(\w+)"\./,
    source: 'arguments_are_defined.rb + _error.rb (code argumentNotAccepted, name, typeName, argumentName)',
    translate: (m) => ({
      message: `Field '${m[3]}' doesn't accept argument '${m[1]}'`,
      extensions: { code: 'argumentNotAccepted', name: m[3], typeName: 'Field', argumentName: m[1] },
    }),
  },
  {
    pattern: /^Unknown argument "(\w+)" on directive "@(\w+)"\./,
    source: 'arguments_are_defined.rb + _error.rb (code argumentNotAccepted)',
    translate: (m) => ({
      message: `Directive '${m[2]}' doesn't accept argument '${m[1]}'`,
      extensions: { code: 'argumentNotAccepted', name: m[2], typeName: 'Directive', argumentName: m[1] },
    }),
  },
  {
    pattern: /^Variable "\$(\w+)" is not defined by operation "(\w+)"\./,
    source: 'variables_are_used_and_defined.rb + _error.rb (code variableNotDefined)',
    translate: (m) => ({
      message: `Variable $${m[1]} is used by ${m[2]} but not declared`,
      extensions: { code: 'variableNotDefined', variableName: m[1] },
    }),
  },
  {
    pattern: /^Variable "\$(\w+)" is never used in operation "(\w+)"\./,
    source: 'variables_are_used_and_defined.rb + _error.rb (code variableNotUsed)',
    translate: (m) => ({
      message: `Variable $${m[1]} is declared by ${m[2]} but not used`,
      extensions: { code: 'variableNotUsed', variableName: m[1] },
    }),
  },
  {
    pattern: /^Field "(\w+)" of type "([^"]+)" must have a selection of subfields\./,
    source: 'fields_have_appropriate_selections.rb + _error.rb (code selectionMismatch)',
    translate: (m) => ({
      message: `Field must have selections (field '${m[1]}' returns ${m[2]} but has no selections. Did you mean '${m[1]} { ... }'?)`,
      extensions: { code: 'selectionMismatch', nodeName: `field '${m[1]}'`, typeName: m[2] },
    }),
  },
  {
    pattern: /^Field "(\w+)" must not have a selection since type "([^"]+)" has no subfields\./,
    source: 'fields_have_appropriate_selections.rb + _error.rb (code selectionMismatch)',
    translate: (m) => ({
      message: `Selections can't be made on scalars (field '${m[1]}' returns ${m[2]} but has selections)`,
      extensions: { code: 'selectionMismatch', nodeName: `field '${m[1]}'`, typeName: m[2] },
    }),
  },
  {
    pattern: /^Unknown type "(\w+)"\./,
    source: 'variables_are_input_types.rb + _error.rb (code variableRequiresValidType)',
    translate: (m) => ({
      message: `${m[1]} isn't a defined input type`,
      extensions: { code: 'variableRequiresValidType', typeName: m[1] },
    }),
  },
  {
    pattern: /^Unknown directive "@(\w+)"\./,
    source: 'directives_are_defined.rb + _error.rb (code undefinedDirective)',
    translate: (m) => ({
      message: `Directive @${m[1]} is not defined`,
      extensions: { code: 'undefinedDirective', directiveName: m[1] },
    }),
  },
  {
    pattern: /^Field "(\w+)\.(\w+)" of required type "([^"]+)" was not provided\./,
    source:
      'required_input_object_attributes_are_present.rb + _error.rb (code missingRequiredInputObjectAttribute)',
    translate: (m) => ({
      message: `Argument '${m[2]}' on InputObject '${m[1]}' is required. Expected type ${m[3]}`,
      extensions: { code: 'missingRequiredInputObjectAttribute', argumentName: m[2], inputObjectType: m[1] },
    }),
  },
  {
    pattern: /^Field "(\w+)" is not defined by type "(\w+)"\./,
    source: 'arguments_are_defined.rb + _error.rb: an unknown input-object field (code argumentNotAccepted)',
    translate: (m) => ({
      message: `InputObject '${m[2]}' doesn't accept argument '${m[1]}'`,
      extensions: { code: 'argumentNotAccepted', name: m[2], typeName: 'InputObject', argumentName: m[1] },
    }),
  },
  {
    pattern: /^(?:Expected value of type "([^"]+)", found (.+?)[.;]|(\w+) cannot represent .*)/,
    source: 'argument_literals_are_compatible.rb + _error.rb (code argumentLiteralsIncompatible)',
    translate: (m) => ({
      message: `Argument has an invalid value${m[2] ? ` (${m[2]})` : ''}. Expected type '${m[1] ?? m[3]}'.`,
      extensions: { code: 'argumentLiteralsIncompatible', typeName: m[1] ?? m[3] },
    }),
  },
];

/** A graphql-js validation error as Shopify words it; unmatched messages pass through without a code. */
export function translateValidationError(e: GraphQLError, ctx: ErrorContext): GqlError {
  const locations = (e.locations ?? []).map(({ line, column }) => ({ line, column }));
  for (const row of TRANSLATIONS) {
    const m = row.pattern.exec(e.message);
    if (!m) continue;
    const { message, extensions } = row.translate(m, ctx);
    return { message, locations, path: ctx.path, ...(extensions ? { extensions } : {}) };
  }
  return { message: e.message, locations, path: ctx.path };
}
