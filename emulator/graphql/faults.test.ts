// Admin API fault injection, over HTTP as the app meets it: each mode, `times`, clearing, the
// control API's checks, and which faults leave the shop's state alone.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_API_VERSION } from "../../app/shopify/api-version.ts";
import { ensureShopifySchemas, schemaPath } from "../../scripts/shopify-schemas.ts";
import { startEmulator, type Emulator } from "../http/server.ts";
import { TEST_APP_CONFIG } from "../testing.ts";

let emulator: Emulator | undefined;

beforeAll(() => ensureShopifySchemas());
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function control(path: string, body?: unknown, method = body === undefined ? "GET" : "POST") {
  const response = await fetch(`${emulator!.url}/_emulator${path}`, {
    method,
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

const setFaults = (faults: unknown[]) => control("/admin-faults", { faults }, "PUT");

/** An emulator with shop `acme` (and `other`), and a function making the app's Admin calls. */
async function start() {
  emulator = await startEmulator({
    app: TEST_APP_CONFIG,
    schemaFile: schemaPath("admin"),
    apiVersion: ADMIN_API_VERSION,
    openAppOnInstall: false,
  });
  const tokens: Record<string, string> = {};
  for (const name of ["acme", "other"]) tokens[name] = (await control("/shops", { name })).body.app.accessToken;
  const admin = async (query: string, variables?: Record<string, unknown>, shop = "acme") => {
    const response = await fetch(`${emulator!.url}/admin/api/${ADMIN_API_VERSION}/graphql.json`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-Shopify-Shop-Domain": `${shop}.myshopify.com`,
        "X-Shopify-Access-Token": tokens[shop]!,
      },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  return { admin };
}

const CREATE = `mutation Create($d: DiscountCodeBasicInput!) {
  discountCodeBasicCreate(basicCodeDiscount: $d) {
    codeDiscountNode { id }
    userErrors { field message code extraInfo } } }`;

const discount = (code: string) => ({
  d: {
    title: code,
    code,
    startsAt: "2026-01-01T00:00:00Z",
    context: { all: "ALL" },
    customerGets: { value: { percentage: 0.1 }, items: { all: true } },
  },
});

const discountCodes = async (shop = "acme") =>
  ((await control(`/shops/${shop}/state`)).body.discounts as { codes: { code: string }[] }[]).flatMap((d) =>
    d.codes.map((c) => c.code),
  );

describe("admin faults", () => {
  it("answers server-error with Shopify's 500, runs nothing, and stops when times run out", async () => {
    const { admin } = await start();
    const set = await setFaults([{ field: "discountCodeBasicCreate", mode: "server-error", times: 2 }]);
    expect(set).toEqual({
      status: 200,
      body: { faults: [{ field: "discountCodeBasicCreate", mode: "server-error", times: 2 }] },
    });

    expect(await admin(CREATE, discount("A"))).toEqual({ status: 500, body: { errors: "Internal Server Error" } });
    expect((await control("/admin-faults")).body.faults).toEqual([
      { field: "discountCodeBasicCreate", mode: "server-error", times: 1 },
    ]);
    // A request that does not select the field is untouched and does not use the fault up.
    expect((await admin("{ shop { name } }")).body.data).toEqual({ shop: { name: "acme" } });
    expect((await admin(CREATE, discount("B"))).status).toBe(500);
    expect(await discountCodes()).toEqual([]);

    expect((await control("/admin-faults")).body).toEqual({ faults: [] });
    const ok = await admin(CREATE, discount("C"));
    expect(ok.body.data.discountCodeBasicCreate.userErrors).toEqual([]);
    expect(await discountCodes()).toEqual(["C"]);
  });

  it("answers throttled with Shopify's THROTTLED error and cost, without taking from the bucket", async () => {
    const { admin } = await start();
    await setFaults([{ field: "discountCodeBasicCreate", mode: "throttled" }]);
    const response = await admin(CREATE, discount("A"));
    expect(response.status).toBe(200);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors).toEqual([
      { message: "Throttled", extensions: { code: "THROTTLED", documentation: expect.any(String) } },
    ]);
    expect(response.body.extensions.cost).toMatchObject({
      requestedQueryCost: 10,
      actualQueryCost: null,
      throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 2000 },
    });
    // Unlimited until cleared.
    expect((await admin(CREATE, discount("B"))).body.errors[0].extensions.code).toBe("THROTTLED");
    expect(await discountCodes()).toEqual([]);

    expect(await setFaults([])).toEqual({ status: 200, body: { faults: [] } });
    expect((await admin(CREATE, discount("C"))).body.errors).toBeUndefined();
    expect(await discountCodes()).toEqual(["C"]);
  });

  it("answers user-error with a userError fitted to the payload's type, and changes nothing", async () => {
    const { admin } = await start();
    await setFaults([
      { field: "discountCodeBasicCreate", mode: "user-error", times: 1 },
      { field: "metafieldsSet", mode: "user-error" },
      { field: "tagsAdd", mode: "user-error" },
    ]);
    const created = await admin(CREATE, discount("A"));
    expect(created.status).toBe(200);
    expect(created.body.errors).toBeUndefined();
    expect(created.body.data).toEqual({
      discountCodeBasicCreate: {
        codeDiscountNode: null,
        userErrors: [
          { field: null, message: "Internal error (emulator fault)", code: "INTERNAL_ERROR", extraInfo: null },
        ],
      },
    });
    expect(created.body.extensions.cost.actualQueryCost).toBeGreaterThan(0);
    expect(await discountCodes()).toEqual([]);

    const customer = (await control("/shops/acme/customers", { email: "ana@example.com" })).body;
    const response = await admin(
      `mutation Three($m: [MetafieldsSetInput!]!, $id: ID!, $d: DiscountCodeBasicInput!) {
        metafieldsSet(metafields: $m) { metafields { id } userErrors { field message code elementIndex } }
        tags: tagsAdd(id: $id, tags: ["vip"]) { node { id } userErrors { field message } }
        created: discountCodeBasicCreate(basicCodeDiscount: $d) { codeDiscountNode { id } userErrors { code } } }`,
      {
        m: [{ ownerId: customer.gid, namespace: "$app:loyalty", key: "points", type: "number_integer", value: "1" }],
        id: customer.gid,
        ...discount("B"),
      },
    );
    expect(response.body.data).toEqual({
      metafieldsSet: {
        metafields: null,
        userErrors: [
          { field: null, message: "Internal error (emulator fault)", code: "INTERNAL_ERROR", elementIndex: null },
        ],
      },
      tags: { node: null, userErrors: [{ field: null, message: "Internal error (emulator fault)" }] },
      // The discount fault was used up: that field ran.
      created: { codeDiscountNode: { id: expect.any(String) }, userErrors: [] },
    });
    const state = (await control("/shops/acme/state")).body;
    expect(state.customers[0]).toMatchObject({ tags: [], metafields: [] });
    expect(await discountCodes()).toEqual(["B"]);
  });

  it("answers timeout late after doing the work, and does not hold up close()", async () => {
    const { admin } = await start();
    await setFaults([{ field: "discountCodeBasicCreate", mode: "timeout", delayMs: 500, times: 1 }]);
    expect((await control("/admin-faults")).body.faults).toEqual([
      { field: "discountCodeBasicCreate", mode: "timeout", delayMs: 500, times: 1 },
    ]);
    const started = Date.now();
    const pending = admin(CREATE, discount("A"));
    await expect.poll(discountCodes, { interval: 20 }).toEqual(["A"]);
    expect(Date.now() - started).toBeLessThan(500);
    const response = await pending;
    expect(Date.now() - started).toBeGreaterThanOrEqual(490);
    expect(response.status).toBe(200);
    expect(response.body.data.discountCodeBasicCreate).toEqual({
      codeDiscountNode: { id: expect.stringMatching(/^gid:\/\/shopify\/DiscountCodeNode\//) },
      userErrors: [],
    });

    // The default delay is ten seconds; closing the emulator releases the held-back response.
    await setFaults([{ field: "discountCodeBasicCreate", mode: "timeout" }]);
    expect((await control("/admin-faults")).body.faults[0].delayMs).toBe(10_000);
    const late = admin(CREATE, discount("B")).catch((error: unknown) => error);
    await expect.poll(discountCodes, { interval: 20 }).toEqual(["A", "B"]);
    const closing = Date.now();
    await emulator!.close();
    emulator = undefined;
    expect(Date.now() - closing).toBeLessThan(2_000);
    await late;
  });

  it("matches a field selected through fragments, not one skipped, on a query root field too", async () => {
    const { admin } = await start();
    await setFaults([{ field: "codeDiscountNodeByCode", mode: "server-error" }]);
    const query = `query Find($skip: Boolean!) { shop { name } ...F }
      fragment F on QueryRoot { ... { codeDiscountNodeByCode(code: "A") @skip(if: $skip) { id } } }`;
    expect((await admin(query, { skip: false })).status).toBe(500);
    expect(await admin(query, { skip: true })).toMatchObject({
      status: 200,
      body: { data: { shop: { name: "acme" } } },
    });
  });

  it("limits a fault to one shop when asked", async () => {
    const { admin } = await start();
    const set = await setFaults([{ field: "discountCodeBasicCreate", mode: "server-error", shop: "other" }]);
    expect(set.body.faults).toEqual([
      { field: "discountCodeBasicCreate", mode: "server-error", shop: "other.myshopify.com" },
    ]);
    expect((await admin(CREATE, discount("A"))).status).toBe(200);
    expect((await admin(CREATE, discount("B"), "other")).status).toBe(500);
    expect(await discountCodes()).toEqual(["A"]);
    expect(await discountCodes("other")).toEqual([]);
  });

  it("refuses bad faults with 422 and keeps the list in force", async () => {
    await start();
    await setFaults([{ field: "discountCodeDelete", mode: "throttled" }]);
    const bad: [unknown, string, string][] = [
      [{}, "faults", "a list of faults ([] clears them)"],
      [
        { faults: [{ field: "discountCodeBasicCreat", mode: "throttled" }] },
        "faults[0].field",
        "discountCodeBasicCreat is not a root field of the Admin schema",
      ],
      [
        {
          faults: [
            { field: "shop", mode: "throttled" },
            { field: "shop", mode: "slow" },
          ],
        },
        "faults[1].mode",
        "one of user-error, server-error, throttled, timeout",
      ],
      [
        { faults: [{ field: "codeDiscountNodeByCode", mode: "user-error" }] },
        "faults[0].mode",
        "user-error needs a payload with userErrors; codeDiscountNodeByCode returns DiscountCodeNode, which has no userErrors",
      ],
      [{ faults: [{ field: "shop", mode: "throttled", times: 0 }] }, "faults[0].times", "a positive integer"],
      [{ faults: [{ field: "shop", mode: "throttled", delayMs: 5 }] }, "faults[0].delayMs", "only for mode timeout"],
      [{ faults: [{ field: "shop", mode: "timeout", delayMs: -1 }] }, "faults[0].delayMs", "a non-negative integer"],
      [{ faults: [{ field: "shop", mode: "throttled", shop: "nowhere" }] }, "faults[0].shop", "no shop nowhere"],
      [
        { faults: [{ field: "shop", mode: "throttled", time: 1 }] },
        "faults[0].time",
        "unknown; a fault has field, mode, times, delayMs, shop",
      ],
    ];
    for (const [body, field, message] of bad) {
      expect(await control("/admin-faults", body, "PUT")).toEqual({
        status: 422,
        body: { error: `${field}: ${message}`, field },
      });
    }
    expect((await control("/admin-faults")).body.faults).toEqual([{ field: "discountCodeDelete", mode: "throttled" }]);
  });
});
