// Relay connections as Shopify serves them: `first` or `last` required (at most 250), opaque
// cursors, edges and nodes, pageInfo.
import { GraphQLError } from "graphql";

export interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
}

const MAX_PAGE = 250;

export const encodeCursor = (key: number) => Buffer.from(JSON.stringify({ last_id: key })).toString("base64");

function decodeCursor(cursor: string): number {
  try {
    const key = (JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as { last_id?: unknown }).last_id;
    if (typeof key === "number") return key;
  } catch {
    // fall through to the error below
  }
  throw new GraphQLError(`Invalid cursor for current pagination sort.`, { extensions: { code: "BAD_REQUEST" } });
}

export function connection<T, V>(items: T[], args: ConnectionArgs, view: (item: T) => V, keyOf: (item: T) => number) {
  const { first, last, after, before } = args;
  if ((first === undefined || first === null) && (last === undefined || last === null)) {
    throw new GraphQLError("you must provide one of first or last", { extensions: { code: "BAD_REQUEST" } });
  }
  for (const [name, value] of [
    ["first", first],
    ["last", last],
  ] as const) {
    if (value !== undefined && value !== null && (value < 0 || value > MAX_PAGE)) {
      throw new GraphQLError(`The value of '${name}' must be between 0 and ${MAX_PAGE}`, {
        extensions: { code: "BAD_REQUEST" },
      });
    }
  }
  let list = [...items].sort((a, b) => keyOf(a) - keyOf(b));
  if (args.reverse) list.reverse();
  const position = (key: number) => list.findIndex((item) => keyOf(item) === key);
  if (after) list = list.slice(position(decodeCursor(after)) + 1);
  if (before) {
    const end = position(decodeCursor(before));
    list = end === -1 ? list : list.slice(0, end);
  }
  const total = list.length;
  let page = list;
  if (first !== undefined && first !== null) page = page.slice(0, first);
  if (last !== undefined && last !== null) page = page.slice(Math.max(0, page.length - last));
  const start = list.indexOf(page[0] as T);
  const edges = page.map((item) => ({ __typename: "Edge", cursor: encodeCursor(keyOf(item)), node: view(item) }));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: {
      __typename: "PageInfo",
      hasNextPage: start + page.length < total,
      hasPreviousPage: Boolean(after) || start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
