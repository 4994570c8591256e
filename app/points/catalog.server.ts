// The product index bonus rules read: tags and collections per product, synced by the worker from
// the Admin API (at install and daily), read with one query when an order is paid. Product webhooks
// keep it current in between: a product's tags are written from the delivery at once, and a job
// for that product fetches its collections (which the webhook payload does not carry).
import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import { transaction } from "../db/sql.server";
import db from "../db.server";
import { enqueue, type ClaimedJob } from "../jobs/queue.server";
import type { ProductFacts } from "../loyalty/earn";
import { unauthenticated } from "../shopify.server";
import type { CatalogFactsQuery, CatalogProductQuery } from "../types/admin.generated";
import type { Client, Tx } from "./ledger.server";
import type { ProductDeletePayload, ProductPayload } from "./product-payload";

export const SYNC_CATALOG = "sync_catalog";
export const SYNC_PRODUCT = "sync_product";

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

// One product: 1 + (2 + 250) = 253 points. Collections past the first 250 come page by page.
const PRODUCT = `#graphql
  query CatalogProduct($id: ID!, $after: String) {
    product(id: $id) {
      tags
      collections(first: 250, after: $after) {
        nodes {
          id
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`;

/** Writes one product's facts, whether the index knew it or not. */
function saveFacts(client: Client, shop: string, productId: string, facts: ProductFacts, syncedAt: Date) {
  const data = { tags: JSON.stringify(facts.tags), collectionIds: JSON.stringify(facts.collectionIds), syncedAt };
  return client.productFacts.upsert({
    where: { shop_productId: { shop, productId } },
    create: { shop, productId, ...data },
    update: data,
  });
}

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
    await transaction(db, async (tx) => {
      for (const product of page.nodes) {
        const collectionIds = product.collections.nodes.map((c) => c.id);
        await saveFacts(tx, shop, product.id, { tags: product.tags, collectionIds }, syncedAt);
      }
    });
    after = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null;
  } while (after);
  // Products gone from the shop since the last sync.
  await db.productFacts.deleteMany({ where: { shop, syncedAt: { lt: syncedAt } } });
}

export function enqueueProductSync(tx: Tx, shop: string, productId: string) {
  return enqueue(tx, { shop, kind: SYNC_PRODUCT, key: productId });
}

/**
 * products/create and products/update, in the delivery's transaction (no Admin API call): the
 * tags from the payload at once, keeping the collections the index knows, and a job for the
 * product that fetches its collections. Deliveries may come out of order, so the tags written
 * here can be older than the index's; the job runs after every delivery and puts Shopify's
 * current facts in their place.
 */
export async function productChanged(tx: Tx, shop: string, product: ProductPayload) {
  if (product.tags) {
    const now = new Date();
    const tags = JSON.stringify(product.tags);
    await tx.productFacts.upsert({
      where: { shop_productId: { shop, productId: product.productId } },
      create: { shop, productId: product.productId, tags, collectionIds: "[]", syncedAt: now },
      update: { tags, syncedAt: now },
    });
  }
  await enqueueProductSync(tx, shop, product.productId);
}

/** products/delete: the product leaves the index. */
export async function productDeleted(tx: Tx, shop: string, product: ProductDeletePayload) {
  await tx.productFacts.deleteMany({ where: { shop, productId: product.productId } });
}

/** The worker's handler for product jobs (keyed by product GID): each product's current facts. */
export async function syncProducts(shop: string, jobs: ClaimedJob[]): Promise<void> {
  const { admin } = await unauthenticated.admin(shop);
  for (const job of jobs) await syncProduct(admin, shop, job.key);
}

async function syncProduct(admin: AdminApiContext, shop: string, productId: string) {
  const syncedAt = new Date();
  let tags: string[] = [];
  const collectionIds: string[] = [];
  let after: string | null = null;
  do {
    const response = await admin.graphql(PRODUCT, { variables: { id: productId, after } });
    const body: { data?: CatalogProductQuery } = await response.json();
    if (!body.data) throw new Error("Admin API returned no data for a product");
    const product = body.data.product;
    // Deleted since (its products/delete may not have come yet, or came first): out of the index.
    if (!product) {
      await db.productFacts.deleteMany({ where: { shop, productId } });
      return;
    }
    tags = product.tags;
    collectionIds.push(...product.collections.nodes.map((c) => c.id));
    const { hasNextPage, endCursor } = product.collections.pageInfo;
    after = hasNextPage ? (endCursor ?? null) : null;
  } while (after);
  await saveFacts(db, shop, productId, { tags, collectionIds }, syncedAt);
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
