// The emulator's in-memory model of a development store. Money is integer minor units in the
// shop's currency unless a field says presentment; GraphQL and webhook shapes are derived from
// these records (graphql/views.ts, webhooks/payloads.ts).

export interface AppConfig {
  apiKey: string;
  apiSecret: string;
  /** Numeric app id: the `$app` metafield namespace resolves to `app--<appId>`. */
  appId: number;
  handle: string;
  scopes: string[];
  /** Where the app is served; relative webhook URIs resolve against it. */
  appUrl: string;
  webhookApiVersion: string;
  subscriptions: WebhookSubscription[];
}

export interface WebhookSubscription {
  topics: string[];
  uri: string;
  compliance?: boolean;
}

export interface Installation {
  app: AppConfig;
  accessToken: string;
  scopes: string[];
  installedAt: Date;
}

export interface Customer {
  id: number;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  phone: string | null;
  tags: string[];
  note: string | null;
  locale: string;
  acceptsMarketing: boolean;
  marketingUpdatedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface Product {
  id: number;
  title: string;
  handle: string;
  vendor: string;
  productType: string;
  tags: string[];
  status: "ACTIVE" | "ARCHIVED" | "DRAFT";
  variantIds: number[];
  createdAt: Date;
  updatedAt: Date;
}

export interface Variant {
  id: number;
  productId: number;
  title: string;
  sku: string | null;
  price: number;
  requiresShipping: boolean;
  taxable: boolean;
  giftCard: boolean;
}

export interface Collection {
  id: number;
  title: string;
  handle: string;
  productIds: number[];
}

export interface DiscountAllocationRecord {
  /** Index into the order's discount applications. */
  applicationIndex: number;
  amount: number;
}

export interface LineItemRecord {
  id: number;
  variantId: number | null;
  productId: number | null;
  title: string;
  variantTitle: string | null;
  sku: string | null;
  quantity: number;
  /** Unit price before discounts, shop currency. */
  price: number;
  /** Unit price before discounts, presentment currency. */
  presentmentPrice: number;
  /** Total tax for the line, shop currency. */
  tax: number;
  taxable: boolean;
  requiresShipping: boolean;
  giftCard: boolean;
  discountAllocations: DiscountAllocationRecord[];
}

export interface ShippingLineRecord {
  id: number;
  title: string;
  code: string;
  price: number;
  presentmentPrice: number;
  discountAllocations: DiscountAllocationRecord[];
}

export interface DiscountApplicationRecord {
  type: "discount_code" | "manual" | "automatic";
  code: string | null;
  title: string;
  valueType: "fixed_amount" | "percentage";
  /** Fixed amount in minor units, or percentage as a decimal string ("10.0"). */
  value: string;
  targetType: "line_item" | "shipping_line";
  allocationMethod: "across" | "each";
  targetSelection: "all" | "entitled" | "explicit";
}

export interface RefundLineRecord {
  id: number;
  lineItemId: number;
  quantity: number;
  /** Merchandise refunded for this line after its discounts, shop currency. */
  subtotal: number;
  totalTax: number;
  restockType: "no_restock" | "cancel" | "return";
}

export interface RefundRecord {
  id: number;
  orderId: number;
  createdAt: Date;
  note: string | null;
  lines: RefundLineRecord[];
  shipping: number;
  /** What was paid back: lines + their tax + shipping. */
  amount: number;
}

export type FinancialStatus = "pending" | "paid" | "partially_refunded" | "refunded" | "voided";

export interface OrderRecord {
  id: number;
  number: number;
  name: string;
  customerId: number | null;
  email: string | null;
  currency: string;
  presentmentCurrency: string;
  /** Presentment units per shop unit, as an exact decimal string. */
  exchangeRate: string;
  lineItems: LineItemRecord[];
  shippingLines: ShippingLineRecord[];
  discountApplications: DiscountApplicationRecord[];
  /** Emulator discounts (by id) this order used, so their usage counts can be kept. */
  usedDiscountIds: number[];
  taxesIncluded: boolean;
  financialStatus: FinancialStatus;
  cancelledAt: Date | null;
  cancelReason: "customer" | "fraud" | "inventory" | "declined" | "staff" | "other" | null;
  refunds: RefundRecord[];
  tags: string[];
  note: string | null;
  test: boolean;
  sourceName: string;
  createdAt: Date;
  processedAt: Date;
  updatedAt: Date;
}

export type CodeDiscountKind = "basic" | "free_shipping" | "bxgy";

export interface CodeDiscount {
  id: number;
  kind: CodeDiscountKind;
  title: string;
  codes: { id: number; code: string; usageCount: number }[];
  startsAt: Date;
  endsAt: Date | null;
  /** Customer GIDs allowed to use it (`context.customers`); null = all buyers. */
  customerIds: number[] | null;
  /** Segment ids allowed to use it; null = no segment restriction. */
  segmentIds: number[] | null;
  usageLimit: number | null;
  appliesOncePerCustomer: boolean;
  /** basic: a fixed amount (minor units) or a percentage ("0.1" = 10 %). */
  value: { kind: "amount"; amount: number; appliesOnEachItem: boolean } | { kind: "percentage"; percentage: string };
  /** Items the value applies to: all, or given products/variants/collections. */
  items: { all: true } | { productIds: number[]; variantIds: number[]; collectionIds: number[] };
  /** Minimum subtotal (minor units) or quantity, if any. */
  minimumRequirement: { subtotal: number } | { quantity: number } | null;
  /** free_shipping: the most expensive shipping rate it covers (minor units), if capped. */
  maximumShippingPrice: number | null;
  combinesWith: { orderDiscounts: boolean; productDiscounts: boolean; shippingDiscounts: boolean };
  /** bxgy: what the customer must buy, and what they then get at a discount. */
  bxgy: BuyXGetY | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface BuyXGetY {
  buysItems: CodeDiscount["items"];
  buys: { quantity: number } | { amount: number };
  getsItems: CodeDiscount["items"];
  getsQuantity: number;
  /** A percentage ("1" = free) or a fixed amount off each unit (minor units). */
  effect: { percentage: string } | { amount: number };
  usesPerOrderLimit: number | null;
}

export interface AutomaticDiscount {
  id: number;
  kind: "basic" | "free_shipping";
  title: string;
  startsAt: Date;
  endsAt: Date | null;
  segmentIds: number[] | null;
  value: CodeDiscount["value"];
  items: CodeDiscount["items"];
  minimumRequirement: CodeDiscount["minimumRequirement"];
  maximumShippingPrice: number | null;
  combinesWith: CodeDiscount["combinesWith"];
  createdAt: Date;
  updatedAt: Date;
}

export interface Segment {
  id: number;
  name: string;
  query: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface Metafield {
  id: number;
  ownerGid: string;
  namespace: string;
  key: string;
  type: string;
  value: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface MetafieldDefinition {
  id: number;
  ownerType: string;
  namespace: string;
  key: string;
  name: string;
  type: string;
  description: string | null;
  access: Record<string, string>;
}

export interface ShopRecord {
  domain: string;
  name: string;
  email: string;
  currency: string;
  plan: { displayName: string; partnerDevelopment: boolean; shopifyPlus: boolean };
  ianaTimezone: string;
  /** The primary language of the store's admin and storefront (`shopLocales`); "en" when unset. */
  primaryLocale?: string;
  createdAt: Date;
  installations: Map<string, Installation>;
  customers: Map<number, Customer>;
  products: Map<number, Product>;
  variants: Map<number, Variant>;
  collections: Map<number, Collection>;
  orders: Map<number, OrderRecord>;
  codeDiscounts: Map<number, CodeDiscount>;
  automaticDiscounts: Map<number, AutomaticDiscount>;
  segments: Map<number, Segment>;
  metafields: Map<string, Metafield>;
  metafieldDefinitions: Map<number, MetafieldDefinition>;
  nextId: number;
  nextOrderNumber: number;
}

/** What changed in a shop, for webhooks (topic names as in Shopify's TOML). */
export type ShopEvent =
  | { topic: "customers/create" | "customers/update"; customer: Customer }
  | { topic: "products/create" | "products/update"; product: Product }
  /** The product as it was; Shopify's body names only its id. */
  | { topic: "products/delete"; product: Product }
  | { topic: "orders/create" | "orders/paid" | "orders/cancelled" | "orders/updated"; order: OrderRecord }
  | { topic: "refunds/create"; order: OrderRecord; refund: RefundRecord }
  | { topic: "app/uninstalled"; app: AppConfig }
  | { topic: "customers/data_request"; customer: Customer; orderIds: number[]; requestId: number }
  | { topic: "customers/redact"; customer: Customer; orderIds: number[] }
  | { topic: "shop/redact" };
