// The emulator's state: any number of development stores, each with the app installed.
// Every change that Shopify would announce by webhook is emitted as a ShopEvent.
import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import { toMinor } from "./money.ts";
import {
  applicationFor,
  applyBuyXGetY,
  applyFreeShipping,
  applyValue,
  eligibleLines,
  OrderError,
  orderTotals,
  refundLines,
  toPresentment,
} from "./orders.ts";
import { segmentMatches } from "./segments.ts";
import type {
  AppConfig,
  AutomaticDiscount,
  CodeDiscount,
  Customer,
  DiscountApplicationRecord,
  LineItemRecord,
  OrderRecord,
  Product,
  RefundRecord,
  ShopEvent,
  ShopRecord,
} from "./types.ts";

export class NotFoundError extends Error {
  readonly status = 404;
}

export class InputError extends Error {
  readonly status = 422;
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}

export interface OrderInput {
  customerId?: number | null;
  email?: string | null;
  lineItems: {
    variantId?: number;
    title?: string;
    price?: string;
    quantity: number;
    tax?: string;
    taxable?: boolean;
    requiresShipping?: boolean;
    giftCard?: boolean;
    sku?: string;
  }[];
  currency?: string;
  presentmentCurrency?: string;
  exchangeRate?: string;
  shippingPrice?: string;
  shippingTitle?: string;
  discountCodes?: string[];
  taxesIncluded?: boolean;
  paid?: boolean;
  tags?: string[];
  note?: string;
  createdAt?: string;
  test?: boolean;
}

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

export class Store {
  readonly shops = new Map<string, ShopRecord>();
  readonly events = new EventEmitter<{ event: [shop: ShopRecord, event: ShopEvent] }>();

  readonly app: AppConfig;
  readonly now: () => Date;

  constructor(app: AppConfig, now: () => Date = () => new Date()) {
    this.app = app;
    this.now = now;
  }

  private emit(shop: ShopRecord, event: ShopEvent) {
    this.events.emit("event", shop, event);
  }

  nextId(shop: ShopRecord): number {
    return shop.nextId++;
  }

  // --- shops and installation -------------------------------------------------------------

  /** `name` is the store's display name; `handle` (default: from the name) makes its domain. */
  createShop(input: {
    name: string;
    handle?: string;
    currency?: string;
    email?: string;
    plan?: string;
    locale?: string;
  }): ShopRecord {
    if (!input.name?.trim()) throw new InputError("name", "can't be blank");
    const handle = input.handle ?? slug(input.name);
    if (!/^[a-z0-9][a-z0-9-]*$/.test(handle)) {
      throw new InputError("handle", "lowercase letters, digits and hyphens, starting with a letter or digit");
    }
    const domain = `${handle}.myshopify.com`;
    if (this.shops.has(domain)) throw new InputError("handle", `${domain} already exists`);
    const currency = (input.currency ?? "USD").toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) throw new InputError("currency", "an ISO 4217 code such as USD");
    const locale = input.locale ?? "en";
    if (!/^[a-z]{2,3}(-[A-Z]{2})?$/.test(locale)) throw new InputError("locale", "a locale such as en or pt-BR");
    const shop: ShopRecord = {
      domain,
      name: input.name.trim(),
      email: input.email ?? `owner@${domain}`,
      currency,
      plan: { displayName: input.plan ?? "Basic", partnerDevelopment: true, shopifyPlus: false },
      ianaTimezone: "UTC",
      primaryLocale: locale,
      createdAt: this.now(),
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
      nextId: 1001,
      nextOrderNumber: 1001,
    };
    this.shops.set(domain, shop);
    this.install(shop);
    return shop;
  }

  shop(domain: string): ShopRecord {
    const shop = this.shops.get(domain) ?? this.shops.get(`${domain}.myshopify.com`);
    if (!shop) throw new NotFoundError(`no shop ${domain}`);
    return shop;
  }

  /** Installs the app (Shopify-managed install): it holds an offline token from now on. */
  install(shop: ShopRecord) {
    const installation = {
      app: this.app,
      accessToken: `shpat_${randomBytes(16).toString("hex")}`,
      scopes: [...this.app.scopes],
      installedAt: this.now(),
    };
    shop.installations.set(this.app.apiKey, installation);
    return installation;
  }

  installation(shop: ShopRecord) {
    return shop.installations.get(this.app.apiKey);
  }

  uninstall(shop: ShopRecord) {
    if (!shop.installations.delete(this.app.apiKey)) throw new InputError("app", "the app is not installed");
    this.emit(shop, { topic: "app/uninstalled", app: this.app });
  }

  /** The shop and installation an Admin API access token belongs to. */
  byAccessToken(domain: string, token: string) {
    const shop = this.shops.get(domain);
    const installation = shop && [...shop.installations.values()].find((i) => i.accessToken === token);
    return shop && installation ? { shop, installation } : undefined;
  }

  // --- customers -----------------------------------------------------------------------------

  createCustomer(
    shop: ShopRecord,
    input: {
      email?: string | null;
      firstName?: string | null;
      lastName?: string | null;
      phone?: string | null;
      tags?: string[];
      acceptsMarketing?: boolean;
      locale?: string;
      note?: string | null;
      createdAt?: string;
    },
  ): Customer {
    const email = input.email?.trim() || null;
    if (email && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new InputError("email", "is invalid");
    if (email && [...shop.customers.values()].some((c) => c.email?.toLowerCase() === email.toLowerCase())) {
      throw new InputError("email", "has already been taken");
    }
    if (!email && !input.phone && !input.firstName && !input.lastName) {
      throw new InputError("customer", "needs an email, a phone or a name");
    }
    const at = input.createdAt ? new Date(input.createdAt) : this.now();
    const customer: Customer = {
      id: this.nextId(shop),
      firstName: input.firstName ?? null,
      lastName: input.lastName ?? null,
      email,
      phone: input.phone ?? null,
      tags: normalizeTags(input.tags ?? []),
      note: input.note ?? null,
      locale: input.locale ?? "en",
      acceptsMarketing: input.acceptsMarketing ?? false,
      marketingUpdatedAt: input.acceptsMarketing ? at : null,
      createdAt: at,
      updatedAt: at,
    };
    shop.customers.set(customer.id, customer);
    this.emit(shop, { topic: "customers/create", customer });
    return customer;
  }

  customer(shop: ShopRecord, id: number): Customer {
    const customer = shop.customers.get(id);
    if (!customer) throw new NotFoundError(`no customer ${id}`);
    return customer;
  }

  updateCustomer(
    shop: ShopRecord,
    id: number,
    changes: Partial<Pick<Customer, "email" | "firstName" | "lastName" | "phone" | "note" | "locale">> & {
      acceptsMarketing?: boolean;
      tags?: string[];
    },
  ): Customer {
    const customer = this.customer(shop, id);
    const { acceptsMarketing, tags, ...rest } = changes;
    Object.assign(customer, rest);
    if (tags) customer.tags = normalizeTags(tags);
    if (acceptsMarketing !== undefined && acceptsMarketing !== customer.acceptsMarketing) {
      customer.acceptsMarketing = acceptsMarketing;
      customer.marketingUpdatedAt = this.now();
    }
    customer.updatedAt = this.now();
    this.emit(shop, { topic: "customers/update", customer });
    return customer;
  }

  /** Shopify's customer statistics: orders placed, and what they paid net of refunds. */
  customerStats(shop: ShopRecord, id: number) {
    const orders = [...shop.orders.values()].filter((o) => o.customerId === id);
    const spent = orders
      .filter((o) => o.financialStatus !== "pending" && o.financialStatus !== "voided")
      .reduce((sum, o) => sum + orderTotals(o).currentTotal, 0);
    return { numberOfOrders: orders.length, amountSpent: spent, lastOrder: orders.at(-1) ?? null };
  }

  requestCustomerData(shop: ShopRecord, customerId: number) {
    const customer = this.customer(shop, customerId);
    const orderIds = [...shop.orders.values()].filter((o) => o.customerId === customerId).map((o) => o.id);
    this.emit(shop, { topic: "customers/data_request", customer, orderIds, requestId: this.nextId(shop) });
  }

  redactCustomer(shop: ShopRecord, customerId: number) {
    const customer = this.customer(shop, customerId);
    const orderIds = [...shop.orders.values()].filter((o) => o.customerId === customerId).map((o) => o.id);
    this.emit(shop, { topic: "customers/redact", customer, orderIds });
  }

  redactShop(shop: ShopRecord) {
    this.emit(shop, { topic: "shop/redact" });
  }

  // --- products ------------------------------------------------------------------------------

  createProduct(
    shop: ShopRecord,
    input: {
      title: string;
      vendor?: string;
      productType?: string;
      tags?: string[];
      variants?: { title?: string; price: string; sku?: string; requiresShipping?: boolean; giftCard?: boolean }[];
      price?: string;
      collections?: string[];
    },
  ): Product {
    if (!input.title?.trim()) throw new InputError("title", "can't be blank");
    const collections = collectionTitles(input.collections ?? []);
    const at = this.now();
    const product: Product = {
      id: this.nextId(shop),
      title: input.title,
      handle: slug(input.title),
      vendor: input.vendor ?? shop.name,
      productType: input.productType ?? "",
      tags: normalizeTags(input.tags ?? []),
      status: "ACTIVE",
      variantIds: [],
      createdAt: at,
      updatedAt: at,
    };
    const variants = input.variants ?? [{ title: "Default Title", price: input.price ?? "0" }];
    for (const v of variants) {
      const variant = {
        id: this.nextId(shop),
        productId: product.id,
        title: v.title ?? "Default Title",
        sku: v.sku ?? null,
        price: money(v.price, shop.currency, "variants.price"),
        requiresShipping: v.requiresShipping ?? !v.giftCard,
        taxable: true,
        giftCard: v.giftCard ?? false,
      };
      shop.variants.set(variant.id, variant);
      product.variantIds.push(variant.id);
    }
    shop.products.set(product.id, product);
    this.placeInCollections(shop, product.id, collections);
    this.emit(shop, { topic: "products/create", product });
    return product;
  }

  product(shop: ShopRecord, id: number): Product {
    const product = shop.products.get(id);
    if (!product) throw new NotFoundError(`no product ${id}`);
    return product;
  }

  /** Changes a product as the admin does; `collections` (titles) replaces its collections. */
  updateProduct(
    shop: ShopRecord,
    id: number,
    changes: { title?: string; tags?: string[]; collections?: string[] },
  ): Product {
    const product = this.product(shop, id);
    if (changes.title !== undefined && !changes.title.trim()) throw new InputError("title", "can't be blank");
    const collections = changes.collections === undefined ? undefined : collectionTitles(changes.collections);
    if (changes.title !== undefined) product.title = changes.title;
    if (changes.tags !== undefined) product.tags = normalizeTags(changes.tags);
    if (collections) {
      for (const collection of shop.collections.values()) {
        collection.productIds = collection.productIds.filter((p) => p !== product.id);
      }
      this.placeInCollections(shop, product.id, collections);
    }
    product.updatedAt = this.now();
    this.emit(shop, { topic: "products/update", product });
    return product;
  }

  /** Deletes a product with its variants; past orders keep their lines (product_exists false). */
  deleteProduct(shop: ShopRecord, id: number): Product {
    const product = this.product(shop, id);
    shop.products.delete(id);
    for (const variantId of product.variantIds) shop.variants.delete(variantId);
    for (const collection of shop.collections.values()) {
      collection.productIds = collection.productIds.filter((p) => p !== id);
    }
    this.emit(shop, { topic: "products/delete", product });
    return product;
  }

  /** Adds the product to the collections with these titles, creating the ones that don't exist. */
  private placeInCollections(shop: ShopRecord, productId: number, titles: string[]) {
    for (const title of titles) {
      const existing = [...shop.collections.values()].find((c) => c.title === title);
      const collection = existing ?? { id: this.nextId(shop), title, handle: slug(title), productIds: [] };
      if (!collection.productIds.includes(productId)) collection.productIds.push(productId);
      shop.collections.set(collection.id, collection);
    }
  }

  collectionsOf(shop: ShopRecord, productId: number): number[] {
    return [...shop.collections.values()].filter((c) => c.productIds.includes(productId)).map((c) => c.id);
  }

  // --- orders --------------------------------------------------------------------------------

  createOrder(shop: ShopRecord, input: OrderInput): OrderRecord {
    const currency = (input.currency ?? shop.currency).toUpperCase();
    if (currency !== shop.currency) {
      throw new InputError("currency", `orders are recorded in the shop's currency ${shop.currency}`);
    }
    const presentmentCurrency = (input.presentmentCurrency ?? currency).toUpperCase();
    const exchangeRate = input.exchangeRate ?? "1";
    if (presentmentCurrency === currency && exchangeRate !== "1") {
      throw new InputError("exchangeRate", "only applies with a different presentmentCurrency");
    }
    const customer = input.customerId != null ? this.customer(shop, input.customerId) : null;
    if (!Array.isArray(input.lineItems) || input.lineItems.length === 0) {
      throw new InputError("lineItems", "at least one line item is required");
    }
    const id = this.nextId(shop);
    const lineItems = input.lineItems.map((item, index) => this.lineItem(shop, item, index, exchangeRate));
    const shippingPrice = input.shippingPrice ? money(input.shippingPrice, currency, "shippingPrice") : 0;
    const at = input.createdAt ? new Date(input.createdAt) : this.now();
    if (Number.isNaN(at.getTime())) throw new InputError("createdAt", "must be an ISO 8601 date-time");
    const number = shop.nextOrderNumber++;
    const order: OrderRecord = {
      id,
      number,
      name: `#${number}`,
      customerId: customer?.id ?? null,
      email: input.email ?? customer?.email ?? null,
      currency,
      presentmentCurrency,
      exchangeRate,
      lineItems,
      shippingLines:
        shippingPrice > 0 || input.shippingTitle
          ? [
              {
                id: this.nextId(shop),
                title: input.shippingTitle ?? "Standard",
                code: "Standard",
                price: shippingPrice,
                presentmentPrice: toPresentment(shippingPrice, exchangeRate),
                discountAllocations: [],
              },
            ]
          : [],
      discountApplications: [],
      usedDiscountIds: [],
      taxesIncluded: input.taxesIncluded ?? false,
      financialStatus: input.paid ? "paid" : "pending",
      cancelledAt: null,
      cancelReason: null,
      refunds: [],
      tags: normalizeTags(input.tags ?? []),
      note: input.note ?? null,
      test: input.test ?? false,
      sourceName: "web",
      createdAt: at,
      processedAt: at,
      updatedAt: at,
    };
    for (const code of input.discountCodes ?? []) this.applyCode(shop, order, code);
    this.applyAutomaticDiscounts(shop, order);
    shop.orders.set(order.id, order);
    for (const discountId of order.usedDiscountIds) {
      const code = shop.codeDiscounts
        .get(discountId)
        ?.codes.find((c) => order.discountApplications.some((a) => a.code?.toLowerCase() === c.code.toLowerCase()));
      if (code) code.usageCount += 1;
    }
    this.emit(shop, { topic: "orders/create", order });
    if (order.financialStatus === "paid") this.emit(shop, { topic: "orders/paid", order });
    return order;
  }

  private lineItem(shop: ShopRecord, item: OrderInput["lineItems"][number], index: number, rate: string) {
    const field = `lineItems[${index}]`;
    if (!Number.isInteger(item.quantity) || item.quantity < 1) {
      throw new InputError(`${field}.quantity`, "must be a positive integer");
    }
    const variant = item.variantId !== undefined ? shop.variants.get(item.variantId) : undefined;
    if (item.variantId !== undefined && !variant) throw new InputError(`${field}.variantId`, "no such variant");
    const product = variant ? shop.products.get(variant.productId) : undefined;
    if (!variant && !item.title) throw new InputError(field, "needs a variantId or a title and price");
    if (!variant && item.price === undefined) throw new InputError(`${field}.price`, "is required without a variantId");
    const price = item.price !== undefined ? money(item.price, shop.currency, `${field}.price`) : variant!.price;
    const line: LineItemRecord = {
      id: this.nextId(shop),
      variantId: variant?.id ?? null,
      productId: product?.id ?? null,
      title: product?.title ?? item.title!,
      variantTitle: variant && variant.title !== "Default Title" ? variant.title : null,
      sku: item.sku ?? variant?.sku ?? null,
      quantity: item.quantity,
      price,
      presentmentPrice: toPresentment(price, rate),
      tax: item.tax ? money(item.tax, shop.currency, `${field}.tax`) : 0,
      taxable: item.taxable ?? variant?.taxable ?? true,
      requiresShipping: item.requiresShipping ?? variant?.requiresShipping ?? true,
      giftCard: item.giftCard ?? variant?.giftCard ?? false,
      discountAllocations: [],
    };
    return line;
  }

  /** Applies a code at checkout, with Shopify's eligibility rules; refuses what checkout would. */
  private applyCode(shop: ShopRecord, order: OrderRecord, code: string) {
    const discount = [...shop.codeDiscounts.values()].find((d) =>
      d.codes.some((c) => c.code.toLowerCase() === code.toLowerCase()),
    );
    const refuse = (why: string) => {
      throw new InputError("discountCodes", `${code} cannot be applied: ${why}`);
    };
    if (!discount) return refuse("no such discount code");
    const at = order.createdAt;
    if (discount.startsAt > at || (discount.endsAt && discount.endsAt <= at)) return refuse("not active");
    const used = discount.codes.reduce((sum, c) => sum + c.usageCount, 0);
    if (discount.usageLimit !== null && used >= discount.usageLimit) return refuse("usage limit reached");
    if (discount.customerIds && (order.customerId === null || !discount.customerIds.includes(order.customerId))) {
      return refuse("not available to this customer");
    }
    if (discount.segmentIds && !this.inAnySegment(shop, order.customerId, discount.segmentIds)) {
      return refuse("not available to this customer");
    }
    if (discount.appliesOncePerCustomer && order.customerId !== null) {
      const before = [...shop.orders.values()].some(
        (o) => o.customerId === order.customerId && o.usedDiscountIds.includes(discount.id),
      );
      if (before) return refuse("already used by this customer");
    }
    if (!this.meetsMinimum(shop, order, discount)) return refuse("minimum requirement not met");
    this.applyDiscount(
      shop,
      order,
      discount,
      discount.codes.find((c) => c.code.toLowerCase() === code.toLowerCase())!.code,
    );
    order.usedDiscountIds.push(discount.id);
  }

  private applyAutomaticDiscounts(shop: ShopRecord, order: OrderRecord) {
    for (const discount of shop.automaticDiscounts.values()) {
      const at = order.createdAt;
      if (discount.startsAt > at || (discount.endsAt && discount.endsAt <= at)) continue;
      if (discount.segmentIds && !this.inAnySegment(shop, order.customerId, discount.segmentIds)) continue;
      if (!this.meetsMinimum(shop, order, discount)) continue;
      this.applyDiscount(shop, order, discount, null);
    }
  }

  private meetsMinimum(shop: ShopRecord, order: OrderRecord, discount: CodeDiscount | AutomaticDiscount) {
    const requirement = discount.minimumRequirement;
    if (!requirement) return true;
    const lines = eligibleLines(order.lineItems, discount.items, (p) => this.collectionsOf(shop, p));
    if ("subtotal" in requirement) return lines.reduce((s, l) => s + l.price * l.quantity, 0) >= requirement.subtotal;
    return lines.reduce((s, l) => s + l.quantity, 0) >= requirement.quantity;
  }

  private applyDiscount(
    shop: ShopRecord,
    order: OrderRecord,
    discount: CodeDiscount | AutomaticDiscount,
    code: string | null,
  ) {
    const index = order.discountApplications.length;
    if (discount.kind === "free_shipping") {
      order.discountApplications.push({
        type: code ? "discount_code" : "automatic",
        code,
        title: code ?? discount.title,
        valueType: "percentage",
        value: "100.0",
        targetType: "shipping_line",
        allocationMethod: "each",
        targetSelection: "all",
      });
      applyFreeShipping(order.shippingLines, index, discount.maximumShippingPrice);
      return;
    }
    const eligible = (items: CodeDiscount["items"]) =>
      eligibleLines(order.lineItems, items, (p) => this.collectionsOf(shop, p));
    if ("bxgy" in discount && discount.bxgy) {
      const rule = discount.bxgy;
      order.discountApplications.push({
        type: code ? "discount_code" : "automatic",
        code,
        title: code ?? discount.title,
        valueType: "percentage" in rule.effect ? "percentage" : "fixed_amount",
        value:
          "percentage" in rule.effect ? (Number(rule.effect.percentage) * 100).toFixed(1) : String(rule.effect.amount),
        targetType: "line_item",
        allocationMethod: "each",
        targetSelection: "entitled",
      });
      applyBuyXGetY(order.lineItems, rule, index, eligible);
      return;
    }
    const application: DiscountApplicationRecord = {
      ...applicationFor(discount, code),
      targetSelection: "all" in discount.items ? "all" : "entitled",
    };
    order.discountApplications.push(application);
    applyValue(
      eligibleLines(order.lineItems, discount.items, (p) => this.collectionsOf(shop, p)),
      discount.value,
      index,
    );
  }

  inAnySegment(shop: ShopRecord, customerId: number | null, segmentIds: number[]) {
    if (customerId === null) return false;
    const customer = shop.customers.get(customerId);
    if (!customer) return false;
    const stats = this.customerStats(shop, customerId);
    return segmentIds.some((id) => {
      const segment = shop.segments.get(id);
      return segment !== undefined && segmentMatches(segment.query, customer, stats, shop, this.app);
    });
  }

  order(shop: ShopRecord, id: number): OrderRecord {
    const order = shop.orders.get(id);
    if (!order) throw new NotFoundError(`no order ${id}`);
    return order;
  }

  pay(shop: ShopRecord, id: number): OrderRecord {
    const order = this.order(shop, id);
    if (order.cancelledAt) throw new OrderError("a cancelled order cannot be paid");
    if (order.financialStatus !== "pending") throw new OrderError(`order is already ${order.financialStatus}`);
    order.financialStatus = "paid";
    order.updatedAt = this.now();
    this.emit(shop, { topic: "orders/paid", order });
    return order;
  }

  refund(
    shop: ShopRecord,
    id: number,
    input: {
      lineItems?: { lineItemId: number; quantity: number }[];
      shipping?: string | { fullRefund: true };
      note?: string;
    },
  ): RefundRecord {
    const order = this.order(shop, id);
    if (order.financialStatus === "pending" || order.financialStatus === "voided") {
      throw new OrderError(`an order that is ${order.financialStatus} has nothing to refund`);
    }
    const lines = refundLines(order, input.lineItems ?? [], () => this.nextId(shop));
    const shippingRefunded = order.refunds.reduce((sum, r) => sum + r.shipping, 0);
    const shippingPaid = order.shippingLines.reduce(
      (sum, s) => sum + s.price - s.discountAllocations.reduce((a, d) => a + d.amount, 0),
      0,
    );
    const shipping =
      input.shipping === undefined
        ? 0
        : typeof input.shipping === "object"
          ? shippingPaid - shippingRefunded
          : money(input.shipping, order.currency, "shipping");
    if (shipping > shippingPaid - shippingRefunded) {
      throw new OrderError(`shipping: only ${shippingPaid - shippingRefunded} left to refund`);
    }
    if (lines.length === 0 && shipping === 0) throw new OrderError("a refund needs line items or shipping");
    const tax = order.taxesIncluded ? 0 : lines.reduce((sum, l) => sum + l.totalTax, 0);
    const refund: RefundRecord = {
      id: this.nextId(shop),
      orderId: order.id,
      createdAt: this.now(),
      note: input.note ?? null,
      lines,
      shipping,
      amount: lines.reduce((sum, l) => sum + l.subtotal, 0) + tax + shipping,
    };
    order.refunds.push(refund);
    const totals = orderTotals(order);
    order.financialStatus = totals.currentTotal <= 0 ? "refunded" : "partially_refunded";
    order.updatedAt = this.now();
    this.emit(shop, { topic: "refunds/create", order, refund });
    return refund;
  }

  /** Cancels an order; by default a paid order's remaining balance is refunded, as in the admin. */
  cancel(shop: ShopRecord, id: number, input: { reason?: OrderRecord["cancelReason"]; refund?: boolean } = {}) {
    const order = this.order(shop, id);
    if (order.cancelledAt) throw new OrderError("order is already cancelled");
    const refund = input.refund ?? true;
    if (refund && (order.financialStatus === "paid" || order.financialStatus === "partially_refunded")) {
      const { currentQuantity } = orderTotals(order);
      const lineItems = order.lineItems
        .map((l) => ({ lineItemId: l.id, quantity: currentQuantity(l), restockType: "cancel" as const }))
        .filter((l) => l.quantity > 0);
      this.refund(shop, id, { lineItems, shipping: { fullRefund: true }, note: "Order canceled" });
    }
    if (order.financialStatus === "pending") order.financialStatus = "voided";
    order.cancelledAt = this.now();
    order.cancelReason = input.reason ?? "other";
    order.updatedAt = this.now();
    this.emit(shop, { topic: "orders/cancelled", order });
    return order;
  }

  // --- tags ------------------------------------------------------------------------------------

  /** The taggable record behind a GID (customers, orders, products). */
  taggable(shop: ShopRecord, type: string, id: number): { tags: string[]; updatedAt: Date } {
    const record =
      type === "Customer"
        ? shop.customers.get(id)
        : type === "Order"
          ? shop.orders.get(id)
          : type === "Product"
            ? shop.products.get(id)
            : undefined;
    if (!record) throw new NotFoundError(`no ${type} ${id}`);
    return record;
  }

  changeTags(shop: ShopRecord, type: string, id: number, add: string[], remove: string[]) {
    const record = this.taggable(shop, type, id);
    const removed = new Set(normalizeTags(remove).map((t) => t.toLowerCase()));
    record.tags = normalizeTags([...record.tags.filter((t) => !removed.has(t.toLowerCase())), ...add]);
    record.updatedAt = this.now();
    if (type === "Customer") this.emit(shop, { topic: "customers/update", customer: record as Customer });
    if (type === "Order") this.emit(shop, { topic: "orders/updated", order: record as OrderRecord });
    if (type === "Product") this.emit(shop, { topic: "products/update", product: record as Product });
  }
}

/** Collection titles as given, refused unless every one is a non-blank string. */
function collectionTitles(titles: unknown): string[] {
  if (!Array.isArray(titles) || titles.some((t) => typeof t !== "string" || !t.trim())) {
    throw new InputError("collections", "a list of collection titles");
  }
  return titles as string[];
}

/** Shopify trims tags, drops empties and duplicates (case-insensitively) and sorts them. */
export function normalizeTags(tags: string[]): string[] {
  const seen = new Map<string, string>();
  for (const tag of tags.map((t) => t.trim()).filter(Boolean)) {
    if (!seen.has(tag.toLowerCase())) seen.set(tag.toLowerCase(), tag);
  }
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}

function money(value: string | number, currency: string, field: string): number {
  try {
    const minor = toMinor(value, currency);
    if (minor < 0) throw new Error("must not be negative");
    return minor;
  } catch (error) {
    throw new InputError(field, (error as Error).message);
  }
}

export { OrderError };
