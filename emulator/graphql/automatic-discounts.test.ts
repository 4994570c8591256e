// Automatic discounts limited to customer segments, as Laurel's VIP tiers use them: applied at
// checkout only to the segment's customers and only while active (an order's time decides),
// updated field by field as Shopify does, and segment names kept unique.
import { beforeAll, describe, expect, it } from "vitest";
import { ensureShopifySchemas, schemaPath } from "../../scripts/shopify-schemas.ts";
import { Store } from "../state/store.ts";
import { TEST_APP_CONFIG } from "../testing.ts";
import { AdminApi } from "./admin-api.ts";
import { loadAdminSchema } from "./schema.ts";

let schema: ReturnType<typeof loadAdminSchema>;
beforeAll(() => {
  ensureShopifySchemas();
  schema = loadAdminSchema(schemaPath("admin"));
});

const NOW = new Date("2026-11-01T12:00:00Z");
const HOUR = 3_600_000;
const later = (hours: number) => new Date(NOW.getTime() + hours * HOUR).toISOString();

function setup(locale?: string) {
  const store = new Store(TEST_APP_CONFIG, () => NOW);
  const shop = store.createShop({ name: "acme", currency: "USD", locale });
  const api = new AdminApi(schema, store, () => 0);
  const run = async (query: string, variables?: Record<string, unknown>) => {
    const response = await api.handle(shop, store.installation(shop)!, { query, variables });
    expect(response.body.errors).toBeUndefined();
    return response.body.data as any;
  };
  const gold = store.createCustomer(shop, { email: "gold@example.com", tags: ["laurel-tier-gold"] });
  const plain = store.createCustomer(shop, { email: "plain@example.com" });
  const order = (customerId: number, at = NOW.toISOString(), shippingPrice?: string) =>
    store.createOrder(shop, {
      customerId,
      lineItems: [{ title: "Tea", price: "100.00", quantity: 1 }],
      createdAt: at,
      shippingPrice,
    });
  return { store, shop, run, gold, plain, order };
}

const SEGMENT = `mutation ($name: String!, $query: String!) {
  segmentCreate(name: $name, query: $query) { segment { id name } userErrors { field message } }
}`;
const CREATE_BASIC = `mutation ($input: DiscountAutomaticBasicInput!) {
  discountAutomaticBasicCreate(automaticBasicDiscount: $input) {
    automaticDiscountNode { id } userErrors { field message code }
  }
}`;
const UPDATE_BASIC = `mutation ($id: ID!, $input: DiscountAutomaticBasicInput!) {
  discountAutomaticBasicUpdate(id: $id, automaticBasicDiscount: $input) {
    automaticDiscountNode {
      id
      automaticDiscount {
        ... on DiscountAutomaticBasic {
          title endsAt status
          context { ... on DiscountCustomerSegments { segments { id } } }
          customerGets { value { ... on DiscountPercentage { percentage } } }
          combinesWith { orderDiscounts productDiscounts shippingDiscounts }
        }
      }
    }
    userErrors { field message code }
  }
}`;
const CREATE_SHIPPING = `mutation ($input: DiscountAutomaticFreeShippingInput!) {
  discountAutomaticFreeShippingCreate(freeShippingAutomaticDiscount: $input) {
    automaticDiscountNode { id } userErrors { field message code }
  }
}`;
const UPDATE_SHIPPING = `mutation ($id: ID!, $input: DiscountAutomaticFreeShippingInput!) {
  discountAutomaticFreeShippingUpdate(id: $id, freeShippingAutomaticDiscount: $input) {
    automaticDiscountNode {
      automaticDiscount {
        ... on DiscountAutomaticFreeShipping {
          title endsAt
          minimumRequirement { ... on DiscountMinimumSubtotal { greaterThanOrEqualToSubtotal { amount } } }
        }
      }
    }
    userErrors { field message code }
  }
}`;

async function goldDiscount(ctx: ReturnType<typeof setup>) {
  const segment = (await ctx.run(SEGMENT, { name: "Gold", query: "customer_tags CONTAINS 'laurel-tier-gold'" }))
    .segmentCreate.segment.id as string;
  const created = await ctx.run(CREATE_BASIC, {
    input: {
      title: "Gold member discount — 5%",
      startsAt: NOW.toISOString(),
      endsAt: later(48),
      context: { customerSegments: { add: [segment] } },
      customerGets: { value: { percentage: 0.05 }, items: { all: true } },
      combinesWith: { orderDiscounts: true, productDiscounts: true, shippingDiscounts: true },
    },
  });
  expect(created.discountAutomaticBasicCreate.userErrors).toEqual([]);
  return { segment, id: created.discountAutomaticBasicCreate.automaticDiscountNode.id as string };
}

const discountsOn = (order: { discountApplications: { type: string; title: string }[] }) =>
  order.discountApplications.filter((a) => a.type === "automatic").map((a) => a.title);

describe("automatic discounts limited to a segment", () => {
  it("apply to the segment's customers only, and only while active at the order's time", async () => {
    const ctx = setup();
    await goldDiscount(ctx);
    const member = ctx.order(ctx.gold.id);
    expect(discountsOn(member)).toEqual(["Gold member discount — 5%"]);
    expect(member.lineItems[0]!.discountAllocations.map((a) => a.amount)).toEqual([500]);
    expect(discountsOn(ctx.order(ctx.plain.id))).toEqual([]);
    expect(discountsOn(ctx.order(ctx.gold.id, later(47)))).toEqual(["Gold member discount — 5%"]);
    expect(discountsOn(ctx.order(ctx.gold.id, later(48)))).toEqual([]);
    expect(discountsOn(ctx.order(ctx.gold.id, later(-1)))).toEqual([]);
  });

  it("follows the customer's tags: a tag removed, the discount no longer applies", async () => {
    const ctx = setup();
    await goldDiscount(ctx);
    ctx.store.changeTags(ctx.shop, "Customer", ctx.gold.id, [], ["laurel-tier-gold"]);
    expect(discountsOn(ctx.order(ctx.gold.id))).toEqual([]);
  });
});

describe("discountAutomaticBasicUpdate", () => {
  it("changes only what the input names: a new end keeps the title, value and segment", async () => {
    const ctx = setup();
    const { id, segment } = await goldDiscount(ctx);
    const updated = (await ctx.run(UPDATE_BASIC, { id, input: { endsAt: later(96) } })).discountAutomaticBasicUpdate;
    expect(updated.userErrors).toEqual([]);
    expect(updated.automaticDiscountNode.automaticDiscount).toEqual({
      title: "Gold member discount — 5%",
      endsAt: later(96).replace(".000Z", "Z"),
      status: "ACTIVE",
      context: { segments: [{ id: segment }] },
      customerGets: { value: { percentage: 0.05 } },
      combinesWith: { orderDiscounts: true, productDiscounts: true, shippingDiscounts: true },
    });
    expect(discountsOn(ctx.order(ctx.gold.id, later(60)))).toEqual(["Gold member discount — 5%"]);
  });

  it("changes the value and title, and adds and removes segments", async () => {
    const ctx = setup();
    const { id, segment } = await goldDiscount(ctx);
    const other = (await ctx.run(SEGMENT, { name: "Plain", query: "customer_tags NOT CONTAINS 'laurel-tier-gold'" }))
      .segmentCreate.segment.id as string;
    const updated = await ctx.run(UPDATE_BASIC, {
      id,
      input: {
        title: "Gold member discount — 7%",
        customerGets: { value: { percentage: 0.07 } },
        context: { customerSegments: { add: [other], remove: [segment] } },
      },
    });
    expect(updated.discountAutomaticBasicUpdate.automaticDiscountNode.automaticDiscount).toMatchObject({
      title: "Gold member discount — 7%",
      context: { segments: [{ id: other }] },
      customerGets: { value: { percentage: 0.07 } },
    });
    expect(discountsOn(ctx.order(ctx.gold.id))).toEqual([]);
    const plain = ctx.order(ctx.plain.id);
    expect(plain.lineItems[0]!.discountAllocations.map((a) => a.amount)).toEqual([700]);
  });

  it("refuses an end before the start, an unknown discount and a free-shipping one, changing nothing", async () => {
    const ctx = setup();
    const { id } = await goldDiscount(ctx);
    const before = (await ctx.run(UPDATE_BASIC, { id, input: { endsAt: later(-2), title: "Changed" } }))
      .discountAutomaticBasicUpdate;
    expect(before).toEqual({
      automaticDiscountNode: null,
      userErrors: [
        {
          field: ["automaticBasicDiscount", "endsAt"],
          message: "Ends at needs to be after starts_at",
          code: "END_DATE_BEFORE_START_DATE",
        },
      ],
    });
    const missing = await ctx.run(UPDATE_BASIC, { id: "gid://shopify/DiscountAutomaticNode/999", input: {} });
    expect(missing.discountAutomaticBasicUpdate.userErrors).toEqual([
      { field: ["id"], message: "Discount does not exist", code: "INVALID" },
    ]);
    const shipping = await ctx.run(CREATE_SHIPPING, { input: { title: "Free shipping", startsAt: NOW.toISOString() } });
    const shippingId = shipping.discountAutomaticFreeShippingCreate.automaticDiscountNode.id;
    const wrongKind = await ctx.run(UPDATE_BASIC, { id: shippingId, input: { title: "x" } });
    expect(wrongKind.discountAutomaticBasicUpdate.userErrors).toMatchObject([{ field: ["id"], code: "INVALID" }]);
    expect(discountsOn(ctx.order(ctx.gold.id))).toEqual(["Gold member discount — 5%", "Free shipping"]);
  });
});

describe("discountAutomaticFreeShippingUpdate", () => {
  it("moves the end and changes the minimum; the minimum decides at checkout", async () => {
    const ctx = setup();
    const created = await ctx.run(CREATE_SHIPPING, {
      input: {
        title: "Gold member free shipping",
        startsAt: NOW.toISOString(),
        endsAt: later(48),
        minimumRequirement: { subtotal: { greaterThanOrEqualToSubtotal: "150.00" } },
      },
    });
    const id = created.discountAutomaticFreeShippingCreate.automaticDiscountNode.id;
    expect(discountsOn(ctx.order(ctx.gold.id, NOW.toISOString(), "9.00"))).toEqual([]);
    const updated = await ctx.run(UPDATE_SHIPPING, {
      id,
      input: { endsAt: later(72), minimumRequirement: { subtotal: { greaterThanOrEqualToSubtotal: "80.00" } } },
    });
    expect(updated.discountAutomaticFreeShippingUpdate).toEqual({
      automaticDiscountNode: {
        automaticDiscount: {
          title: "Gold member free shipping",
          endsAt: later(72).replace(".000Z", "Z"),
          minimumRequirement: { greaterThanOrEqualToSubtotal: { amount: "80.0" } },
        },
      },
      userErrors: [],
    });
    const order = ctx.order(ctx.gold.id, later(60), "9.00");
    expect(discountsOn(order)).toEqual(["Gold member free shipping"]);
    expect(order.shippingLines[0]!.discountAllocations.map((a) => a.amount)).toEqual([900]);
  });
});

describe("segments", () => {
  it("keep names unique on update too, changing nothing when refused", async () => {
    const ctx = setup();
    await ctx.run(SEGMENT, { name: "Gold", query: "customer_tags CONTAINS 'a'" });
    const silver = (await ctx.run(SEGMENT, { name: "Silver", query: "customer_tags CONTAINS 'b'" })).segmentCreate
      .segment.id;
    const taken = await ctx.run(
      `mutation ($id: ID!) { segmentUpdate(id: $id, name: "Gold", query: "customer_tags CONTAINS 'c'") {
        segment { id } userErrors { field message } } }`,
      { id: silver },
    );
    expect(taken.segmentUpdate).toEqual({
      segment: null,
      userErrors: [{ field: ["name"], message: "Name has already been taken" }],
    });
    expect([...ctx.shop.segments.values()].map((s) => [s.name, s.query])).toEqual([
      ["Gold", "customer_tags CONTAINS 'a'"],
      ["Silver", "customer_tags CONTAINS 'b'"],
    ]);
  });
});

describe("shopLocales", () => {
  it("reports the store's primary language", async () => {
    expect((await setup("ru").run("{ shopLocales { locale primary published } }")).shopLocales).toEqual([
      { locale: "ru", primary: true, published: true },
    ]);
    expect((await setup().run("{ shopLocales(published: true) { locale name } }")).shopLocales).toEqual([
      { locale: "en", name: "English" },
    ]);
  });
});
