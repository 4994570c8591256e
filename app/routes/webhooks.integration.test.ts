// Webhook handlers through the library's real HMAC verification: a valid delivery does its work
// once however often it comes; a forged one gets 401 and changes nothing.
import { beforeEach, describe, expect, it } from "vitest";
import db from "../db.server";
import { recordInstall } from "../shops.server";
import { args, installOfflineSession, TEST_SHOP, webhookRequest } from "../../test/shopify";
import { action as uninstalled } from "./webhooks.app.uninstalled";
import { action as dataRequest } from "./webhooks.customers.data_request";
import { action as customerRedact } from "./webhooks.customers.redact";
import { action as shopRedact } from "./webhooks.shop.redact";

const OTHER_SHOP = "other-shop.myshopify.com";

beforeEach(async () => {
  await db.ledgerEntry.deleteMany();
  await db.member.deleteMany();
  await db.complianceRequest.deleteMany();
  await db.session.deleteMany();
  await db.shop.deleteMany();
  for (const shop of [TEST_SHOP, OTHER_SHOP]) {
    await recordInstall(db, shop);
    await installOfflineSession(shop);
  }
});

const call = (handler: typeof uninstalled, request: Request) =>
  handler(args(request)).catch((thrown: unknown) => {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  });

const customer = (id: number) => ({
  shop_id: 1,
  shop_domain: TEST_SHOP,
  customer: { id, email: `c${id}@example.com`, phone: "+15550000000" },
  orders_requested: [],
  orders_to_redact: [],
  data_request: { id: 9 },
});

describe("app/uninstalled", () => {
  const delivery = (secret?: string, webhookId?: string) =>
    webhookRequest("/webhooks/app/uninstalled", { topic: "app/uninstalled", body: { id: 1 }, secret, webhookId });

  it("deletes the shop's sessions and marks it uninstalled, once", async () => {
    const first = await call(uninstalled, delivery(undefined, "w1"));
    const repeat = await call(uninstalled, delivery(undefined, "w1"));
    expect([first.status, repeat.status]).toEqual([200, 200]);
    expect(await db.session.count({ where: { shop: TEST_SHOP } })).toBe(0);
    expect(await db.session.count({ where: { shop: OTHER_SHOP } })).toBe(1);
    const shop = await db.shop.findUniqueOrThrow({ where: { domain: TEST_SHOP } });
    expect(shop.uninstalledAt).toBeInstanceOf(Date);
  });

  it("rejects a delivery signed with another secret", async () => {
    const response = await call(uninstalled, delivery("not-the-app-secret"));
    expect(response.status).toBe(401);
    expect(await db.session.count({ where: { shop: TEST_SHOP } })).toBe(1);
    expect((await db.shop.findUniqueOrThrow({ where: { domain: TEST_SHOP } })).uninstalledAt).toBeNull();
  });

  it("is harmless after the sessions are gone", async () => {
    await call(uninstalled, delivery());
    const again = await call(uninstalled, delivery());
    expect(again.status).toBe(200);
  });
});

describe("customers/data_request", () => {
  const delivery = (body: unknown, webhookId = "dr-1", secret?: string) =>
    webhookRequest("/webhooks/customers/data_request", { topic: "customers/data_request", body, webhookId, secret });

  it("records the request with a report of what Laurel holds, once per delivery", async () => {
    expect((await call(dataRequest, delivery(customer(42)))).status).toBe(200);
    expect((await call(dataRequest, delivery(customer(42)))).status).toBe(200);
    const rows = await db.complianceRequest.findMany({ where: { shop: TEST_SHOP } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ topic: "customers/data_request", customerId: "gid://shopify/Customer/42" });
    expect(rows[0]!.completedAt).toBeInstanceOf(Date);
    expect(JSON.parse(rows[0]!.report!)).toMatchObject({
      shop: TEST_SHOP,
      customerId: "gid://shopify/Customer/42",
      data: {},
    });
  });

  it("keeps no email or phone from the payload", async () => {
    await call(dataRequest, delivery(customer(42)));
    const stored = JSON.stringify(await db.complianceRequest.findMany());
    expect(stored).not.toContain("c42@example.com");
    expect(stored).not.toContain("+15550000000");
  });

  it("answers 400 to a payload without a customer id and records nothing", async () => {
    const response = await call(dataRequest, delivery({ shop_domain: TEST_SHOP }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: "invalid_payload",
      message: "customers/data_request: customer: a customer with a numeric id is required",
    });
    expect(await db.complianceRequest.count()).toBe(0);
  });

  it("rejects a forged delivery", async () => {
    const response = await call(dataRequest, delivery(customer(42), "dr-forged", "wrong"));
    expect(response.status).toBe(401);
    expect(await db.complianceRequest.count()).toBe(0);
  });
});

describe("customers/redact", () => {
  it("erases the customer's data request reports and records the redaction, once", async () => {
    const request = (id: number, webhookId: string) =>
      webhookRequest("/webhooks/customers/data_request", {
        topic: "customers/data_request",
        body: customer(id),
        webhookId,
      });
    await call(dataRequest, request(42, "dr-42"));
    await call(dataRequest, request(7, "dr-7"));

    const redact = () =>
      webhookRequest("/webhooks/customers/redact", {
        topic: "customers/redact",
        body: customer(42),
        webhookId: "cr-42",
      });
    expect((await call(customerRedact, redact())).status).toBe(200);
    expect((await call(customerRedact, redact())).status).toBe(200);

    const byCustomer = await db.complianceRequest.findMany({ orderBy: { webhookId: "asc" } });
    expect(byCustomer.map((r) => [r.webhookId, r.topic, r.report === null])).toEqual([
      ["cr-42", "customers/redact", true],
      ["dr-42", "customers/data_request", true],
      ["dr-7", "customers/data_request", false],
    ]);
  });

  it("rejects a forged delivery", async () => {
    const response = await call(
      customerRedact,
      webhookRequest("/webhooks/customers/redact", { topic: "customers/redact", body: customer(42), secret: "x" }),
    );
    expect(response.status).toBe(401);
    expect(await db.complianceRequest.count()).toBe(0);
  });
});

describe("members under compliance requests", () => {
  async function memberWithHistory(customerId: string) {
    const member = await db.member.create({
      data: {
        shop: TEST_SHOP,
        customerId,
        email: "c42@example.com",
        firstName: "Ana",
        birthday: "11-24",
        available: 70,
        lifetimeEarned: 70,
      },
    });
    await db.ledgerEntry.create({
      data: {
        shop: TEST_SHOP,
        memberId: member.id,
        reason: "earn_purchase",
        key: "earn:o1",
        available: 70,
        lifetimeEarned: 70,
      },
    });
    return member;
  }

  it("reports the member's points and history on a data request", async () => {
    await memberWithHistory("gid://shopify/Customer/42");
    await call(
      dataRequest,
      webhookRequest("/webhooks/customers/data_request", { topic: "customers/data_request", body: customer(42) }),
    );
    const report = JSON.parse((await db.complianceRequest.findFirstOrThrow()).report!);
    expect(report.data.Member).toMatchObject([{ email: "c42@example.com", available: 70 }]);
    expect(report.data.LedgerEntry).toMatchObject([{ key: "earn:o1", available: 70 }]);
  });

  it("erases the member's details and link, keeping anonymous totals", async () => {
    const member = await memberWithHistory("gid://shopify/Customer/42");
    await call(
      customerRedact,
      webhookRequest("/webhooks/customers/redact", { topic: "customers/redact", body: customer(42) }),
    );
    const after = await db.member.findUniqueOrThrow({ where: { id: member.id } });
    expect(after).toMatchObject({
      customerId: `redacted:${member.id}`,
      email: null,
      firstName: null,
      birthday: null,
      status: "redacted",
      available: 70,
      lifetimeEarned: 70,
    });
    expect(await db.ledgerEntry.count({ where: { memberId: member.id } })).toBe(1);
  });
});

describe("shop/redact", () => {
  const delivery = (secret?: string) =>
    webhookRequest("/webhooks/shop/redact", {
      topic: "shop/redact",
      body: { shop_id: 1, shop_domain: TEST_SHOP },
      secret,
    });

  it("deletes everything of the shop and nothing of other shops", async () => {
    await call(
      dataRequest,
      webhookRequest("/webhooks/customers/data_request", { topic: "customers/data_request", body: customer(1) }),
    );
    await call(
      dataRequest,
      webhookRequest("/webhooks/customers/data_request", {
        topic: "customers/data_request",
        body: customer(1),
        shop: OTHER_SHOP,
      }),
    );

    expect((await call(shopRedact, delivery())).status).toBe(200);
    expect((await call(shopRedact, delivery())).status).toBe(200);

    for (const count of [
      db.session.count({ where: { shop: TEST_SHOP } }),
      db.shop.count({ where: { domain: TEST_SHOP } }),
      db.complianceRequest.count({ where: { shop: TEST_SHOP } }),
    ]) {
      expect(await count).toBe(0);
    }
    expect(await db.session.count({ where: { shop: OTHER_SHOP } })).toBe(1);
    expect(await db.shop.count({ where: { domain: OTHER_SHOP } })).toBe(1);
    expect(await db.complianceRequest.count({ where: { shop: OTHER_SHOP } })).toBe(1);
  });

  it("rejects a forged delivery", async () => {
    expect((await call(shopRedact, delivery("wrong"))).status).toBe(401);
    expect(await db.session.count({ where: { shop: TEST_SHOP } })).toBe(1);
  });
});
