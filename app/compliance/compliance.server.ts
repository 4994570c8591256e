// Shopify's mandatory compliance webhooks. Each delivery is handled in one transaction and
// recorded by its webhook id, so a repeated delivery changes nothing.
import { z } from "zod";
import type { Db } from "../db.server";
import { dataMap, type CustomerRef, type ModelDataPolicy } from "./data-map.server";

const policies: ModelDataPolicy[] = Object.values(dataMap);

const customerPayload = z.object({
  customer: z.object({ id: z.union([z.number().int(), z.string().regex(/^\d+$/)]) }),
});

export class InvalidPayloadError extends Error {
  readonly status = 400;
}

function customerRef(shop: string, payload: unknown): CustomerRef {
  const parsed = customerPayload.safeParse(payload);
  if (!parsed.success) throw new InvalidPayloadError("payload.customer.id: a numeric customer id is required");
  return { shop, customerId: `gid://shopify/Customer/${parsed.data.customer.id}` };
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: string }).code === "P2002";
}

/** Runs `work` once per webhook id: a repeat (or a concurrent twin) is a no-op. */
async function once(
  db: Db,
  key: { shop: string; webhookId: string; topic: string; customerId: string },
  work: (tx: Parameters<Parameters<Db["$transaction"]>[0]>[0]) => Promise<string | null>,
): Promise<void> {
  try {
    await db.$transaction(async (tx) => {
      const seen = await tx.complianceRequest.findUnique({
        where: { shop_webhookId: { shop: key.shop, webhookId: key.webhookId } },
        select: { id: true },
      });
      if (seen) return;
      const report = await work(tx);
      await tx.complianceRequest.create({ data: { ...key, report, completedAt: new Date() } });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}

/** customers/data_request: gathers what Laurel holds about the customer for the merchant. */
export async function handleDataRequest(db: Db, shop: string, webhookId: string, payload: unknown) {
  const ref = customerRef(shop, payload);
  await once(db, { shop, webhookId, topic: "customers/data_request", customerId: ref.customerId }, async (tx) => {
    const data: Record<string, unknown> = {};
    for (const [model, policy] of Object.entries(dataMap) as [string, ModelDataPolicy][]) {
      if (policy.collectCustomer) data[model] = await policy.collectCustomer(tx, ref);
    }
    return JSON.stringify({ shop, customerId: ref.customerId, generatedAt: new Date().toISOString(), data });
  });
}

/** customers/redact: erases the customer's personal data everywhere Laurel keeps it. */
export async function handleCustomerRedact(db: Db, shop: string, webhookId: string, payload: unknown) {
  const ref = customerRef(shop, payload);
  await once(db, { shop, webhookId, topic: "customers/redact", customerId: ref.customerId }, async (tx) => {
    for (const policy of policies) await policy.redactCustomer?.(tx, ref);
    return null;
  });
}

/** shop/redact: deletes everything Laurel holds for the shop. Repeats find nothing left. */
export async function handleShopRedact(db: Db, shop: string): Promise<void> {
  await db.$transaction(async (tx) => {
    for (const policy of policies) await policy.redactShop(tx, shop);
  });
}
