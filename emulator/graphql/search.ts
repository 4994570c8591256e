// Shopify's search syntax for `query:` arguments, the common part: terms joined by `AND`
// (implied between terms) and `OR` (binding looser: `a b OR c` is `(a AND b) OR c`), each
// `field:value` (with `:>`, `:>=`, `:<`, `:<=` for numbers and dates, single or double quotes for
// spaces and a phrase, `\` escaping a quote or a special character, `-` to negate) or a bare word
// matched against the record's default text. Unknown fields match nothing, as a filter Shopify
// ignores would silently widen a query. Parentheses and `NOT` are not understood.

type Value = string | number | string[] | Date | null | undefined;

const QUOTED = String.raw`"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'`;
const TOKEN = new RegExp(String.raw`-?[\w.]+:(?:[<>]=?)?(?:${QUOTED}|\S+)|${QUOTED}|\S+`, "g");

/** The query's terms in OR-groups: a record matches when every term of some group does. */
function groupsOf(query: string): string[][] {
  const groups: string[][] = [[]];
  for (const token of query.match(TOKEN) ?? []) {
    if (token === "OR") groups.push([]);
    else if (token !== "AND") groups.at(-1)!.push(token);
  }
  return groups.filter((group) => group.length > 0);
}

/** A value without its quotes, its escapes resolved (`"a\"b"` → `a"b`). */
function unquote(raw: string): string {
  const quoted = /^(["'])((?:[^\\]|\\.)*)\1$/s.exec(raw);
  const inner = quoted ? quoted[2]! : raw.replace(/^["']|["']$/g, "");
  return inner.replace(/\\(.)/gs, "$1");
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

function matchesTerm(token: string, fields: Record<string, Value> & { default: string }): boolean {
  const negate = token.startsWith("-");
  const body = negate ? token.slice(1) : token;
  const match = /^([\w.]+):([<>]=?)?(.*)$/s.exec(body);
  let result: boolean;
  if (match) {
    const [, field, op = "", raw] = match;
    result = field! in fields ? compare(fields[field!], op, unquote(raw!)) : false;
  } else {
    result = fields.default.toLowerCase().includes(unquote(body).toLowerCase());
  }
  return negate ? !result : result;
}

export function matchesSearch(query: string | null | undefined, fields: Record<string, Value> & { default: string }) {
  const groups = groupsOf(query?.trim() ?? "");
  if (groups.length === 0) return true;
  return groups.some((group) => group.every((token) => matchesTerm(token, fields)));
}
