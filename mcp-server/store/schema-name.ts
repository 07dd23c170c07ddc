/**
 * A schema name as both SQL drivers take it: a lower-case SQL identifier, returned quoted for statements. Checked,
 * never escaped into place, since it is interpolated into `SET search_path` and DDL.
 */
export function quotedSchema(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new RangeError(`schema '${name}' must be a lower-case SQL identifier`);
  return `"${name}"`;
}
