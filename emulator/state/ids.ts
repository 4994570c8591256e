// Shopify's global IDs: gid://shopify/<Type>/<numeric id>.
export const gid = (type: string, id: number | string) => `gid://shopify/${type}/${id}`;

export function parseGid(value: string, expectedType?: string): { type: string; id: number } | undefined {
  const match = /^gid:\/\/shopify\/(\w+)\/(\d+)(?:\?.*)?$/.exec(value);
  if (!match) return undefined;
  const [, type, id] = match;
  if (expectedType && type !== expectedType) return undefined;
  return { type: type!, id: Number(id) };
}
