/**
 * The column kinds the two stores hand out differently. Both stores read their rows through the
 * schemas and mappers of this folder, one module an aggregate: their SQL differs, their columns
 * do not, but for how a boolean or a computed list arrives.
 */
import { z } from 'zod';

/** A boolean column's value as it arrives: SQLite's INTEGER 0/1, PostgreSQL's BOOLEAN. */
export function isSet(value: boolean | number): boolean {
  return typeof value === 'boolean' ? value : value !== 0;
}

/** A boolean column, from either store. */
export const Flag = z.union([z.boolean(), z.number()]).transform(isSet);

/** A list computed by a query: PostgreSQL's `ARRAY(...)` arrives as an array, SQLite's `json_group_array(...)` as JSON text. */
export function List<T extends z.core.$ZodType>(item: T) {
  const list = z.array(item);
  return z.union([list, z.string().transform((json) => list.parse(JSON.parse(json)))]);
}
