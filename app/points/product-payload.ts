// Shopify's products/create, products/update and products/delete payloads, read into the catalog
// index's terms. The REST-style product carries `tags` as one comma-separated string and no
// collections (the worker fetches those); every other field is ignored, so new ones do no harm.
// products/delete sends the id alone.
import { z } from "zod";

const id = z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String);

export const productGid = (numericId: string) => `gid://shopify/Product/${numericId}`;

/** "example, mens, t-shirt" → ["example", "mens", "t-shirt"]; "" → []. */
export function splitTags(tags: string): string[] {
  return [
    ...new Set(
      tags
        .split(",")
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
}

export const productPayloadSchema = z
  .object({
    id,
    admin_graphql_api_id: z
      .string()
      .regex(/^gid:\/\/shopify\/Product\/\d+$/)
      .optional(),
    // Absent or null: the tags are unknown (not "none"), and the index keeps what it has.
    tags: z.string().nullish(),
  })
  .transform((product) => ({
    productId: product.admin_graphql_api_id ?? productGid(product.id),
    tags: product.tags == null ? null : splitTags(product.tags),
  }));

export type ProductPayload = z.infer<typeof productPayloadSchema>;

export const productDeletePayloadSchema = z.object({ id }).transform((product) => ({
  productId: productGid(product.id),
}));

export type ProductDeletePayload = z.infer<typeof productDeletePayloadSchema>;
