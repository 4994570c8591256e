// JSON columns (settings, rules, reward definitions) are validated on every read. The same text
// always parses to the same value, so the most recent ones are remembered. Values handed out are
// shared: callers must treat them as read-only.
const remembered = new Map<string, unknown>();
const LIMIT = 2_000;

export function parseJsonColumn<T>(schema: { parse(value: unknown): T }, kind: string, text: string): T {
  const key = `${kind}\u0000${text}`;
  if (remembered.has(key)) return remembered.get(key) as T;
  const value = schema.parse(JSON.parse(text));
  if (remembered.size >= LIMIT) remembered.delete(remembered.keys().next().value!);
  remembered.set(key, value);
  return value;
}
