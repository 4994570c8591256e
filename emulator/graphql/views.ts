// State records seen through the Admin schema. Each view holds exactly the fields the emulator
// implements (resolve.ts reports any other field by name); functions take the field's arguments.
import { toDecimal } from "../state/money.ts";
import { gid } from "../state/ids.ts";
import { orderTotals } from "../state/orders.ts";
import type { Store } from "../state/store.ts";
import type {
  AutomaticDiscount,
  BuyXGetY,
  CodeDiscount,
  Customer,
  LineItemRecord,
  Metafield,
  MetafieldDefinition,
  OrderRecord,
  Product,
  RefundRecord,
  Segment,
  ShopRecord,
  Variant,
} from "../state/types.ts";
import { connection, type ConnectionArgs } from "./connection.ts";
import { dateTime } from "./schema.ts";

export interface ViewContext {
  store: Store;
  shop: ShopRecord;
}

const iso = (date: Date | null) => (date ? dateTime(date) : null);

export const moneyV2 = (amount: number, currencyCode: string) => ({
  __typename: "MoneyV2",
  amount: toDecimal(amount, currencyCode),
  currencyCode,
});

/** A MoneyBag: the amount in the shop's currency and in the buyer's. */
function moneyBag(order: OrderRecord, shopAmount: number, presentmentAmount?: number) {
  const presentment =
    presentmentAmount ?? (order.presentmentCurrency === order.currency ? shopAmount : convert(order, shopAmount));
  return {
    shopMoney: moneyV2(shopAmount, order.currency),
    presentmentMoney: moneyV2(presentment, order.presentmentCurrency),
  };
}

function convert(order: OrderRecord, amount: number) {
  const [whole = "0", fraction = ""] = order.exchangeRate.split(".");
  const scale = 10n ** BigInt(fraction.length);
  const product = BigInt(amount) * BigInt(`${whole}${fraction}`);
  return Number((product * 2n + scale) / (2n * scale));
}

// --- metafields ------------------------------------------------------------------------------

export function resolveNamespace(namespace: string | null | undefined, ctx: ViewContext): string {
  const appNamespace = `app--${ctx.store.app.appId}`;
  if (namespace === undefined || namespace === null || namespace === "$app") return appNamespace;
  if (namespace.startsWith("$app:")) return `${appNamespace}--${namespace.slice("$app:".length)}`;
  return namespace;
}

export function metafieldView(metafield: Metafield, ctx: ViewContext) {
  const ownerType = metafield.ownerGid.split("/")[3]!.toUpperCase();
  return {
    __typename: "Metafield",
    id: gid("Metafield", metafield.id),
    legacyResourceId: String(metafield.id),
    namespace: metafield.namespace,
    key: metafield.key,
    type: metafield.type,
    value: metafield.value,
    jsonValue: jsonValue(metafield),
    ownerType,
    createdAt: dateTime(metafield.createdAt),
    updatedAt: dateTime(metafield.updatedAt),
    compareDigest: digest(metafield),
    owner: () => ownerView(metafield.ownerGid, ctx),
  };
}

function jsonValue(metafield: Metafield): unknown {
  if (metafield.type === "json" || metafield.type.startsWith("list.")) return JSON.parse(metafield.value);
  if (metafield.type === "number_integer") return Number(metafield.value);
  if (metafield.type === "boolean") return metafield.value === "true";
  return metafield.value;
}

function digest(metafield: Metafield) {
  return Buffer.from(`${metafield.id}:${metafield.updatedAt.getTime()}`).toString("base64url");
}

function metafieldFields(ownerGid: string, ctx: ViewContext) {
  const own = () => [...ctx.shop.metafields.values()].filter((m) => m.ownerGid === ownerGid);
  return {
    metafield: (args: { namespace?: string | null; key: string }) => {
      const namespace = resolveNamespace(args.namespace, ctx);
      const found = own().find((m) => m.namespace === namespace && m.key === args.key);
      return found ? metafieldView(found, ctx) : null;
    },
    metafields: (args: ConnectionArgs & { namespace?: string | null; keys?: string[] | null }) => {
      const namespace = args.namespace === undefined ? undefined : resolveNamespace(args.namespace, ctx);
      const keys = args.keys?.map((k) => {
        const [ns, key] = k.includes(".")
          ? [k.slice(0, k.lastIndexOf(".")), k.slice(k.lastIndexOf(".") + 1)]
          : [undefined, k];
        return `${resolveNamespace(ns, ctx)}.${key}`;
      });
      const items = own().filter(
        (m) =>
          (namespace === undefined || m.namespace === namespace) && (!keys || keys.includes(`${m.namespace}.${m.key}`)),
      );
      return connection(
        items,
        args,
        (m) => metafieldView(m, ctx),
        (m) => m.id,
      );
    },
  };
}

export function metafieldDefinitionView(definition: MetafieldDefinition) {
  return {
    __typename: "MetafieldDefinition",
    id: gid("MetafieldDefinition", definition.id),
    name: definition.name,
    namespace: definition.namespace,
    key: definition.key,
    ownerType: definition.ownerType,
    description: definition.description,
    type: { __typename: "MetafieldDefinitionType", name: definition.type, category: "TEXT" },
  };
}

/** A record behind a GID, seen through the schema (for `node`, `owner`, tags payloads). */
export function ownerView(ownerGid: string, ctx: ViewContext): unknown {
  const [, , , type, rawId] = ownerGid.split("/");
  const id = Number(rawId);
  const { shop } = ctx;
  switch (type) {
    case "Customer":
      return shop.customers.has(id) ? customerView(shop.customers.get(id)!, ctx) : null;
    case "Order":
      return shop.orders.has(id) ? orderView(shop.orders.get(id)!, ctx) : null;
    case "Product":
      return shop.products.has(id) ? productView(shop.products.get(id)!, ctx) : null;
    case "ProductVariant":
      return shop.variants.has(id) ? variantView(shop.variants.get(id)!, ctx) : null;
    case "Shop":
      return shopView(ctx);
    case "Segment":
      return shop.segments.has(id) ? segmentView(shop.segments.get(id)!) : null;
    case "DiscountCodeNode":
      return shop.codeDiscounts.has(id) ? codeDiscountNodeView(shop.codeDiscounts.get(id)!, ctx) : null;
    case "DiscountAutomaticNode":
      return shop.automaticDiscounts.has(id) ? automaticDiscountNodeView(shop.automaticDiscounts.get(id)!, ctx) : null;
    default:
      return null;
  }
}

// --- shop --------------------------------------------------------------------------------------

export function shopView(ctx: ViewContext) {
  const { shop } = ctx;
  const id = gid("Shop", shopNumericId(shop));
  return {
    __typename: "Shop",
    id,
    name: shop.name,
    email: shop.email,
    contactEmail: shop.email,
    myshopifyDomain: shop.domain,
    url: `https://${shop.domain}`,
    currencyCode: shop.currency,
    enabledPresentmentCurrencies: [shop.currency],
    ianaTimezone: shop.ianaTimezone,
    timezoneAbbreviation: "UTC",
    timezoneOffset: "+0000",
    timezoneOffsetMinutes: 0,
    taxesIncluded: false,
    taxShipping: false,
    createdAt: dateTime(shop.createdAt),
    updatedAt: dateTime(shop.createdAt),
    plan: { __typename: "ShopPlan", ...shop.plan },
    ...metafieldFields(id, ctx),
  };
}

/** Shops have numeric ids in Shopify; derive a stable one from the domain. */
export function shopNumericId(shop: ShopRecord): number {
  let hash = 7;
  for (const char of shop.domain) hash = (hash * 31 + char.charCodeAt(0)) % 2_000_000_000;
  return hash + 1;
}

// --- customers ---------------------------------------------------------------------------------

export function customerView(customer: Customer, ctx: ViewContext) {
  const id = gid("Customer", customer.id);
  const stats = () => ctx.store.customerStats(ctx.shop, customer.id);
  const consentState = customer.acceptsMarketing ? "SUBSCRIBED" : "NOT_SUBSCRIBED";
  return {
    __typename: "Customer",
    id,
    legacyResourceId: String(customer.id),
    firstName: customer.firstName,
    lastName: customer.lastName,
    displayName:
      [customer.firstName, customer.lastName].filter(Boolean).join(" ") || customer.email || customer.phone || "",
    email: customer.email,
    phone: customer.phone,
    note: customer.note,
    locale: customer.locale,
    tags: customer.tags,
    state: "ENABLED",
    verifiedEmail: customer.email !== null,
    createdAt: dateTime(customer.createdAt),
    updatedAt: dateTime(customer.updatedAt),
    numberOfOrders: () => String(stats().numberOfOrders),
    amountSpent: () => moneyV2(stats().amountSpent, ctx.shop.currency),
    lastOrder: () => {
      const last = stats().lastOrder;
      return last ? orderView(last, ctx) : null;
    },
    orders: (args: ConnectionArgs) =>
      connection(
        [...ctx.shop.orders.values()].filter((o) => o.customerId === customer.id),
        args,
        (o) => orderView(o, ctx),
        (o) => o.id,
      ),
    emailMarketingConsent: customer.email
      ? {
          __typename: "CustomerEmailMarketingConsentState",
          marketingState: consentState,
          marketingOptInLevel: customer.acceptsMarketing ? "SINGLE_OPT_IN" : null,
          consentUpdatedAt: iso(customer.marketingUpdatedAt),
        }
      : null,
    defaultEmailAddress: customer.email
      ? {
          __typename: "CustomerEmailAddress",
          emailAddress: customer.email,
          marketingState: consentState,
          marketingOptInLevel: customer.acceptsMarketing ? "SINGLE_OPT_IN" : null,
          marketingUpdatedAt: iso(customer.marketingUpdatedAt),
          validFormat: true,
        }
      : null,
    defaultPhoneNumber: customer.phone
      ? { __typename: "CustomerPhoneNumber", phoneNumber: customer.phone, marketingState: "NOT_SUBSCRIBED" }
      : null,
    ...metafieldFields(id, ctx),
  };
}

// --- products ----------------------------------------------------------------------------------

export function productView(product: Product, ctx: ViewContext) {
  const id = gid("Product", product.id);
  const variants = () => product.variantIds.map((v) => ctx.shop.variants.get(v)!).filter(Boolean);
  return {
    __typename: "Product",
    id,
    legacyResourceId: String(product.id),
    title: product.title,
    handle: product.handle,
    vendor: product.vendor,
    productType: product.productType,
    tags: product.tags,
    status: product.status,
    createdAt: dateTime(product.createdAt),
    updatedAt: dateTime(product.updatedAt),
    isGiftCard: variants().some((v) => v.giftCard),
    variants: (args: ConnectionArgs) =>
      connection(
        variants(),
        args,
        (v) => variantView(v, ctx),
        (v) => v.id,
      ),
    collections: (args: ConnectionArgs) =>
      connection(
        [...ctx.shop.collections.values()].filter((c) => c.productIds.includes(product.id)),
        args,
        (c) => collectionView(c.id, ctx),
        (c) => c.id,
      ),
    ...metafieldFields(id, ctx),
  };
}

export function variantView(variant: Variant, ctx: ViewContext) {
  const id = gid("ProductVariant", variant.id);
  const product = ctx.shop.products.get(variant.productId)!;
  return {
    __typename: "ProductVariant",
    id,
    legacyResourceId: String(variant.id),
    title: variant.title,
    displayName: variant.title === "Default Title" ? product.title : `${product.title} - ${variant.title}`,
    sku: variant.sku,
    price: toDecimal(variant.price, ctx.shop.currency),
    taxable: variant.taxable,
    product: () => productView(product, ctx),
    ...metafieldFields(id, ctx),
  };
}

export function collectionView(collectionId: number, ctx: ViewContext) {
  const collection = ctx.shop.collections.get(collectionId)!;
  const id = gid("Collection", collection.id);
  return {
    __typename: "Collection",
    id,
    legacyResourceId: String(collection.id),
    title: collection.title,
    handle: collection.handle,
    products: (args: ConnectionArgs) =>
      connection(
        collection.productIds.map((p) => ctx.shop.products.get(p)!).filter(Boolean),
        args,
        (p) => productView(p, ctx),
        (p) => p.id,
      ),
    ...metafieldFields(id, ctx),
  };
}

// --- orders ------------------------------------------------------------------------------------

const FINANCIAL_STATUS: Record<OrderRecord["financialStatus"], string> = {
  pending: "PENDING",
  paid: "PAID",
  partially_refunded: "PARTIALLY_REFUNDED",
  refunded: "REFUNDED",
  voided: "VOIDED",
};

export function orderView(order: OrderRecord, ctx: ViewContext) {
  const id = gid("Order", order.id);
  const totals = () => orderTotals(order);
  return {
    __typename: "Order",
    id,
    legacyResourceId: String(order.id),
    name: order.name,
    email: order.email,
    note: order.note,
    tags: order.tags,
    test: order.test,
    sourceName: order.sourceName,
    currencyCode: order.currency,
    presentmentCurrencyCode: order.presentmentCurrency,
    createdAt: dateTime(order.createdAt),
    processedAt: dateTime(order.processedAt),
    updatedAt: dateTime(order.updatedAt),
    cancelledAt: iso(order.cancelledAt),
    cancelReason: order.cancelReason?.toUpperCase() ?? null,
    closed: false,
    confirmed: true,
    fullyPaid: order.financialStatus !== "pending",
    unpaid: order.financialStatus === "pending",
    displayFinancialStatus: FINANCIAL_STATUS[order.financialStatus],
    discountCode: order.discountApplications.find((a) => a.code)?.code ?? null,
    discountCodes: order.discountApplications.flatMap((a) => (a.code ? [a.code] : [])),
    customer: () =>
      order.customerId !== null ? customerView(ctx.store.customer(ctx.shop, order.customerId), ctx) : null,
    subtotalLineItemsQuantity: order.lineItems.reduce((sum, l) => sum + l.quantity, 0),
    currentSubtotalLineItemsQuantity: () => order.lineItems.reduce((sum, l) => sum + totals().currentQuantity(l), 0),
    subtotalPriceSet: () => moneyBag(order, totals().subtotal),
    currentSubtotalPriceSet: () => moneyBag(order, totals().currentSubtotal),
    totalDiscountsSet: () => moneyBag(order, totals().discounts),
    currentTotalDiscountsSet: () => moneyBag(order, totals().discounts),
    totalShippingPriceSet: () => moneyBag(order, totals().shipping),
    totalTaxSet: () => moneyBag(order, totals().tax),
    currentTotalTaxSet: () => moneyBag(order, totals().currentTax),
    totalPriceSet: () => moneyBag(order, totals().total),
    currentTotalPriceSet: () => moneyBag(order, totals().currentTotal),
    totalRefundedSet: () => moneyBag(order, totals().refunded),
    totalReceivedSet: () => moneyBag(order, order.financialStatus === "pending" ? 0 : totals().total),
    netPaymentSet: () => moneyBag(order, order.financialStatus === "pending" ? 0 : totals().currentTotal),
    lineItems: (args: ConnectionArgs) =>
      connection(
        order.lineItems,
        args,
        (l) => lineItemView(order, l, ctx),
        (l) => l.id,
      ),
    shippingLines: (args: ConnectionArgs) =>
      connection(
        order.shippingLines,
        args,
        (s) => ({
          __typename: "ShippingLine",
          id: gid("ShippingLine", s.id),
          title: s.title,
          code: s.code,
          originalPriceSet: moneyBag(order, s.price, s.presentmentPrice),
          discountedPriceSet: moneyBag(order, s.price - s.discountAllocations.reduce((a, d) => a + d.amount, 0)),
          discountAllocations: s.discountAllocations.map((a) => allocationView(order, a)),
        }),
        (s) => s.id,
      ),
    discountApplications: (args: ConnectionArgs) =>
      connection(
        order.discountApplications.map((a, index) => ({ a, index })),
        args,
        ({ a, index }) => discountApplicationView(order, a, index),
        ({ index }) => index + 1,
      ),
    refunds: () => order.refunds.map((r) => refundView(order, r, ctx)),
    ...metafieldFields(id, ctx),
  };
}

function allocationView(order: OrderRecord, allocation: { applicationIndex: number; amount: number }) {
  return {
    __typename: "DiscountAllocation",
    allocatedAmountSet: moneyBag(order, allocation.amount),
    discountApplication: discountApplicationView(
      order,
      order.discountApplications[allocation.applicationIndex]!,
      allocation.applicationIndex,
    ),
  };
}

function discountApplicationView(
  order: OrderRecord,
  application: OrderRecord["discountApplications"][number],
  index: number,
) {
  const typename =
    application.type === "discount_code"
      ? "DiscountCodeApplication"
      : application.type === "automatic"
        ? "AutomaticDiscountApplication"
        : "ManualDiscountApplication";
  const value =
    application.valueType === "percentage"
      ? { __typename: "PricingPercentageValue", percentage: Number(application.value) }
      : moneyV2(Number(application.value), order.currency);
  return {
    __typename: typename,
    index,
    ...(application.code ? { code: application.code } : { title: application.title }),
    allocationMethod: application.allocationMethod.toUpperCase(),
    targetSelection: application.targetSelection.toUpperCase(),
    targetType: application.targetType.toUpperCase(),
    value,
  };
}

function lineItemView(order: OrderRecord, line: LineItemRecord, ctx: ViewContext) {
  const discount = line.discountAllocations.reduce((sum, a) => sum + a.amount, 0);
  const unitDiscounted = Math.floor((line.price * line.quantity - discount) / line.quantity);
  return {
    __typename: "LineItem",
    id: gid("LineItem", line.id),
    name: line.variantTitle ? `${line.title} - ${line.variantTitle}` : line.title,
    title: line.title,
    sku: line.sku,
    quantity: line.quantity,
    currentQuantity: () => orderTotals(order).currentQuantity(line),
    refundableQuantity: () => orderTotals(order).currentQuantity(line),
    isGiftCard: line.giftCard,
    taxable: line.taxable,
    requiresShipping: line.requiresShipping,
    originalUnitPriceSet: moneyBag(order, line.price, line.presentmentPrice),
    originalTotalSet: moneyBag(order, line.price * line.quantity, line.presentmentPrice * line.quantity),
    discountedUnitPriceSet: moneyBag(order, unitDiscounted),
    discountedTotalSet: () => moneyBag(order, line.price * line.quantity - discount),
    totalDiscountSet: moneyBag(order, discount),
    discountAllocations: line.discountAllocations.map((a) => allocationView(order, a)),
    taxLines: () =>
      line.tax > 0
        ? [
            {
              __typename: "TaxLine",
              title: "Tax",
              priceSet: moneyBag(order, line.tax),
              rate: null,
              ratePercentage: null,
            },
          ]
        : [],
    variant: () =>
      line.variantId !== null && ctx.shop.variants.has(line.variantId)
        ? variantView(ctx.shop.variants.get(line.variantId)!, ctx)
        : null,
    product: () =>
      line.productId !== null && ctx.shop.products.has(line.productId)
        ? productView(ctx.shop.products.get(line.productId)!, ctx)
        : null,
  };
}

function refundView(order: OrderRecord, refund: RefundRecord, ctx: ViewContext) {
  return {
    __typename: "Refund",
    id: gid("Refund", refund.id),
    legacyResourceId: String(refund.id),
    note: refund.note,
    createdAt: dateTime(refund.createdAt),
    processedAt: dateTime(refund.createdAt),
    updatedAt: dateTime(refund.createdAt),
    totalRefundedSet: moneyBag(order, refund.amount),
    order: () => orderView(order, ctx),
    refundLineItems: (args: ConnectionArgs) =>
      connection(
        refund.lines,
        args,
        (r) => {
          const line = order.lineItems.find((l) => l.id === r.lineItemId)!;
          return {
            __typename: "RefundLineItem",
            id: gid("RefundLineItem", r.id),
            quantity: r.quantity,
            restockType: r.restockType.toUpperCase(),
            priceSet: moneyBag(order, line.price),
            subtotalSet: moneyBag(order, r.subtotal),
            totalTaxSet: moneyBag(order, r.totalTax),
            lineItem: lineItemView(order, line, ctx),
          };
        },
        (r) => r.id,
      ),
  };
}

// --- segments and discounts ---------------------------------------------------------------------

export function segmentView(segment: Segment) {
  return {
    __typename: "Segment",
    id: gid("Segment", segment.id),
    name: segment.name,
    query: segment.query,
    creationDate: dateTime(segment.createdAt),
    lastEditDate: dateTime(segment.updatedAt),
  };
}

function status(discount: { startsAt: Date; endsAt: Date | null }, now: Date) {
  if (discount.startsAt > now) return "SCHEDULED";
  if (discount.endsAt && discount.endsAt <= now) return "EXPIRED";
  return "ACTIVE";
}

function discountShared(discount: CodeDiscount | AutomaticDiscount, ctx: ViewContext) {
  const { shop } = ctx;
  const context =
    "customerIds" in discount && discount.customerIds
      ? {
          __typename: "DiscountCustomers",
          customers: () => discount.customerIds!.map((id) => customerView(ctx.store.customer(shop, id), ctx)),
        }
      : discount.segmentIds
        ? {
            __typename: "DiscountCustomerSegments",
            segments: () =>
              discount.segmentIds!.flatMap((id) =>
                shop.segments.has(id) ? [segmentView(shop.segments.get(id)!)] : [],
              ),
          }
        : { __typename: "DiscountBuyerSelectionAll", all: "ALL" };
  const minimum = discount.minimumRequirement;
  return {
    title: discount.title,
    startsAt: dateTime(discount.startsAt),
    endsAt: iso(discount.endsAt),
    createdAt: dateTime(discount.createdAt),
    updatedAt: dateTime(discount.updatedAt),
    status: status(discount, ctx.store.now()),
    tags: [],
    context,
    combinesWith: {
      __typename: "DiscountCombinesWith",
      ...discount.combinesWith,
      productDiscountsWithTagsOnSameCartLine: null,
    },
    minimumRequirement: !minimum
      ? null
      : "subtotal" in minimum
        ? {
            __typename: "DiscountMinimumSubtotal",
            greaterThanOrEqualToSubtotal: moneyV2(minimum.subtotal, shop.currency),
          }
        : { __typename: "DiscountMinimumQuantity", greaterThanOrEqualToQuantity: String(minimum.quantity) },
  };
}

function customerGetsView(discount: CodeDiscount | AutomaticDiscount, ctx: ViewContext) {
  const value =
    discount.value.kind === "percentage"
      ? { __typename: "DiscountPercentage", percentage: Number(discount.value.percentage) }
      : {
          __typename: "DiscountAmount",
          amount: moneyV2(discount.value.amount, ctx.shop.currency),
          appliesOnEachItem: discount.value.appliesOnEachItem,
        };
  return {
    __typename: "DiscountCustomerGets",
    value,
    items: itemsView(discount.items, ctx),
    appliesOnOneTimePurchase: true,
    appliesOnSubscription: false,
  };
}

function itemsView(items: CodeDiscount["items"], ctx: ViewContext) {
  if ("all" in items) return { __typename: "AllDiscountItems", allItems: true };
  if (items.collectionIds.length > 0 && items.productIds.length + items.variantIds.length === 0) {
    return {
      __typename: "DiscountCollections",
      collections: (args: ConnectionArgs) =>
        connection(
          items.collectionIds.filter((id) => ctx.shop.collections.has(id)),
          args,
          (id) => collectionView(id, ctx),
          (id) => id,
        ),
    };
  }
  const present = <T>(ids: number[], map: Map<number, T>) => ids.flatMap((id) => (map.has(id) ? [map.get(id)!] : []));
  return {
    __typename: "DiscountProducts",
    products: (args: ConnectionArgs) =>
      connection(
        present(items.productIds, ctx.shop.products),
        args,
        (p) => productView(p, ctx),
        (p) => p.id,
      ),
    productVariants: (args: ConnectionArgs) =>
      connection(
        present(items.variantIds, ctx.shop.variants),
        args,
        (v) => variantView(v, ctx),
        (v) => v.id,
      ),
  };
}

function bxgyView(rule: BuyXGetY, ctx: ViewContext) {
  const currency = ctx.shop.currency;
  return {
    usesPerOrderLimit: rule.usesPerOrderLimit,
    customerBuys: {
      __typename: "DiscountCustomerBuys",
      isOneTimePurchase: true,
      isSubscription: false,
      items: itemsView(rule.buysItems, ctx),
      value:
        "quantity" in rule.buys
          ? { __typename: "DiscountQuantity", quantity: String(rule.buys.quantity) }
          : { __typename: "DiscountPurchaseAmount", amount: toDecimal(rule.buys.amount, currency) },
    },
    customerGets: {
      __typename: "DiscountCustomerGets",
      appliesOnOneTimePurchase: true,
      appliesOnSubscription: false,
      items: itemsView(rule.getsItems, ctx),
      value: {
        __typename: "DiscountOnQuantity",
        quantity: { __typename: "DiscountQuantity", quantity: String(rule.getsQuantity) },
        effect:
          "percentage" in rule.effect
            ? { __typename: "DiscountPercentage", percentage: Number(rule.effect.percentage) }
            : { __typename: "DiscountAmount", amount: moneyV2(rule.effect.amount, currency), appliesOnEachItem: true },
      },
    },
  };
}

export function codeDiscountNodeView(discount: CodeDiscount, ctx: ViewContext) {
  const used = discount.codes.reduce((sum, c) => sum + c.usageCount, 0);
  const shared = discountShared(discount, ctx);
  const codes = (args: ConnectionArgs) =>
    connection(
      discount.codes,
      args,
      (c) => ({
        __typename: "DiscountRedeemCode",
        id: gid("DiscountRedeemCode", c.id),
        code: c.code,
        asyncUsageCount: c.usageCount,
      }),
      (c) => c.id,
    );
  const common = {
    ...shared,
    appliesOncePerCustomer: discount.appliesOncePerCustomer,
    asyncUsageCount: used,
    usageLimit: discount.usageLimit,
    codes,
    codesCount: { __typename: "Count", count: discount.codes.length, precision: "EXACT" },
    summary: discount.title,
    shortSummary: discount.title,
  };
  const codeDiscount = discount.bxgy
    ? { __typename: "DiscountCodeBxgy", ...common, ...bxgyView(discount.bxgy, ctx) }
    : discount.kind === "free_shipping"
      ? {
          __typename: "DiscountCodeFreeShipping",
          ...common,
          maximumShippingPrice:
            discount.maximumShippingPrice === null ? null : moneyV2(discount.maximumShippingPrice, ctx.shop.currency),
          destinationSelection: { __typename: "DiscountCountryAll", allCountries: true },
        }
      : { __typename: "DiscountCodeBasic", ...common, customerGets: customerGetsView(discount, ctx) };
  const id = gid("DiscountCodeNode", discount.id);
  return { __typename: "DiscountCodeNode", id, codeDiscount, ...metafieldFields(id, ctx) };
}

export function automaticDiscountNodeView(discount: AutomaticDiscount, ctx: ViewContext) {
  const shared = discountShared(discount, ctx);
  const automaticDiscount =
    discount.kind === "free_shipping"
      ? {
          __typename: "DiscountAutomaticFreeShipping",
          ...shared,
          summary: discount.title,
          shortSummary: discount.title,
          maximumShippingPrice:
            discount.maximumShippingPrice === null ? null : moneyV2(discount.maximumShippingPrice, ctx.shop.currency),
        }
      : {
          __typename: "DiscountAutomaticBasic",
          ...shared,
          summary: discount.title,
          shortSummary: discount.title,
          asyncUsageCount: 0,
          customerGets: customerGetsView(discount, ctx),
        };
  const id = gid("DiscountAutomaticNode", discount.id);
  return { __typename: "DiscountAutomaticNode", id, automaticDiscount, ...metafieldFields(id, ctx) };
}
