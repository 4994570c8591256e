// Shopify's search syntax for `query:` arguments, the common part: space-separated terms that
// must all match, each `field:value` (with `:>`, `:>=`, `:<`, `:<=` for numbers and dates,
// quotes for spaces, `-` to negate) or a bare word matched against the record's default text.
// Unknown fields match nothing, as a filter Shopify ignores would silently widen a query.

type Value = string | number | string[] | Date | null | undefined;

function tokens(query: string): string[] {
  return query.match(/-?[\w.]+:(?:[<>]=?)?(?:"[^"]*"|'[^']*'|\S+)|"[^"]*"|\S+/g) ?? [];
}

function compare(actual: Value, op: string, expected: string): boolean {
  if (actual === null || actual === undefined) return false;
  if (Array.isArray(actual)) return actual.some((a) => a.toLowerCase() === expected.toLowerCase());
  if (actual instanceof Date || typeof actual === "number") {
    const left = actual instanceof Date ? actual.getTime() : actual;
    const right = actual instanceof Date ? new Date(expected).getTime() : Number(expected);
    if (Number.isNaN(right)) return false;
    switch (op) {
      case ">":
        return left > right;
      case ">=":
        return left >= right;
      case "<":
        return left < right;
      case "<=":
        return left <= right;
      default:
        return left === right;
    }
  }
  const text = actual.toLowerCase();
  const wanted = expected.toLowerCase();
  return wanted.endsWith("*") ? text.startsWith(wanted.slice(0, -1)) : text === wanted;
}

export function matchesSearch(query: string | null | undefined, fields: Record<string, Value> & { default: string }) {
  if (!query?.trim()) return true;
  return tokens(query.trim()).every((token) => {
    const negate = token.startsWith("-");
    const body = negate ? token.slice(1) : token;
    const match = /^([\w.]+):([<>]=?)?(.*)$/.exec(body);
    let result: boolean;
    if (match) {
      const [, field, op = "", raw] = match;
      const value = raw!.replace(/^["']|["']$/g, "");
      result = field! in fields ? compare(fields[field!], op, value) : false;
    } else {
      const word = body.replace(/^["']|["']$/g, "").toLowerCase();
      result = fields.default.toLowerCase().includes(word);
    }
    return negate ? !result : result;
  });
}
