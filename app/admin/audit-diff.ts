// What an audit entry changed, as the audit page lists it: one line per changed value, named by
// its path ("pointsName.en"), with the value before and after. Entries store whole objects (or
// only the changed part); comparing leaf values keeps the page to what actually differs.
export interface Change {
  /** Dot path of the value; "" when the entry stored a single plain value. */
  key: string;
  before: unknown;
  after: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Plain values by dot path; arrays count as one value. */
function leaves(value: unknown, prefix: string, into: Map<string, unknown>) {
  if (!isRecord(value)) {
    if (value !== null && value !== undefined) into.set(prefix, value);
    return into;
  }
  for (const [key, inner] of Object.entries(value)) leaves(inner, prefix ? `${prefix}.${key}` : key, into);
  return into;
}

/** The values that differ between an entry's before and after; absent on one side is null. */
export function changesOf(before: unknown, after: unknown): Change[] {
  const old = leaves(before, "", new Map());
  const now = leaves(after, "", new Map());
  const keys = [...new Set([...now.keys(), ...old.keys()])];
  return keys
    .map((key) => ({ key, before: old.get(key) ?? null, after: now.get(key) ?? null }))
    .filter((change) => JSON.stringify(change.before) !== JSON.stringify(change.after));
}
