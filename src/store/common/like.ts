import { sql, type RawBuilder } from 'kysely';

/**
 * `column LIKE pattern ESCAPE '\'` where `pattern` is `before` + `text` taken literally + `after`.
 * PostgreSQL treats a backslash in LIKE as an escape by default (a trailing one is an error: a
 * search for `\` answered 500) and SQLite has no escape unless told, so both get the same explicit
 * one, and %, _ and \ in the text match only themselves.
 */
export function likeLiteral(
  column: string,
  parts: { before?: string; text: string; after?: string },
): RawBuilder<boolean> {
  const pattern = `${parts.before ?? ''}${parts.text.replace(/[\\%_]/g, (c) => `\\${c}`)}${parts.after ?? ''}`;
  return sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;
}
