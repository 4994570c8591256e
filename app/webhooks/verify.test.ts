import { describe, expect, it } from "vitest";
import { TEST_SHOP, webhookRequest } from "../../test/shopify";
import { verifyWebhook } from "./verify.server";

const refusal = (request: Request) =>
  verifyWebhook(request).then(
    () => 200,
    (thrown: Response) => thrown.status,
  );

describe("verifyWebhook", () => {
  it("accepts a delivery signed with the app secret and reads Shopify's headers", async () => {
    const request = webhookRequest("/webhooks/orders/paid", { topic: "orders/paid", body: { id: 1 }, webhookId: "w1" });
    expect(await verifyWebhook(request)).toMatchObject({
      shop: TEST_SHOP,
      topic: "orders/paid",
      webhookId: "w1",
      eventId: "event-w1",
      apiVersion: "2026-10",
      payload: { id: 1 },
    });
  });

  it("refuses another secret, a changed body and a missing signature with 401", async () => {
    const forged = webhookRequest("/w", { topic: "orders/paid", body: { id: 1 }, secret: "not-the-app-secret" });
    expect(await refusal(forged)).toBe(401);
    const signed = webhookRequest("/w", { topic: "orders/paid", body: { id: 1 } });
    const tampered = new Request(signed.url, { method: "POST", headers: signed.headers, body: '{"id":2}' });
    expect(await refusal(tampered)).toBe(401);
    const unsigned = new Request(signed.url, { method: "POST", body: '{"id":1}' });
    expect(await refusal(unsigned)).toBe(401);
  });

  it("refuses a signed delivery without Shopify's headers or for a host that is no shop with 400", async () => {
    const signed = webhookRequest("/w", { topic: "orders/paid", body: { id: 1 }, shop: "evil.example.com" });
    expect(await refusal(signed)).toBe(400);
  });
});
