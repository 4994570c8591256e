// Product webhook payloads read into the catalog index's terms: Shopify's sample, the emulator's
// bodies, and what a payload may lack or add.
import { describe, expect, it } from "vitest";
import { Store } from "../../emulator/state/store.ts";
import type { ShopEvent } from "../../emulator/state/types.ts";
import { TEST_APP_CONFIG } from "../../emulator/testing.ts";
import { webhookPayload } from "../../emulator/webhooks/payloads.ts";
import { parsePayload, PayloadError } from "../webhooks/payload";
import { productDeletePayloadSchema, productPayloadSchema, splitTags } from "./product-payload";

// Shopify's products/create sample (shopify.dev webhook reference), variants shortened to one, with
// ids of a real store's size: the sample's 8012345678901 is beyond 2^53, where a JSON number
// loses digits (refused below).
const SAMPLE = {
  admin_graphql_api_id: "gid://shopify/Product/8012345678901",
  body_html: "An example T-Shirt",
  created_at: null,
  handle: "example-t-shirt",
  id: 8012345678901,
  product_type: "Shirts",
  published_at: "2021-12-31T19:00:00-05:00",
  template_suffix: null,
  title: "Example T-Shirt",
  updated_at: "2021-12-31T19:00:00-05:00",
  vendor: "Acme",
  status: "active",
  published_scope: "web",
  tags: "example, mens, t-shirt",
  variants: [
    {
      admin_graphql_api_id: "gid://shopify/ProductVariant/45012345678901",
      id: 45012345678901,
      price: "19.99",
      product_id: 8012345678901,
      title: "Small",
    },
  ],
  options: [],
  images: [],
  image: null,
  media: [],
  variant_gids: [{ admin_graphql_api_id: "gid://shopify/ProductVariant/45012345678901", updated_at: "x" }],
  has_variants_that_requires_components: false,
  category: null,
};

describe("splitTags", () => {
  it("splits Shopify's comma-separated string, trimming and dropping empties", () => {
    expect(splitTags("example, mens, t-shirt")).toEqual(["example", "mens", "t-shirt"]);
    expect(splitTags(" vip ,, gift ")).toEqual(["vip", "gift"]);
    expect(splitTags("")).toEqual([]);
  });

  it("keeps a tag's spaces and case", () => {
    expect(splitTags("Green Tea, Loose leaf")).toEqual(["Green Tea", "Loose leaf"]);
  });
});

describe("productPayloadSchema", () => {
  it("reads Shopify's sample: the GID and the tags, ignoring every other field", () => {
    expect(parsePayload(productPayloadSchema, SAMPLE, "products/create")).toEqual({
      productId: "gid://shopify/Product/8012345678901",
      tags: ["example", "mens", "t-shirt"],
    });
  });

  it("tolerates fields Shopify adds later", () => {
    const parsed = parsePayload(productPayloadSchema, { ...SAMPLE, some_new_field: { nested: true } }, "p");
    expect(parsed.productId).toBe("gid://shopify/Product/8012345678901");
  });

  it("builds the GID from a numeric or string id when admin_graphql_api_id is absent", () => {
    expect(parsePayload(productPayloadSchema, { id: 42, tags: "" }, "p")).toEqual({
      productId: "gid://shopify/Product/42",
      tags: [],
    });
    expect(parsePayload(productPayloadSchema, { id: "42", tags: "a" }, "p").productId).toBe("gid://shopify/Product/42");
  });

  it("tells no tags (an empty string) from unknown tags (absent or null)", () => {
    expect(parsePayload(productPayloadSchema, { id: 1, tags: "" }, "p").tags).toEqual([]);
    expect(parsePayload(productPayloadSchema, { id: 1 }, "p").tags).toBeNull();
    expect(parsePayload(productPayloadSchema, { id: 1, tags: null }, "p").tags).toBeNull();
  });

  it("refuses a payload without a usable id, naming the field", () => {
    expect(() => parsePayload(productPayloadSchema, { tags: "a" }, "products/update")).toThrow(PayloadError);
    expect(() => parsePayload(productPayloadSchema, { id: "abc" }, "products/update")).toThrow(/products\/update: id/);
    expect(() =>
      parsePayload(productPayloadSchema, { id: 1, admin_graphql_api_id: "gid://shopify/Order/1" }, "p"),
    ).toThrow(/admin_graphql_api_id/);
    expect(() => parsePayload(productPayloadSchema, { id: 1, tags: ["a"] }, "p")).toThrow(/tags/);
  });
});

describe("productDeletePayloadSchema", () => {
  it("reads Shopify's products/delete body: the id alone", () => {
    expect(parsePayload(productDeletePayloadSchema, { id: 8012345678901 }, "products/delete")).toEqual({
      productId: "gid://shopify/Product/8012345678901",
    });
  });

  it("refuses an id too large for a JSON number to carry exactly", () => {
    const body: unknown = JSON.parse('{"id": 788032119674292922}');
    expect(() => parsePayload(productDeletePayloadSchema, body, "products/delete")).toThrow(/products\/delete: id/);
  });

  it("refuses a body without an id", () => {
    expect(() => parsePayload(productDeletePayloadSchema, {}, "products/delete")).toThrow(/products\/delete: id/);
  });
});

describe("the emulator's product webhooks", () => {
  const store = new Store(TEST_APP_CONFIG, () => new Date("2026-11-10T12:00:00Z"));
  const shop = store.createShop({ name: "Payload Shop" });
  // Bodies as the deliverer makes them: when the change happens.
  const sent: { topic: string; body: unknown }[] = [];
  store.events.on("event", (s, event: ShopEvent) =>
    sent.push(webhookPayload(s, event, { customerOf: (id) => s.customers.get(id), appId: 1 })),
  );

  it("parse into the product's GID and tags, through create, update and delete", () => {
    const product = store.createProduct(shop, { title: "Sencha", price: "14.00", tags: ["tea", "Green"] });
    store.updateProduct(shop, product.id, { tags: ["tea", "sale"] });
    store.deleteProduct(shop, product.id);
    expect(sent.map((e) => e.topic)).toEqual(["products/create", "products/update", "products/delete"]);
    const gid = `gid://shopify/Product/${product.id}`;
    const [created, updated, deleted] = sent.map((e) => e.body);
    expect(parsePayload(productPayloadSchema, created, "c")).toEqual({ productId: gid, tags: ["Green", "tea"] });
    expect(parsePayload(productPayloadSchema, updated, "u")).toEqual({ productId: gid, tags: ["sale", "tea"] });
    expect(parsePayload(productDeletePayloadSchema, deleted, "d")).toEqual({ productId: gid });
  });
});
