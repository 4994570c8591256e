import { beforeAll, describe, expect, it } from "vitest";
import { TEST_APP_CONFIG } from "../testing.ts";
import { ensureShopifySchemas, schemaPath } from "../../scripts/shopify-schemas.ts";
import { Store } from "../state/store.ts";
import { AdminApi } from "./admin-api.ts";
import { loadAdminSchema } from "./schema.ts";

const app = TEST_APP_CONFIG;

let schema: ReturnType<typeof loadAdminSchema>;
beforeAll(() => {
  ensureShopifySchemas();
  schema = loadAdminSchema(schemaPath("admin"));
});

function setup(clock = () => 0) {
  const store = new Store(app, () => new Date("2026-11-01T12:00:00Z"));
  const shop = store.createShop({ name: "acme", currency: "USD" });
  const installation = store.installation(shop)!;
  const api = new AdminApi(schema, store, clock);
  const run = (query: string, variables?: Record<string, unknown>) =>
    api.handle(shop, installation, { query, variables });
  return { store, shop, api, run };
}

describe("requests", () => {
  it("rejects a misspelled field the way Shopify does", async () => {
    const { run } = setup();
    const response = await run("query ShopName { shop { nmae } }");
    expect(response.status).toBe(200);
    expect(response.body.errors).toEqual([
      {
        message: "Field 'nmae' doesn't exist on type 'Shop'",
        locations: [{ line: 1, column: 25 }],
        extensions: { code: "undefinedField", typeName: "Shop", fieldName: "nmae" },
      },
    ]);
    expect(response.body.data).toBeUndefined();
  });

  it("rejects a missing required argument and an unknown one", async () => {
    const { run } = setup();
    const missing = await run("{ customer { id } }");
    expect(missing.body.errors).toMatchObject([{ extensions: { code: "missingRequiredArguments" } }]);
    const unknown = await run('{ shop { metafield(key: "a", colour: "red") { id } } }');
    expect(unknown.body.errors).toMatchObject([
      { extensions: { code: "argumentNotAccepted", argumentName: "colour" } },
    ]);
  });

  it("names a field the emulator does not implement instead of returning null", async () => {
    const { run } = setup();
    const response = await run("{ shop { richTextEditorUrl } }");
    expect((response.body.errors as { message: string }[])[0]!.message).toBe(
      "The Laurel Shopify emulator does not implement Shop.richTextEditorUrl yet",
    );
  });
});

describe("responses", () => {
  it("answers a broad order query with values valid for every scalar type", async () => {
    const { store, shop, run } = setup();
    const customer = store.createCustomer(shop, {
      email: "ana@example.com",
      firstName: "Ana",
      lastName: "Ng",
      tags: ["vip"],
    });
    const product = store.createProduct(shop, { title: "Tea", price: "12.50" });
    store.createOrder(shop, {
      customerId: customer.id,
      lineItems: [
        { variantId: product.variantIds[0]!, quantity: 2, tax: "2.00" },
        { title: "Cup", price: "5.00", quantity: 1 },
      ],
      shippingPrice: "4.99",
      presentmentCurrency: "EUR",
      exchangeRate: "0.9",
      paid: true,
    });
    const response = await run(`{
      orders(first: 5) {
        nodes {
          id legacyResourceId name email createdAt processedAt cancelledAt displayFinancialStatus currencyCode presentmentCurrencyCode
          subtotalPriceSet { shopMoney { amount currencyCode } presentmentMoney { amount currencyCode } }
          currentTotalPriceSet { shopMoney { amount } } totalShippingPriceSet { shopMoney { amount } } totalTaxSet { shopMoney { amount } }
          customer { id displayName numberOfOrders amountSpent { amount currencyCode } tags
            defaultEmailAddress { emailAddress marketingState } }
          lineItems(first: 10) { nodes { id title quantity currentQuantity isGiftCard
            originalUnitPriceSet { shopMoney { amount } presentmentMoney { amount } }
            discountedTotalSet { shopMoney { amount } } variant { id price product { id title } } } }
          refunds { id }
        }
        pageInfo { hasNextPage endCursor }
      }
    }`);
    expect(response.body.errors).toBeUndefined();
    const order = (response.body.data as { orders: { nodes: Record<string, any>[] } }).orders.nodes[0]!;
    expect(order).toMatchObject({
      name: "#1001",
      displayFinancialStatus: "PAID",
      subtotalPriceSet: {
        shopMoney: { amount: "30.0", currencyCode: "USD" },
        presentmentMoney: { amount: "27.0", currencyCode: "EUR" },
      },
      currentTotalPriceSet: { shopMoney: { amount: "36.99" } },
      customer: { displayName: "Ana Ng", numberOfOrders: "1", amountSpent: { amount: "36.99", currencyCode: "USD" } },
    });
    expect(order.lineItems.nodes[0].originalUnitPriceSet).toEqual({
      shopMoney: { amount: "12.5" },
      presentmentMoney: { amount: "11.25" },
    });
  });

  it("reports the query's cost with the bucket's state", async () => {
    const { run } = setup();
    const response = await run("{ shop { name } }");
    expect(response.body.extensions).toEqual({
      cost: {
        requestedQueryCost: 1,
        actualQueryCost: 1,
        throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1999, restoreRate: 100 },
      },
    });
  });
});

describe("mutations", () => {
  it("sets metafields in the app's namespace, all or nothing, 25 at most", async () => {
    const { store, shop, run } = setup();
    const customer = store.createCustomer(shop, { email: "a@example.com" });
    const ownerId = `gid://shopify/Customer/${customer.id}`;
    const set = `mutation Set($m: [MetafieldsSetInput!]!) {
      metafieldsSet(metafields: $m) { metafields { namespace key value type } userErrors { field message code elementIndex } } }`;

    const ok = await run(set, {
      m: [{ ownerId, namespace: "$app:loyalty", key: "points", type: "number_integer", value: "120" }],
    });
    expect(ok.body.data).toEqual({
      metafieldsSet: {
        metafields: [{ namespace: "app--424242--loyalty", key: "points", value: "120", type: "number_integer" }],
        userErrors: [],
      },
    });

    const bad = await run(set, {
      m: [
        { ownerId, namespace: "$app:loyalty", key: "points", value: "130" },
        { ownerId, namespace: "$app:loyalty", key: "tier", type: "number_integer", value: "gold" },
      ],
    });
    expect((bad.body.data as any).metafieldsSet.userErrors).toEqual([
      {
        field: ["metafields", "1", "value"],
        message: "Value is invalid for type number_integer.",
        code: "INVALID_VALUE",
        elementIndex: 1,
      },
    ]);
    const read = await run(
      `{ customer(id: "${ownerId}") { metafield(namespace: "$app:loyalty", key: "points") { value } } }`,
    );
    expect(read.body.data).toEqual({ customer: { metafield: { value: "120" } } });

    const tooMany = Array.from({ length: 26 }, (_, i) => ({
      ownerId,
      namespace: "$app",
      key: `k${i}`,
      type: "number_integer",
      value: "1",
    }));
    const refused = await run(set, { m: tooMany });
    expect((refused.body.errors as any[])[0]).toMatchObject({ extensions: { code: "MAX_INPUT_SIZE_EXCEEDED" } });
    expect([...shop.metafields.values()]).toHaveLength(1);
  });

  it("creates a single-use code discount locked to one customer", async () => {
    const { store, shop, run } = setup();
    const customer = store.createCustomer(shop, { email: "a@example.com" });
    const response = await run(
      `mutation Create($d: DiscountCodeBasicInput!) {
        discountCodeBasicCreate(basicCodeDiscount: $d) {
          codeDiscountNode { id codeDiscount { ... on DiscountCodeBasic { title usageLimit appliesOncePerCustomer
            context { ... on DiscountCustomers { customers { id } } }
            customerGets { value { ... on DiscountAmount { amount { amount } } } }
            codes(first: 1) { nodes { code } } } } }
          userErrors { field message code } } }`,
      {
        d: {
          title: "5 off",
          code: "LAUREL-ABC123",
          usageLimit: 1,
          appliesOncePerCustomer: true,
          context: { customers: { add: [`gid://shopify/Customer/${customer.id}`] } },
          customerGets: {
            value: { discountAmount: { amount: "5.00", appliesOnEachItem: false } },
            items: { all: true },
          },
        },
      },
    );
    expect((response.body.data as any).discountCodeBasicCreate).toMatchObject({
      userErrors: [],
      codeDiscountNode: {
        codeDiscount: {
          title: "5 off",
          usageLimit: 1,
          appliesOncePerCustomer: true,
          context: { customers: [{ id: `gid://shopify/Customer/${customer.id}` }] },
          customerGets: { value: { amount: { amount: "5.0" } } },
          codes: { nodes: [{ code: "LAUREL-ABC123" }] },
        },
      },
    });
    const other = store.createCustomer(shop, { email: "b@example.com" });
    expect(() =>
      store.createOrder(shop, {
        customerId: other.id,
        lineItems: [{ title: "T", price: "10", quantity: 1 }],
        discountCodes: ["LAUREL-ABC123"],
      }),
    ).toThrow(/not available to this customer/);
    const order = store.createOrder(shop, {
      customerId: customer.id,
      lineItems: [{ title: "T", price: "10", quantity: 1 }],
      discountCodes: ["laurel-abc123"],
    });
    expect(order.lineItems[0]!.discountAllocations).toEqual([{ applicationIndex: 0, amount: 500 }]);
    expect(() =>
      store.createOrder(shop, {
        customerId: customer.id,
        lineItems: [{ title: "T", price: "10", quantity: 1 }],
        discountCodes: ["LAUREL-ABC123"],
      }),
    ).toThrow(/usage limit reached/);
  });
});

describe("buy X get Y", () => {
  it("creates a BXGY code and applies it at checkout to the cheapest eligible unit", async () => {
    const { store, shop, run } = setup();
    const tea = store.createProduct(shop, { title: "Tea", price: "12.00" });
    const cup = store.createProduct(shop, { title: "Cup", price: "5.00" });
    const response = await run(
      `mutation Create($d: DiscountCodeBxgyInput!) {
        discountCodeBxgyCreate(bxgyCodeDiscount: $d) {
          codeDiscountNode { codeDiscount { ... on DiscountCodeBxgy { title usesPerOrderLimit
            customerBuys { value { ... on DiscountQuantity { quantity } } items { ... on DiscountProducts { products(first: 5) { nodes { title } } } } }
            customerGets { value { ... on DiscountOnQuantity { quantity { quantity } effect { ... on DiscountPercentage { percentage } } } } } } } }
          userErrors { field message code } } }`,
      {
        d: {
          title: "Buy 2 tea, get a cup",
          code: "TEACUP",
          customerBuys: {
            value: { quantity: "2" },
            items: { products: { productsToAdd: [`gid://shopify/Product/${tea.id}`] } },
          },
          customerGets: {
            value: { discountOnQuantity: { quantity: "1", effect: { percentage: 1 } } },
            items: { products: { productsToAdd: [`gid://shopify/Product/${cup.id}`] } },
          },
          usesPerOrderLimit: 1,
        },
      },
    );
    expect((response.body.data as any).discountCodeBxgyCreate).toEqual({
      userErrors: [],
      codeDiscountNode: {
        codeDiscount: {
          title: "Buy 2 tea, get a cup",
          usesPerOrderLimit: 1,
          customerBuys: { value: { quantity: "2" }, items: { products: { nodes: [{ title: "Tea" }] } } },
          customerGets: { value: { quantity: { quantity: "1" }, effect: { percentage: 1 } } },
        },
      },
    });
    const order = store.createOrder(shop, {
      lineItems: [
        { variantId: tea.variantIds[0]!, quantity: 2 },
        { variantId: cup.variantIds[0]!, quantity: 2 },
      ],
      discountCodes: ["TEACUP"],
    });
    expect(order.lineItems.map((l) => l.discountAllocations)).toEqual([[], [{ applicationIndex: 0, amount: 500 }]]);
    const short = store.createOrder(shop, {
      lineItems: [
        { variantId: tea.variantIds[0]!, quantity: 1 },
        { variantId: cup.variantIds[0]!, quantity: 1 },
      ],
      discountCodes: ["TEACUP"],
    });
    expect(short.lineItems.flatMap((l) => l.discountAllocations)).toEqual([]);
  });

  it("refuses a BXGY without a quantity to get", async () => {
    const { run } = setup();
    const response = await run(
      `mutation { discountCodeBxgyCreate(bxgyCodeDiscount: { title: "x", code: "X", customerBuys: { value: { quantity: "1" }, items: { all: true } },
        customerGets: { items: { all: true }, value: { discountOnQuantity: { quantity: "0", effect: { percentage: 1 } } } } }) {
        userErrors { field code } } }`,
    );
    expect((response.body.data as any).discountCodeBxgyCreate.userErrors).toEqual([
      { field: ["bxgyCodeDiscount", "customerGets", "value", "discountOnQuantity", "quantity"], code: "GREATER_THAN" },
    ]);
  });
});

describe("throttling", () => {
  it("refuses a query above the single-query maximum before running it", async () => {
    const { run } = setup();
    const response = await run("{ customers(first: 250) { nodes { id orders(first: 3) { nodes { id } } } } }");
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors).toMatchObject([{ extensions: { code: "MAX_COST_EXCEEDED", maxCost: 1000 } }]);
  });

  it("returns THROTTLED when concurrent queries drain the bucket, and recovers at the restore rate", async () => {
    let now = 0;
    const { run } = setup(() => now);
    // 2 + 70 × (1 + 2 + 10) = 912 each; the cost is reserved before execution, so the third of
    // three concurrent queries finds 176 of 2000 left.
    const query = "{ customers(first: 70) { nodes { id orders(first: 10) { nodes { id } } } } }";
    const results = await Promise.all([run(query), run(query), run(query)]);
    expect(results.map((r) => Boolean(r.body.errors))).toEqual([false, false, true]);
    expect(results[2]!.body.errors).toEqual([
      {
        message: "Throttled",
        extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" },
      },
    ]);
    expect((results[2]!.body.extensions as any).cost).toMatchObject({ requestedQueryCost: 912, actualQueryCost: null });
    now += 10_000;
    expect((await run(query)).body.errors).toBeUndefined();
  });
});
