// Shopify's mandatory compliance webhooks. They run like every webhook (webhooks/handle.server):
// exactly once per delivery, in one transaction; each request is also recorded for the merchant.
import { z } from "zod";
import type { Delivery, Tx } from "../webhooks/once.server";
import { dataMap, type CustomerRef, type ModelDataPolicy } from "./data-map.server";

const policies: ModelDataPolicy[] = Object.values(dataMap);

export const customerRequestSchema = z.object({
  customer: z.object(
    { id: z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String) },
    { error: "a customer with a numeric id is required" },
  ),
});

export const shopRequestSchema = z.object({}).passthrough();

type CustomerRequest = z.infer<typeof customerRequestSchema>;

const refOf = (shop: string, request: CustomerRequest): CustomerRef => ({
  shop,
  customerId: `gid://shopify/Customer/${request.customer.id}`,
});

async function record(tx: Tx, ref: CustomerRef, delivery: Delivery, topic: string, report: string | null) {
  await tx.complianceRequest.create({
    data: {
      shop: ref.shop,
      webhookId: delivery.webhookId,
      topic,
      customerId: ref.customerId,
      report,
      completedAt: new Date(),
    },
  });
}

/** customers/data_request: gathers what Laurel holds about the customer for the merchant. */
export async function dataRequested(tx: Tx, shop: string, request: CustomerRequest, delivery: Delivery) {
  const ref = refOf(shop, request);
  const data: Record<string, unknown> = {};
  for (const [model, policy] of Object.entries(dataMap) as [string, ModelDataPolicy][]) {
    if (policy.collectCustomer) data[model] = await policy.collectCustomer(tx, ref);
  }
  const report = JSON.stringify({ shop, customerId: ref.customerId, generatedAt: new Date().toISOString(), data });
  await record(tx, ref, delivery, "customers/data_request", report);
}

/** customers/redact: erases the customer's personal data everywhere Laurel keeps it. */
export async function customerRedacted(tx: Tx, shop: string, request: CustomerRequest, delivery: Delivery) {
  const ref = refOf(shop, request);
  for (const policy of policies) await policy.redactCustomer?.(tx, ref);
  await record(tx, ref, delivery, "customers/redact", null);
}

/**
 * shop/redact: deletes everything Laurel holds for the shop, this delivery's own record
 * included; a repeat finds nothing left to delete.
 */
export async function shopRedacted(tx: Tx, shop: string) {
  for (const policy of policies) await policy.redactShop(tx, shop);
}
