import { describe, expect, it } from "vitest";
import { shopNumericId } from "../graphql/views.ts";
import { toFixedDecimal } from "../state/money.ts";
import { applyValue, refundLines, toPresentment } from "../state/orders.ts";
import type { Customer, LineItemRecord, OrderRecord, Product, RefundRecord, ShopRecord } from "../state/types.ts";
import {
  appUninstalledPayload,
  complianceDataRequestPayload,
  customerPayload,
  customerRedactPayload,
  orderPayload,
  productDeletePayload,
  productPayload,
  refundPayload,
  shopRedactPayload,
  shopTime,
  webhookPayload,
} from "./payloads.ts";

const words = (text: string) => text.trim().split(/\s+/);

// Top-level keys of Shopify's current orders/* sample payload (shopify.dev webhook reference, with
// merchant_business_entity_id and without checkout_id). A key outside this list is a typo.
const ORDER_KEYS = words(`
  id admin_graphql_api_id app_id browser_ip buyer_accepts_marketing cancel_reason cancelled_at cart_token
  checkout_token client_details closed_at confirmation_number confirmed contact_email created_at currency
  current_shipping_price_set current_subtotal_price current_subtotal_price_set
  current_total_additional_fees_set current_total_discounts current_total_discounts_set
  current_total_duties_set current_total_price current_total_price_set current_total_tax current_total_tax_set
  customer_locale device_id discount_codes duties_included email estimated_taxes financial_status
  fulfillment_status landing_site landing_site_ref location_id merchant_business_entity_id
  merchant_of_record_app_id name note note_attributes number order_number order_status_url
  original_total_additional_fees_set original_total_duties_set payment_gateway_names phone po_number
  presentment_currency processed_at reference referring_site source_identifier source_name source_url
  subtotal_price subtotal_price_set tags tax_exempt tax_lines taxes_included test token
  total_cash_rounding_payment_adjustment_set total_cash_rounding_refund_adjustment_set total_discounts
  total_discounts_set total_line_items_price total_line_items_price_set total_outstanding total_price
  total_price_set total_shipping_price_set total_tax total_tax_set total_tip_received total_weight updated_at
  user_id billing_address customer discount_applications fulfillments line_items payment_terms refunds
  shipping_address shipping_lines returns line_item_groups
`);

// Keys of line items and of the nested customer in the same sample.
const LINE_ITEM_KEYS = words(`
  id admin_graphql_api_id attributed_staffs current_quantity fulfillable_quantity fulfillment_service
  fulfillment_status gift_card grams name price price_set product_exists product_id properties quantity
  requires_shipping sales_line_item_group_id sku taxable title total_discount total_discount_set variant_id
  variant_inventory_management variant_title vendor tax_lines duties discount_allocations
`);
const ORDER_CUSTOMER_KEYS = words(`
  id created_at updated_at first_name last_name state note verified_email multipass_identifier tax_exempt email
  phone currency tax_exemptions admin_graphql_api_id default_address
`);
// customers/create and customers/update (shopify.dev REST webhook reference, 2026-01).
const CUSTOMER_KEYS = [...ORDER_CUSTOMER_KEYS, "addresses"];
// refunds/create (shopify.dev REST webhook reference and Refund resource, 2026-01).
const REFUND_KEYS = words(`
  id order_id created_at note user_id processed_at duties total_duties_set return restock refund_shipping_lines
  admin_graphql_api_id order_adjustments refund_line_items transactions refund_duties
`);
const REFUND_LINE_KEYS = words(`
  id quantity line_item_id location_id restock_type subtotal total_tax subtotal_set total_tax_set line_item
`);
const REFUND_SHIPPING_LINE_KEYS = words("id shipping_line shipping_line_id subtotal_amount_set");
const TRANSACTION_KEYS = words(`
  id order_id kind gateway status message created_at test authorization location_id user_id parent_id
  processed_at device_id error_code source_name receipt amount currency payment_id total_unsettled_set
  manual_payment_gateway amount_rounding admin_graphql_api_id
`);
// Order parts, from the orders/* sample and real 2025-10 payloads (discount_code applications).
const SHIPPING_LINE_KEYS = words(`
  id carrier_identifier code current_discounted_price_set discounted_price discounted_price_set is_removed phone
  price price_set requested_fulfillment_service_id source title tax_lines discount_allocations
`);
const TAX_LINE_KEYS = words("price rate title price_set channel_liable");
const DISCOUNT_APPLICATION_KEYS = words(`
  target_type type value value_type allocation_method target_selection code title description
`);
// products/create and products/update (shopify.dev webhook reference sample, 2026-01) and its variants.
const PRODUCT_KEYS = words(`
  admin_graphql_api_id body_html created_at handle id product_type published_at template_suffix title
  updated_at vendor status published_scope tags variants options images image media variant_gids
  has_variants_that_requires_components category
`);
const PRODUCT_VARIANT_KEYS = words(`
  admin_graphql_api_id barcode compare_at_price created_at id inventory_policy position price product_id sku
  taxable title updated_at option1 option2 option3 image_id inventory_item_id inventory_quantity
  old_inventory_quantity
`);
// app/uninstalled (the Shop resource).
const SHOP_KEYS = words(`
  id name email domain province country address1 zip city source phone latitude longitude primary_locale
  address2 created_at updated_at country_code country_name currency customer_email timezone iana_timezone
  shop_owner money_format money_with_currency_format weight_unit province_code taxes_included
  auto_configure_tax_inclusivity tax_shipping county_taxes plan_display_name plan_name has_discounts
  has_gift_cards myshopify_domain
`);

const CREATED = new Date("2026-03-01T12:34:56.789Z");

function makeShop(overrides: Partial<ShopRecord> = {}): ShopRecord {
  return {
    domain: "laurel-test.myshopify.com",
    name: "Laurel Test",
    email: "owner@laurel-test.myshopify.com",
    currency: "USD",
    plan: { displayName: "Basic", partnerDevelopment: true, shopifyPlus: false },
    ianaTimezone: "UTC",
    createdAt: new Date("2026-01-01T00:00:00Z"),
    installations: new Map(),
    customers: new Map(),
    products: new Map(),
    variants: new Map(),
    collections: new Map(),
    orders: new Map(),
    codeDiscounts: new Map(),
    automaticDiscounts: new Map(),
    segments: new Map(),
    metafields: new Map(),
    metafieldDefinitions: new Map(),
    nextId: 5000,
    nextOrderNumber: 1001,
    ...overrides,
  };
}

function makeCustomer(): Customer {
  return {
    id: 2001,
    firstName: "Ada",
    lastName: "Lovelace",
    email: "ada@example.com",
    phone: "+15555550100",
    tags: ["vip", "wholesale"],
    note: "Likes tea",
    locale: "en",
    acceptsMarketing: true,
    marketingUpdatedAt: CREATED,
    createdAt: new Date("2026-02-01T08:00:00Z"),
    updatedAt: new Date("2026-02-02T09:30:00Z"),
  };
}

function line(id: number, price: number, quantity: number, tax: number, variantTitle: string | null): LineItemRecord {
  return {
    id,
    variantId: id + 100,
    productId: 3001,
    title: id === 4001 ? "Tea Cup" : "Tea Pot",
    variantTitle,
    sku: `SKU-${id}`,
    quantity,
    price,
    presentmentPrice: toPresentment(price, "0.9"),
    tax,
    taxable: true,
    requiresShipping: true,
    giftCard: false,
    discountAllocations: [],
  };
}

/**
 * USD shop, EUR buyer at 0.9: 2 × $20.00 + 1 × $15.00, SAVE10 (10 %), $5.00 shipping, 8 % tax on
 * the discounted lines. Subtotal 55.00 − 5.50 = 49.50; tax 2.88 + 1.08; total 49.50 + 5.00 + 3.96.
 */
function makeOrder(): OrderRecord {
  const lines = [line(4001, 2000, 2, 288, "Blue"), line(4002, 1500, 1, 108, null)];
  applyValue(lines, { kind: "percentage", percentage: "0.1" }, 0);
  return {
    id: 1001,
    number: 1001,
    name: "#1001",
    customerId: 2001,
    email: "ada@example.com",
    currency: "USD",
    presentmentCurrency: "EUR",
    exchangeRate: "0.9",
    lineItems: lines,
    shippingLines: [
      { id: 4003, title: "Standard", code: "Standard", price: 500, presentmentPrice: 450, discountAllocations: [] },
    ],
    discountApplications: [
      {
        type: "discount_code",
        code: "SAVE10",
        title: "SAVE10",
        valueType: "percentage",
        value: "10.0",
        targetType: "line_item",
        allocationMethod: "across",
        targetSelection: "all",
      },
    ],
    usedDiscountIds: [],
    taxesIncluded: false,
    financialStatus: "paid",
    cancelledAt: null,
    cancelReason: null,
    refunds: [],
    tags: ["loyalty", "first-order"],
    note: null,
    test: false,
    sourceName: "web",
    createdAt: CREATED,
    processedAt: CREATED,
    updatedAt: CREATED,
  };
}

/** Refunds one of the two $20.00 cups (and, if asked, $2.00 of shipping). */
function addRefund(order: OrderRecord, shipping = 0): RefundRecord {
  let next = 6000;
  const lines = refundLines(order, [{ lineItemId: 4001, quantity: 1, restockType: "return" }], () => next++);
  const amount = lines.reduce((sum, l) => sum + l.subtotal + l.totalTax, 0) + shipping;
  const refund: RefundRecord = {
    id: 7001,
    orderId: order.id,
    createdAt: new Date("2026-03-02T10:00:00Z"),
    note: "Chipped",
    lines,
    shipping,
    amount,
  };
  order.refunds.push(refund);
  order.financialStatus = "partially_refunded";
  return refund;
}

const customers = new Map([[2001, makeCustomer()]]);
const ctx = { customerOf: (id: number) => customers.get(id), appId: 42 };

type MoneySet = {
  shop_money: { amount: string; currency_code: string };
  presentment_money: { amount: string; currency_code: string };
};

/** A `*_set` in USD and in EUR at 0.9, from the shop amount in cents. */
function expectSet(set: MoneySet, cents: number, presentmentCents = toPresentment(cents, "0.9")) {
  expect(set).toEqual({
    shop_money: { amount: toFixedDecimal(cents, "USD"), currency_code: "USD" },
    presentment_money: { amount: toFixedDecimal(presentmentCents, "EUR"), currency_code: "EUR" },
  });
}

/** Every `x`/`x_set` pair anywhere in `value` agrees on the shop amount; returns how many. */
function expectPairsAgree(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((n: number, v) => n + expectPairsAgree(v), 0);
  if (typeof value !== "object" || value === null) return 0;
  const record = value as Record<string, unknown>;
  let pairs = 0;
  for (const [key, nested] of Object.entries(record)) {
    const plain = key.endsWith("_set") ? record[key.slice(0, -4)] : undefined;
    if (typeof plain === "string") {
      const set = nested as MoneySet;
      expect(set.shop_money, key).toEqual({ amount: plain, currency_code: "USD" });
      expect(set.presentment_money.currency_code, key).toBe("EUR");
      pairs += 1;
    }
    pairs += expectPairsAgree(nested);
  }
  return pairs;
}

function expectKeysWithin(object: object, allowed: string[]) {
  expect(Object.keys(object).filter((key) => !allowed.includes(key))).toEqual([]);
}

describe("shopTime", () => {
  it("writes the shop's offset, +00:00 for UTC, and drops milliseconds", () => {
    expect(shopTime(CREATED, "UTC")).toBe("2026-03-01T12:34:56+00:00");
    expect(shopTime(CREATED, "America/New_York")).toBe("2026-03-01T07:34:56-05:00");
    expect(shopTime(CREATED, "Asia/Kolkata")).toBe("2026-03-01T18:04:56+05:30");
  });
});

describe("orderPayload", () => {
  const shop = makeShop();
  const body = orderPayload(shop, makeOrder(), ctx);

  it("uses only keys of Shopify's orders/* sample", () => {
    expectKeysWithin(body, ORDER_KEYS);
    for (const item of body.line_items) expectKeysWithin(item, LINE_ITEM_KEYS);
    for (const tax of body.line_items.flatMap((l) => l.tax_lines)) expectKeysWithin(tax, TAX_LINE_KEYS);
    for (const tax of body.tax_lines) expectKeysWithin(tax, TAX_LINE_KEYS);
    for (const item of body.shipping_lines) expectKeysWithin(item, SHIPPING_LINE_KEYS);
    for (const app of body.discount_applications) expectKeysWithin(app, DISCOUNT_APPLICATION_KEYS);
    expectKeysWithin(body.customer!, ORDER_CUSTOMER_KEYS);
  });

  it("writes times with the shop's offset", () => {
    const eastern = orderPayload(makeShop({ ianaTimezone: "America/New_York" }), makeOrder(), ctx);
    expect(eastern.created_at).toBe("2026-03-01T07:34:56-05:00");
  });

  it("identifies the order with numeric ids and GIDs", () => {
    expect(body).toMatchObject({
      id: 1001,
      admin_graphql_api_id: "gid://shopify/Order/1001",
      name: "#1001",
      number: 1,
      order_number: 1001,
      email: "ada@example.com",
      currency: "USD",
      presentment_currency: "EUR",
      financial_status: "paid",
      cancelled_at: null,
      cancel_reason: null,
      test: false,
      tags: "loyalty, first-order",
      taxes_included: false,
      created_at: "2026-03-01T12:34:56+00:00",
      processed_at: "2026-03-01T12:34:56+00:00",
      updated_at: "2026-03-01T12:34:56+00:00",
    });
    expect(body.line_items.map((l) => [l.id, l.admin_graphql_api_id])).toEqual([
      [4001, "gid://shopify/LineItem/4001"],
      [4002, "gid://shopify/LineItem/4002"],
    ]);
  });

  it("gives exact totals in USD with EUR presentment at 0.9", () => {
    expect(body.total_line_items_price).toBe("55.00");
    expectSet(body.total_line_items_price_set, 5500);
    expect(body.subtotal_price).toBe("49.50");
    expectSet(body.subtotal_price_set, 4950);
    expect(body.total_discounts).toBe("5.50");
    expectSet(body.total_discounts_set, 550);
    expectSet(body.total_shipping_price_set, 500);
    expect(body.total_tax).toBe("3.96");
    expectSet(body.total_tax_set, 396);
    expect(body.total_price).toBe("58.46");
    // 58.46 × 0.9 = 52.614 → 52.61
    expectSet(body.total_price_set, 5846, 5261);
    expect(body.current_total_price).toBe("58.46");
    expect(body.current_subtotal_price).toBe("49.50");
    expect(body.current_total_discounts).toBe("5.50");
    expect(body.current_total_tax).toBe("3.96");
  });

  it("has every *_set agree with its plain amount", () => {
    // 9 order totals, 1 order tax line, 2 × (price, total_discount, allocation, tax line), 2 shipping.
    expect(expectPairsAgree(body)).toBe(20);
  });

  it("lists the discount code, its application and the allocations", () => {
    expect(body.discount_codes).toEqual([{ code: "SAVE10", amount: "5.50", type: "percentage" }]);
    expect(body.discount_applications).toEqual([
      {
        target_type: "line_item",
        type: "discount_code",
        value: "10.0",
        value_type: "percentage",
        allocation_method: "across",
        target_selection: "all",
        code: "SAVE10",
      },
    ]);
    const [cups, pot] = body.line_items;
    expect(cups!.discount_allocations).toHaveLength(1);
    expect(cups!.discount_allocations[0]!.amount).toBe("4.00");
    expectSet(cups!.discount_allocations[0]!.amount_set, 400);
    expect(cups!.discount_allocations[0]!.discount_application_index).toBe(0);
    expect(pot!.discount_allocations[0]!.amount).toBe("1.50");
  });

  it("describes line items as Shopify does", () => {
    const cups = body.line_items[0]!;
    expect(cups).toMatchObject({
      variant_id: 4101,
      product_id: 3001,
      title: "Tea Cup",
      variant_title: "Blue",
      name: "Tea Cup - Blue",
      sku: "SKU-4001",
      quantity: 2,
      current_quantity: 2,
      fulfillable_quantity: 2,
      price: "20.00",
      total_discount: "0.00",
      taxable: true,
      requires_shipping: true,
      gift_card: false,
    });
    expectSet(cups.price_set, 2000);
    expect(cups.tax_lines).toEqual([
      { title: "Tax", price: "2.88", rate: 0.08, price_set: expect.anything(), channel_liable: false },
    ]);
    expectSet(cups.tax_lines[0]!.price_set, 288);
    expect(body.line_items[1]!.name).toBe("Tea Pot");
  });

  it("lists shipping lines", () => {
    expect(body.shipping_lines).toEqual([
      expect.objectContaining({
        id: 4003,
        title: "Standard",
        code: "Standard",
        price: "5.00",
        discounted_price: "5.00",
      }),
    ]);
    expectSet(body.shipping_lines[0]!.price_set, 500);
  });

  it("nests the customer without the fields Shopify removed in 2025-01", () => {
    expect(body.customer).toEqual({
      id: 2001,
      admin_graphql_api_id: "gid://shopify/Customer/2001",
      email: "ada@example.com",
      first_name: "Ada",
      last_name: "Lovelace",
      phone: "+15555550100",
      note: "Likes tea",
      created_at: "2026-02-01T08:00:00+00:00",
      updated_at: "2026-02-02T09:30:00+00:00",
      state: "disabled",
      verified_email: true,
      multipass_identifier: null,
      tax_exempt: false,
      tax_exemptions: [],
      currency: "USD",
    });
  });

  it("has a null customer for a guest order", () => {
    const guest = { ...makeOrder(), customerId: null };
    expect(orderPayload(shop, guest, ctx).customer).toBeNull();
  });

  it("survives JSON as Shopify would send it", () => {
    expect(JSON.parse(JSON.stringify(body))).toEqual(body);
  });
});

describe("refundPayload", () => {
  const shop = makeShop();
  const order = makeOrder();
  const refund = addRefund(order);
  const body = refundPayload(shop, order, refund);

  it("uses only keys of Shopify's refunds/create sample", () => {
    expectKeysWithin(body, REFUND_KEYS);
    for (const item of body.refund_line_items) {
      expectKeysWithin(item, REFUND_LINE_KEYS);
      expectKeysWithin(item.line_item!, LINE_ITEM_KEYS);
    }
    for (const transaction of body.transactions) expectKeysWithin(transaction, TRANSACTION_KEYS);
    const withShipping = makeOrder();
    const shippingRefund = refundPayload(shop, withShipping, addRefund(withShipping, 200));
    for (const item of shippingRefund.refund_shipping_lines) expectKeysWithin(item, REFUND_SHIPPING_LINE_KEYS);
  });

  it("describes the partial refund", () => {
    expect(body).toMatchObject({
      id: 7001,
      admin_graphql_api_id: "gid://shopify/Refund/7001",
      order_id: 1001,
      created_at: "2026-03-02T10:00:00+00:00",
      processed_at: "2026-03-02T10:00:00+00:00",
      note: "Chipped",
      restock: true,
      refund_shipping_lines: [],
      order_adjustments: [],
    });
  });

  it("refunds one cup: $20.00 less its $2.00 discount, plus $1.44 tax", () => {
    const [item] = body.refund_line_items;
    expect(item).toMatchObject({ id: 6000, line_item_id: 4001, quantity: 1, restock_type: "return" });
    // Shopify sends these two as JSON numbers.
    expect(item!.subtotal).toBe(18);
    expect(item!.total_tax).toBe(1.44);
    expectSet(item!.subtotal_set, 1800);
    expectSet(item!.total_tax_set, 144);
    expect(item!.line_item).toMatchObject({ id: 4001, admin_graphql_api_id: "gid://shopify/LineItem/4001" });
  });

  it("pays back in the buyer's currency", () => {
    // 19.44 USD × 0.9 = 17.496 → 17.50 EUR
    expect(body.transactions).toEqual([
      {
        order_id: 1001,
        kind: "refund",
        gateway: "manual",
        status: "success",
        created_at: "2026-03-02T10:00:00+00:00",
        processed_at: "2026-03-02T10:00:00+00:00",
        test: false,
        amount: "17.50",
        currency: "EUR",
      },
    ]);
  });

  it("reports refunded shipping as refund_shipping_lines, not order adjustments", () => {
    const withShipping = makeOrder();
    const shippingRefund = addRefund(withShipping, 200);
    const payload = refundPayload(shop, withShipping, shippingRefund);
    expect(payload.order_adjustments).toEqual([]);
    expect(payload.refund_shipping_lines).toHaveLength(1);
    expect(payload.refund_shipping_lines[0]!.shipping_line_id).toBe(4003);
    expect(payload.refund_shipping_lines[0]!.shipping_line.id).toBe(4003);
    expectSet(payload.refund_shipping_lines[0]!.subtotal_amount_set, 200);
    expect(payload.transactions[0]!.amount).toBe(toFixedDecimal(toPresentment(2144, "0.9"), "EUR"));
  });

  it("updates the order's current totals and quantities", () => {
    const orderBody = orderPayload(shop, order, ctx);
    expect(orderBody.financial_status).toBe("partially_refunded");
    expect(orderBody.current_subtotal_price).toBe("31.50");
    expectSet(orderBody.current_subtotal_price_set, 3150);
    expect(orderBody.current_total_tax).toBe("2.52");
    expect(orderBody.current_total_discounts).toBe("3.50");
    expect(orderBody.current_total_price).toBe("39.02");
    expectSet(orderBody.current_total_price_set, 3902);
    expect(orderBody.total_price).toBe("58.46");
    expect(orderBody.line_items[0]).toMatchObject({ quantity: 2, current_quantity: 1, fulfillable_quantity: 1 });
    expect(orderBody.refunds).toEqual([body]);
    // The refund adds its line item's price, total_discount, allocation and tax line.
    expect(expectPairsAgree(orderBody)).toBe(24);
  });
});

describe("a cancelled order", () => {
  it("carries the cancellation and nothing left to fulfil", () => {
    const order: OrderRecord = {
      ...makeOrder(),
      financialStatus: "voided",
      cancelledAt: new Date("2026-03-03T15:00:00Z"),
      cancelReason: "customer",
      updatedAt: new Date("2026-03-03T15:00:00Z"),
    };
    const { topic, body } = webhookPayload(makeShop(), { topic: "orders/cancelled", order }, ctx);
    expect(topic).toBe("orders/cancelled");
    expect(body).toMatchObject({
      id: 1001,
      financial_status: "voided",
      cancelled_at: "2026-03-03T15:00:00+00:00",
      cancel_reason: "customer",
      updated_at: "2026-03-03T15:00:00+00:00",
    });
    const lines = body.line_items as { fulfillable_quantity: number }[];
    expect(lines.map((l) => l.fulfillable_quantity)).toEqual([0, 0]);
    expectKeysWithin(body, ORDER_KEYS);
  });
});

describe("customerPayload", () => {
  it("sends the 2025-01+ customer shape", () => {
    const body = customerPayload(makeShop(), makeCustomer());
    expectKeysWithin(body, CUSTOMER_KEYS);
    expect(body).toMatchObject({
      id: 2001,
      admin_graphql_api_id: "gid://shopify/Customer/2001",
      email: "ada@example.com",
      first_name: "Ada",
      last_name: "Lovelace",
      phone: "+15555550100",
      state: "disabled",
      verified_email: true,
      currency: "USD",
      created_at: "2026-02-01T08:00:00+00:00",
      addresses: [],
    });
    expect(body).not.toHaveProperty("tags");
    expect(body).not.toHaveProperty("email_marketing_consent");
    expect(body).not.toHaveProperty("orders_count");
  });

  it("is the body of customers/create and customers/update", () => {
    const shop = makeShop();
    const customer = makeCustomer();
    for (const topic of ["customers/create", "customers/update"] as const) {
      expect(webhookPayload(shop, { topic, customer }, ctx)).toEqual({ topic, body: customerPayload(shop, customer) });
    }
  });
});

describe("productPayload", () => {
  const shop = makeShop();
  shop.variants.set(3101, {
    id: 3101,
    productId: 3001,
    title: "Default Title",
    sku: "POT-1",
    price: 4800,
    requiresShipping: true,
    taxable: true,
    giftCard: false,
  });
  const product: Product = {
    id: 3001,
    title: "Tea Pot",
    handle: "tea-pot",
    vendor: "Laurel Test",
    productType: "Teaware",
    tags: ["ceramic", "Gift Ideas"],
    status: "ACTIVE",
    variantIds: [3101],
    createdAt: new Date("2026-02-01T08:00:00Z"),
    updatedAt: CREATED,
  };
  const body = productPayload(shop, product);

  it("uses only keys of Shopify's products/create sample", () => {
    expectKeysWithin(body, PRODUCT_KEYS);
    for (const variant of body.variants) expectKeysWithin(variant, PRODUCT_VARIANT_KEYS);
  });

  it("sends tags as one comma-separated string, and no collections", () => {
    expect(body).toMatchObject({
      id: 3001,
      admin_graphql_api_id: "gid://shopify/Product/3001",
      title: "Tea Pot",
      handle: "tea-pot",
      status: "active",
      tags: "ceramic, Gift Ideas",
      created_at: "2026-02-01T08:00:00+00:00",
      updated_at: "2026-03-01T12:34:56+00:00",
    });
    expect(body).not.toHaveProperty("collections");
    expect(productPayload(shop, { ...product, tags: [] }).tags).toBe("");
  });

  it("lists the variants with REST money strings, and their GIDs", () => {
    expect(body.variants).toEqual([
      expect.objectContaining({
        id: 3101,
        admin_graphql_api_id: "gid://shopify/ProductVariant/3101",
        product_id: 3001,
        price: "48.00",
        sku: "POT-1",
        position: 1,
        title: "Default Title",
      }),
    ]);
    expect(body.variant_gids).toEqual([
      { admin_graphql_api_id: "gid://shopify/ProductVariant/3101", updated_at: "2026-03-01T12:34:56.789Z" },
    ]);
  });

  it("is the body of products/create and products/update; products/delete sends the id alone", () => {
    for (const topic of ["products/create", "products/update"] as const) {
      expect(webhookPayload(shop, { topic, product }, ctx)).toEqual({ topic, body });
    }
    expect(productDeletePayload(product)).toEqual({ id: 3001 });
    expect(webhookPayload(shop, { topic: "products/delete", product }, ctx)).toEqual({
      topic: "products/delete",
      body: { id: 3001 },
    });
  });

  it("survives JSON as Shopify would send it", () => {
    expect(JSON.parse(JSON.stringify(body))).toEqual(body);
  });
});

describe("compliance payloads", () => {
  const shop = makeShop();
  const customer = makeCustomer();

  it("customers/data_request", () => {
    expect(complianceDataRequestPayload(shop, customer, [1001, 1002], 9999)).toEqual({
      shop_id: shopNumericId(shop),
      shop_domain: "laurel-test.myshopify.com",
      orders_requested: [1001, 1002],
      customer: { id: 2001, email: "ada@example.com", phone: "+15555550100" },
      data_request: { id: 9999 },
    });
    const event = { topic: "customers/data_request" as const, customer, orderIds: [1001], requestId: 12 };
    expect(webhookPayload(shop, event, ctx).body).toMatchObject({ orders_requested: [1001], data_request: { id: 12 } });
  });

  it("customers/redact", () => {
    expect(customerRedactPayload(shop, customer, [1001])).toEqual({
      shop_id: shopNumericId(shop),
      shop_domain: "laurel-test.myshopify.com",
      customer: { id: 2001, email: "ada@example.com", phone: "+15555550100" },
      orders_to_redact: [1001],
    });
    expect(typeof shopNumericId(shop)).toBe("number");
  });

  it("shop/redact", () => {
    expect(shopRedactPayload(shop)).toEqual({ shop_id: shopNumericId(shop), shop_domain: "laurel-test.myshopify.com" });
    expect(webhookPayload(shop, { topic: "shop/redact" }, ctx)).toEqual({
      topic: "shop/redact",
      body: shopRedactPayload(shop),
    });
  });
});

describe("appUninstalledPayload", () => {
  it("sends the shop", () => {
    const shop = makeShop();
    const body = appUninstalledPayload(shop);
    expectKeysWithin(body, SHOP_KEYS);
    expect(body).toEqual({
      id: shopNumericId(shop),
      name: "Laurel Test",
      email: "owner@laurel-test.myshopify.com",
      customer_email: "owner@laurel-test.myshopify.com",
      domain: "laurel-test.myshopify.com",
      myshopify_domain: "laurel-test.myshopify.com",
      currency: "USD",
      iana_timezone: "UTC",
      plan_display_name: "Basic",
      created_at: "2026-01-01T00:00:00+00:00",
    });
    const app = {
      apiKey: "k",
      apiSecret: "s",
      appId: 42,
      handle: "laurel",
      scopes: [],
      appUrl: "https://example.com",
      webhookApiVersion: "2026-10",
      subscriptions: [],
    };
    expect(webhookPayload(shop, { topic: "app/uninstalled", app }, ctx).body).toEqual(body);
  });
});
