// The product index bonus rules read: tags and collections per product, synced by the worker from
// the Admin API (at install and daily), read with one query when an order is paid.
import db from "../db.server";
import { enqueue, type ClaimedJob } from "../jobs/queue.server";
import type { ProductFacts } from "../loyalty/earn";
import { unauthenticated } from "../shopify.server";
import type { CatalogFactsQuery } from "../types/admin.generated";
import type { Client, Tx } from "./ledger.server";

export const SYNC_CATALOG = "sync_catalog";

// Pages of 40: 2 + 40 × (1 + 2 + 20) = 922 points, under Shopify's single-query maximum of 1,000.
const PRODUCTS = `#graphql
  query CatalogFacts($after: String) {
    products(first: 40, after: $after) {
      nodes {
        id
        tags
        collections(first: 20) {
          nodes {
            id
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

export function enqueueCatalogSync(tx: Tx, shop: string) {
  return enqueue(tx, { shop, kind: SYNC_CATALOG, key: "all" });
}

/** The worker's handler: the whole catalog, page by page, replacing what the index had. */
export async function syncCatalog(shop: string, _jobs: ClaimedJob[]): Promise<void> {
  const { admin } = await unauthenticated.admin(shop);
  const syncedAt = new Date();
  let after: string | null = null;
  do {
    const response = await admin.graphql(PRODUCTS, { variables: { after } });
    const body: { data?: CatalogFactsQuery } = await response.json();
    const page = body.data?.products;
    if (!page) throw new Error("Admin API returned no products page");
    // One page at a time, atomically: a failure leaves the index as it was for that page.
    await db.$transaction(async (tx) => {
      for (const product of page.nodes) {
        const facts = {
          tags: JSON.stringify(product.tags),
          collectionIds: JSON.stringify(product.collections.nodes.map((c) => c.id)),
          syncedAt,
        };
        await tx.productFacts.upsert({
          where: { shop_productId: { shop, productId: product.id } },
          create: { shop, productId: product.id, ...facts },
          update: facts,
        });
      }
    });
    after = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null;
  } while (after);
  // Products gone from the shop since the last sync.
  await db.productFacts.deleteMany({ where: { shop, syncedAt: { lt: syncedAt } } });
}

/** Facts for the given products (those the index knows). */
export async function factsFor(tx: Client, shop: string, productIds: string[]): Promise<Map<string, ProductFacts>> {
  if (productIds.length === 0) return new Map();
  const rows = await tx.productFacts.findMany({ where: { shop, productId: { in: productIds } } });
  return new Map(
    rows.map((r) => [
      r.productId,
      { tags: JSON.parse(r.tags) as string[], collectionIds: JSON.parse(r.collectionIds) as string[] },
    ]),
  );
}
