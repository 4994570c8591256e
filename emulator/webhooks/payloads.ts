// Webhook bodies as Shopify sends them (REST-style JSON) for the emulator's ShopEvents.
//
// Every field name below appears in one of Shopify's example payloads; none is invented:
// - Event topic samples (app/uninstalled, customers/create|update, orders/*, refunds/create):
//   https://shopify.dev/docs/api/admin-rest/2026-01/resources/webhook#event-topics and
//   https://shopify.dev/docs/api/webhooks (the orders/* sample: merchant_business_entity_id, no
//   checkout_id since the March 2026 removal, nested customer without tags or consent).
// - Refund resource, 2024-10 onwards: shipping refunds are `refund_shipping_lines`, no longer
//   `order_adjustments` of kind shipping_refund; refund transactions are in presentment currency:
//   https://shopify.dev/docs/api/admin-rest/2026-01/resources/refund,
//   https://shopify.dev/docs/api/admin-graphql/latest/input-objects/RefundInput
// - Order line items: `total_discount` "must be explicitly set using draft orders, Shopify scripts,
//   or the API"; checkout discounts arrive as `discount_allocations` only (real 2025-10 payloads
//   show "0.00" beside the allocation): https://shopify.dev/docs/api/admin-rest/latest/resources/order
// - Discount code entries (`discount_codes`, `discount_applications[].code`): real orders/create
//   payloads of 2025-10 with a percentage code.
// - Customer payloads lost tags, email_marketing_consent and sms_marketing_consent in 2025-01 (as
//   orders_count/total_spent before them): https://shopify.dev/changelog/new-customer-s-webhook-and-changes-to-existing-customer-s-webhooks-payload
// - Compliance topics: https://shopify.dev/docs/apps/build/compliance/privacy-law-compliance
// - products/create and products/update send the REST product resource (the sample at
//   https://shopify.dev/docs/api/webhooks?reference=toml#list-of-topics-products/create, fields per
//   https://shopify.dev/docs/api/admin-rest/2026-01/resources/product): `tags` one comma-separated
//   string, no collections; variants without the weight, shipping and inventory-management fields
//   that moved to the inventory item in 2024-07; `media` since 2024-07
//   (https://shopify.dev/changelog/media-included-in-product-webhooks); `category` and
//   `has_variants_that_requires_components` since 2024-10 (release notes 2024-10, "Products webhook
//   topics"). products/delete sends the id alone: `{"id": 788032119674292922}`.
import { allocate, toDecimal, toFixedDecimal } from "../state/money.ts";
import { gid } from "../state/ids.ts";
import { lineDiscount, lineTotal, orderTotals, toPresentment } from "../state/orders.ts";
import { shopNumericId } from "../graphql/views.ts";
import type {
  Customer,
  DiscountAllocationRecord,
  DiscountApplicationRecord,
  LineItemRecord,
  OrderRecord,
  Product,
  RefundLineRecord,
  RefundRecord,
  ShippingLineRecord,
  ShopEvent,
  ShopRecord,
} from "../state/types.ts";

export interface PayloadContext {
  customerOf(id: number): Customer | undefined;
  /** Not part of any body: Shopify's payloads do not say which app receives them. */
  appId: number;
}

/** The topic and JSON body Shopify would deliver for `event`. */
export function webhookPayload(
  shop: ShopRecord,
  event: ShopEvent,
  ctx: PayloadContext,
): { topic: string; body: Record<string, unknown> } {
  return { topic: event.topic, body: bodyFor(shop, event, ctx) };
}

function bodyFor(shop: ShopRecord, event: ShopEvent, ctx: PayloadContext): Record<string, unknown> {
  switch (event.topic) {
    case "customers/create":
    case "customers/update":
      return customerPayload(shop, event.customer);
    case "orders/create":
    case "orders/paid":
    case "orders/cancelled":
    case "orders/updated":
      return orderPayload(shop, event.order, ctx);
    case "refunds/create":
      return refundPayload(shop, event.order, event.refund);
    case "products/create":
    case "products/update":
      return productPayload(shop, event.product);
    case "products/delete":
      return productDeletePayload(event.product);
    case "app/uninstalled":
      return appUninstalledPayload(shop);
    case "customers/data_request":
      return complianceDataRequestPayload(shop, event.customer, event.orderIds, event.requestId);
    case "customers/redact":
      return customerRedactPayload(shop, event.customer, event.orderIds);
    case "shop/redact":
      return shopRedactPayload(shop);
  }
}

// --- dates and money -----------------------------------------------------------------------------

/** Shopify writes REST times in the shop's time zone with its offset: 2021-12-31T19:00:00-05:00. */
export function shopTime(date: Date, timeZone: string): string {
  const format = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    timeZoneName: "longOffset",
  });
  const part = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
  // longOffset is "GMT-05:00", or a bare "GMT" at zero, which Shopify writes as +00:00.
  const offset = part.timeZoneName === "GMT" ? "+00:00" : String(part.timeZoneName).slice(3);
  return `${part.year}-${part.month}-${part.day}T${part.hour}:${part.minute}:${part.second}${offset}`;
}

const time = (shop: ShopRecord, date: Date | null) => (date ? shopTime(date, shop.ianaTimezone) : null);

/** A shop-currency amount as Shopify's REST money string ("12.50"). */
const shopAmount = (order: OrderRecord, amount: number) => toFixedDecimal(amount, order.currency);

/** Shopify's `*_set`: the amount in shop and in presentment currency (converted unless given). */
export function moneySet(order: OrderRecord, amount: number, presentment = toPresentment(amount, order.exchangeRate)) {
  return {
    shop_money: { amount: toFixedDecimal(amount, order.currency), currency_code: order.currency },
    presentment_money: {
      amount: toFixedDecimal(presentment, order.presentmentCurrency),
      currency_code: order.presentmentCurrency,
    },
  };
}

// --- orders --------------------------------------------------------------------------------------

/** orders/create, orders/paid, orders/cancelled, orders/updated: the whole order as it stands. */
export function orderPayload(shop: ShopRecord, order: OrderRecord, ctx: PayloadContext) {
  return {
    ...orderHeader(shop, order, ctx),
    ...orderPrices(order),
    ...orderCurrentPrices(order),
    ...orderDiscounts(order),
    ...orderLines(shop, order),
    customer: orderCustomer(shop, order, ctx),
    refunds: order.refunds.map((refund) => refundPayload(shop, order, refund)),
  };
}

function orderHeader(shop: ShopRecord, order: OrderRecord, ctx: PayloadContext) {
  const customer = order.customerId === null ? undefined : ctx.customerOf(order.customerId);
  return {
    id: order.id,
    admin_graphql_api_id: gid("Order", order.id),
    name: order.name,
    // Shopify's `number` counts from 1 while `order_number` starts at 1001.
    number: order.number - 1000,
    order_number: order.number,
    email: order.email,
    contact_email: order.email,
    created_at: time(shop, order.createdAt),
    updated_at: time(shop, order.updatedAt),
    processed_at: time(shop, order.processedAt),
    cancelled_at: time(shop, order.cancelledAt),
    cancel_reason: order.cancelReason,
    currency: order.currency,
    presentment_currency: order.presentmentCurrency,
    financial_status: order.financialStatus,
    // The emulator does not fulfil orders.
    fulfillment_status: null,
    test: order.test,
    tags: order.tags.join(", "),
    note: order.note,
    source_name: order.sourceName,
    taxes_included: order.taxesIncluded,
    buyer_accepts_marketing: customer?.acceptsMarketing ?? false,
    customer_locale: customer?.locale ?? null,
  };
}

/** Totals as placed: line prices before discounts, subtotal after them, shipping before them. */
function orderPrices(order: OrderRecord) {
  const totals = orderTotals(order);
  const lineItemsPrice = order.lineItems.reduce((sum, line) => sum + lineTotal(line), 0);
  const shippingPrice = order.shippingLines.reduce((sum, line) => sum + line.price, 0);
  return {
    total_line_items_price: shopAmount(order, lineItemsPrice),
    total_line_items_price_set: moneySet(order, lineItemsPrice),
    subtotal_price: shopAmount(order, totals.subtotal),
    subtotal_price_set: moneySet(order, totals.subtotal),
    total_discounts: shopAmount(order, totals.discounts),
    total_discounts_set: moneySet(order, totals.discounts),
    total_shipping_price_set: moneySet(order, shippingPrice),
    total_tax: shopAmount(order, totals.tax),
    total_tax_set: moneySet(order, totals.tax),
    tax_lines: taxLines(order, totals.tax, taxableNet(order)),
    total_price: shopAmount(order, totals.total),
    total_price_set: moneySet(order, totals.total),
  };
}

/** Totals after refunds (Shopify's current_* fields). */
function orderCurrentPrices(order: OrderRecord) {
  const totals = orderTotals(order);
  const discounts = totals.discounts - refundedDiscounts(order);
  return {
    current_subtotal_price: shopAmount(order, totals.currentSubtotal),
    current_subtotal_price_set: moneySet(order, totals.currentSubtotal),
    current_total_discounts: shopAmount(order, discounts),
    current_total_discounts_set: moneySet(order, discounts),
    current_total_tax: shopAmount(order, totals.currentTax),
    current_total_tax_set: moneySet(order, totals.currentTax),
    current_total_price: shopAmount(order, totals.currentTotal),
    current_total_price_set: moneySet(order, totals.currentTotal),
  };
}

/** Refunded units take their share of the line's discounts with them: list price less refund. */
function refundedDiscounts(order: OrderRecord): number {
  return order.refunds
    .flatMap((refund) => refund.lines)
    .reduce((sum, refunded) => {
      const line = order.lineItems.find((l) => l.id === refunded.lineItemId);
      return line ? sum + line.price * refunded.quantity - refunded.subtotal : sum;
    }, 0);
}

function taxableNet(order: OrderRecord): number {
  return order.lineItems.filter((l) => l.taxable).reduce((sum, l) => sum + lineTotal(l) - lineDiscount(l), 0);
}

/**
 * The emulator keeps one tax amount per line, without Shopify's named rates: it is reported as a
 * single tax line whose rate is the amount over the taxed price.
 */
function taxLines(order: OrderRecord, tax: number, net: number) {
  if (tax === 0) return [];
  const base = order.taxesIncluded ? net - tax : net;
  const rate = base > 0 ? Math.round((tax / base) * 10_000) / 10_000 : 0;
  return [
    { title: "Tax", price: shopAmount(order, tax), rate, price_set: moneySet(order, tax), channel_liable: false },
  ];
}

function orderDiscounts(order: OrderRecord) {
  return {
    discount_codes: discountCodes(order),
    discount_applications: order.discountApplications.map((app) => discountApplicationPayload(order, app)),
  };
}

function orderLines(shop: ShopRecord, order: OrderRecord) {
  const { currentQuantity } = orderTotals(order);
  return {
    line_items: order.lineItems.map((line) => ({
      ...lineItemPayload(shop, order, line),
      current_quantity: currentQuantity(line),
    })),
    shipping_lines: order.shippingLines.map((line) => shippingLinePayload(order, line)),
    fulfillments: [],
  };
}

function orderCustomer(shop: ShopRecord, order: OrderRecord, ctx: PayloadContext) {
  const customer = order.customerId === null ? undefined : ctx.customerOf(order.customerId);
  return customer ? customerFields(shop, customer) : null;
}

// --- discounts -----------------------------------------------------------------------------------

/** Shopify's `discount_codes`: one entry per code, with what it took off the order in total. */
function discountCodes(order: OrderRecord) {
  return order.discountApplications.flatMap((app, index) =>
    app.type === "discount_code" && app.code
      ? [{ code: app.code, amount: shopAmount(order, allocatedTo(order, index)), type: codeType(app) }]
      : [],
  );
}

function allocatedTo(order: OrderRecord, index: number): number {
  return [...order.lineItems, ...order.shippingLines]
    .flatMap((line) => line.discountAllocations)
    .reduce((sum, a) => (a.applicationIndex === index ? sum + a.amount : sum), 0);
}

/** A code's type: "shipping" for free-shipping codes, else its value type. */
const codeType = (app: DiscountApplicationRecord) => (app.targetType === "shipping_line" ? "shipping" : app.valueType);

/** Shopify names a code application by `code`, an automatic one by `title`, a manual one by both. */
function discountApplicationPayload(order: OrderRecord, app: DiscountApplicationRecord) {
  const common = {
    target_type: app.targetType,
    type: app.type,
    value: applicationValue(order, app),
    value_type: app.valueType,
    allocation_method: app.allocationMethod,
    target_selection: app.targetSelection,
  };
  if (app.type === "discount_code") return { ...common, code: app.code };
  if (app.type === "manual") return { ...common, title: app.title, description: app.title };
  return { ...common, title: app.title };
}

/** The intended value as a decimal with at least one decimal place: "10.0", "5.0", "29.99". */
function applicationValue(order: OrderRecord, app: DiscountApplicationRecord): string {
  const value = app.valueType === "percentage" ? app.value : toDecimal(Number(app.value), order.currency);
  return value.includes(".") ? value : `${value}.0`;
}

function allocationPayload(order: OrderRecord, allocation: DiscountAllocationRecord) {
  return {
    amount: shopAmount(order, allocation.amount),
    amount_set: moneySet(order, allocation.amount),
    discount_application_index: allocation.applicationIndex,
  };
}

// --- lines ---------------------------------------------------------------------------------------

/** A line item as in orders and in refunds (orders add current_quantity). */
function lineItemPayload(shop: ShopRecord, order: OrderRecord, line: LineItemRecord) {
  const product = line.productId === null ? undefined : shop.products.get(line.productId);
  return {
    id: line.id,
    admin_graphql_api_id: gid("LineItem", line.id),
    variant_id: line.variantId,
    product_id: line.productId,
    product_exists: product !== undefined,
    title: line.title,
    variant_title: line.variantTitle,
    name: line.variantTitle ? `${line.title} - ${line.variantTitle}` : line.title,
    sku: line.sku,
    vendor: product?.vendor ?? null,
    quantity: line.quantity,
    fulfillable_quantity: fulfillable(order, line),
    fulfillment_status: null,
    price: shopAmount(order, line.price),
    price_set: moneySet(order, line.price, line.presentmentPrice),
    // Legacy field Shopify leaves at zero for checkout discounts; see discount_allocations.
    total_discount: shopAmount(order, 0),
    total_discount_set: moneySet(order, 0),
    discount_allocations: line.discountAllocations.map((a) => allocationPayload(order, a)),
    tax_lines: taxLines(order, line.tax, lineTotal(line) - lineDiscount(line)),
    taxable: line.taxable,
    requires_shipping: line.requiresShipping,
    gift_card: line.giftCard,
  };
}

/** Nothing is fulfilled in the emulator, so what is left to ship is what was not refunded. */
function fulfillable(order: OrderRecord, line: LineItemRecord): number {
  return order.cancelledAt ? 0 : orderTotals(order).currentQuantity(line);
}

function shippingLinePayload(order: OrderRecord, line: ShippingLineRecord) {
  const discounted = line.price - lineDiscount(line);
  return {
    id: line.id,
    title: line.title,
    code: line.code,
    source: "shopify",
    price: shopAmount(order, line.price),
    price_set: moneySet(order, line.price, line.presentmentPrice),
    discounted_price: shopAmount(order, discounted),
    discounted_price_set: moneySet(order, discounted),
    is_removed: false,
    discount_allocations: line.discountAllocations.map((a) => allocationPayload(order, a)),
    tax_lines: [],
  };
}

// --- refunds -------------------------------------------------------------------------------------

/** refunds/create, and each entry of an order's `refunds`. */
export function refundPayload(shop: ShopRecord, order: OrderRecord, refund: RefundRecord) {
  return {
    id: refund.id,
    admin_graphql_api_id: gid("Refund", refund.id),
    order_id: order.id,
    created_at: time(shop, refund.createdAt),
    processed_at: time(shop, refund.createdAt),
    note: refund.note,
    // Deprecated flag Shopify still sends: whether anything went back to stock.
    restock: refund.lines.some((line) => line.restockType !== "no_restock"),
    refund_line_items: refund.lines.map((line) => refundLinePayload(shop, order, line)),
    refund_shipping_lines: refundShippingLines(order, refund),
    order_adjustments: [],
    transactions: refundTransactions(shop, order, refund),
  };
}

/** Shopify gives refund line `subtotal` and `total_tax` as JSON numbers, unlike other money. */
function refundLinePayload(shop: ShopRecord, order: OrderRecord, refunded: RefundLineRecord) {
  const line = order.lineItems.find((l) => l.id === refunded.lineItemId);
  return {
    id: refunded.id,
    line_item_id: refunded.lineItemId,
    quantity: refunded.quantity,
    restock_type: refunded.restockType,
    subtotal: Number(shopAmount(order, refunded.subtotal)),
    subtotal_set: moneySet(order, refunded.subtotal),
    total_tax: Number(shopAmount(order, refunded.totalTax)),
    total_tax_set: moneySet(order, refunded.totalTax),
    line_item: line ? lineItemPayload(shop, order, line) : null,
  };
}

/** Refunded shipping, shared over the shipping lines by what was paid for each. */
function refundShippingLines(order: OrderRecord, refund: RefundRecord) {
  if (refund.shipping === 0) return [];
  const shares = allocate(
    refund.shipping,
    order.shippingLines.map((line) => line.price - lineDiscount(line)),
  );
  return order.shippingLines.flatMap((line, i) => {
    const share = shares[i] ?? 0;
    if (share === 0) return [];
    return [
      {
        shipping_line_id: line.id,
        shipping_line: shippingLinePayload(order, line),
        subtotal_amount_set: moneySet(order, share),
      },
    ];
  });
}

/** The money paid back, as one transaction in the currency the buyer paid in. */
function refundTransactions(shop: ShopRecord, order: OrderRecord, refund: RefundRecord) {
  if (refund.amount === 0) return [];
  const at = time(shop, refund.createdAt);
  return [
    {
      order_id: order.id,
      kind: "refund",
      gateway: "manual",
      status: "success",
      created_at: at,
      processed_at: at,
      test: order.test,
      amount: toFixedDecimal(toPresentment(refund.amount, order.exchangeRate), order.presentmentCurrency),
      currency: order.presentmentCurrency,
    },
  ];
}

// --- customers -----------------------------------------------------------------------------------

/** The customer as nested in orders (customers/* topics add `addresses`). */
function customerFields(shop: ShopRecord, customer: Customer) {
  return {
    id: customer.id,
    admin_graphql_api_id: gid("Customer", customer.id),
    email: customer.email,
    first_name: customer.firstName,
    last_name: customer.lastName,
    phone: customer.phone,
    note: customer.note,
    created_at: time(shop, customer.createdAt),
    updated_at: time(shop, customer.updatedAt),
    // The emulator has no customer accounts: Shopify's state for such a customer is "disabled".
    state: "disabled",
    verified_email: customer.email !== null,
    multipass_identifier: null,
    tax_exempt: false,
    tax_exemptions: [],
    currency: shop.currency,
  };
}

/** customers/create and customers/update. The emulator keeps no addresses. */
export function customerPayload(shop: ShopRecord, customer: Customer) {
  return { ...customerFields(shop, customer), addresses: [] };
}

// --- products ------------------------------------------------------------------------------------

/**
 * products/create and products/update. The emulator keeps no images, media, options, inventory or
 * category: those are empty or null as in Shopify's sample; a variant's title is its option1.
 */
export function productPayload(shop: ShopRecord, product: Product) {
  const variants = product.variantIds.flatMap((id) => {
    const variant = shop.variants.get(id);
    return variant ? [variant] : [];
  });
  return {
    admin_graphql_api_id: gid("Product", product.id),
    body_html: null,
    created_at: time(shop, product.createdAt),
    handle: product.handle,
    id: product.id,
    product_type: product.productType,
    // The emulator publishes active products to the online store when they are created.
    published_at: product.status === "ACTIVE" ? time(shop, product.createdAt) : null,
    template_suffix: null,
    title: product.title,
    updated_at: time(shop, product.updatedAt),
    vendor: product.vendor,
    status: product.status.toLowerCase(),
    published_scope: "web",
    tags: product.tags.join(", "),
    variants: variants.map((variant, index) => ({
      admin_graphql_api_id: gid("ProductVariant", variant.id),
      barcode: null,
      compare_at_price: null,
      created_at: time(shop, product.createdAt),
      id: variant.id,
      inventory_policy: "deny",
      position: index + 1,
      price: toFixedDecimal(variant.price, shop.currency),
      product_id: product.id,
      sku: variant.sku,
      taxable: variant.taxable,
      title: variant.title,
      updated_at: time(shop, product.updatedAt),
      option1: variant.title,
      option2: null,
      option3: null,
      image_id: null,
      inventory_item_id: null,
      inventory_quantity: 0,
      old_inventory_quantity: 0,
    })),
    options: [],
    images: [],
    image: null,
    media: [],
    // UTC with milliseconds here, unlike the other times (as in Shopify's sample).
    variant_gids: variants.map((variant) => ({
      admin_graphql_api_id: gid("ProductVariant", variant.id),
      updated_at: product.updatedAt.toISOString(),
    })),
    has_variants_that_requires_components: false,
    category: null,
  };
}

/** products/delete: the id alone. */
export function productDeletePayload(product: Product) {
  return { id: product.id };
}

// --- shop and compliance -------------------------------------------------------------------------

/** app/uninstalled: Shopify sends the shop resource. */
export function appUninstalledPayload(shop: ShopRecord) {
  return {
    id: shopNumericId(shop),
    name: shop.name,
    email: shop.email,
    customer_email: shop.email,
    domain: shop.domain,
    myshopify_domain: shop.domain,
    currency: shop.currency,
    iana_timezone: shop.ianaTimezone,
    plan_display_name: shop.plan.displayName,
    created_at: time(shop, shop.createdAt),
  };
}

const complianceCustomer = (customer: Customer) => ({ id: customer.id, email: customer.email, phone: customer.phone });

export function complianceDataRequestPayload(
  shop: ShopRecord,
  customer: Customer,
  orderIds: number[],
  requestId: number,
) {
  return {
    shop_id: shopNumericId(shop),
    shop_domain: shop.domain,
    orders_requested: orderIds,
    customer: complianceCustomer(customer),
    data_request: { id: requestId },
  };
}

export function customerRedactPayload(shop: ShopRecord, customer: Customer, orderIds: number[]) {
  return {
    shop_id: shopNumericId(shop),
    shop_domain: shop.domain,
    customer: complianceCustomer(customer),
    orders_to_redact: orderIds,
  };
}

export function shopRedactPayload(shop: ShopRecord) {
  return { shop_id: shopNumericId(shop), shop_domain: shop.domain };
}
