// The control API (`/_emulator/...`): what a test, the demo or a person scripting a scenario
// uses to make things happen in a shop. Documented in docs/emulator.md.
import { mintSessionToken, type TokenKind } from "../auth/tokens.ts";
import { gid, parseGid } from "../state/ids.ts";
import { toDecimal } from "../state/money.ts";
import { orderTotals } from "../state/orders.ts";
import { InputError, NotFoundError, type OrderInput, type Store } from "../state/store.ts";
import type { CodeDiscount, ShopRecord } from "../state/types.ts";
import type { AdminFaults } from "../graphql/faults.ts";
import { shopNumericId } from "../graphql/views.ts";
import { NO_FAULTS, type Faults, type WebhookDeliverer } from "../webhooks/deliverer.ts";

export class HttpError extends Error {
  readonly status: number;
  readonly field?: string;
  constructor(status: number, message: string, field?: string) {
    super(message);
    this.status = status;
    this.field = field;
  }
}

export interface ControlContext {
  store: Store;
  webhooks: WebhookDeliverer;
  /** Opens the app in the shop's admin once, as a merchant does after installing. */
  openApp: (shop: ShopRecord) => Promise<boolean>;
  /** Faults the Admin GraphQL API answers with (emulator/graphql/faults.ts). */
  adminFaults: AdminFaults;
}

type Json = Record<string, unknown>;
type Handler = (
  ctx: ControlContext,
  params: Record<string, string>,
  body: Json,
) => Promise<[number, unknown]> | [number, unknown];

/** A customer, order or variant id given as a number, a numeric string or a GID. */
function numericId(value: unknown, type: string, field: string): number {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^\d+$/.test(value)) return Number(value);
  const parsed = typeof value === "string" ? parseGid(value, type) : undefined;
  if (!parsed) throw new HttpError(422, `${field}: expected a ${type} id or GID`, field);
  return parsed.id;
}

const ref = (type: string, id: number) => ({ id, gid: gid(type, id) });

function shopSummary(shop: ShopRecord) {
  return {
    domain: shop.domain,
    name: shop.name,
    currency: shop.currency,
    email: shop.email,
    locale: shop.primaryLocale ?? "en",
  };
}

function appCredentials(store: Store, shop: ShopRecord) {
  const installation = store.installation(shop);
  if (!installation) throw new HttpError(409, `the app is not installed on ${shop.domain}`);
  return { apiKey: store.app.apiKey, accessToken: installation.accessToken, scopes: installation.scopes };
}

/** A discount's value as the state report shows it: a decimal amount or a percentage. */
const valueOf = (value: CodeDiscount["value"], currency: string) =>
  value.kind === "amount" ? { amount: toDecimal(value.amount, currency) } : { percentage: value.percentage };

function state(store: Store, shop: ShopRecord) {
  const metafieldsOf = (ownerGid: string) =>
    [...shop.metafields.values()]
      .filter((m) => m.ownerGid === ownerGid)
      .map(({ namespace, key, type, value }) => ({ namespace, key, type, value }));
  return {
    shop: { ...shopSummary(shop), metafields: metafieldsOf(gid("Shop", shopNumericId(shop))) },
    customers: [...shop.customers.values()].map((c) => ({
      ...ref("Customer", c.id),
      email: c.email,
      firstName: c.firstName,
      lastName: c.lastName,
      tags: c.tags,
      acceptsMarketing: c.acceptsMarketing,
      metafields: metafieldsOf(gid("Customer", c.id)),
    })),
    discounts: [
      ...[...shop.codeDiscounts.values()].map((d) => ({
        ...ref("DiscountCodeNode", d.id),
        type: `code_${d.kind}`,
        title: d.title,
        codes: d.codes.map((c) => ({ code: c.code, usageCount: c.usageCount })),
        customerIds: d.customerIds,
        segmentIds: d.segmentIds,
        usageLimit: d.usageLimit,
        appliesOncePerCustomer: d.appliesOncePerCustomer,
        value: valueOf(d.value, shop.currency),
        startsAt: d.startsAt.toISOString(),
        endsAt: d.endsAt?.toISOString() ?? null,
      })),
      ...[...shop.automaticDiscounts.values()].map((d) => ({
        ...ref("DiscountAutomaticNode", d.id),
        type: `automatic_${d.kind}`,
        title: d.title,
        segmentIds: d.segmentIds,
        value: valueOf(d.value, shop.currency),
        minimumSubtotal:
          d.minimumRequirement && "subtotal" in d.minimumRequirement
            ? toDecimal(d.minimumRequirement.subtotal, shop.currency)
            : null,
        combinesWith: d.combinesWith,
        startsAt: d.startsAt.toISOString(),
        endsAt: d.endsAt?.toISOString() ?? null,
      })),
    ],
    products: [...shop.products.values()].map((p) => productResult(store, shop, p)),
    segments: [...shop.segments.values()].map((s) => ({ ...ref("Segment", s.id), name: s.name, query: s.query })),
    metafieldDefinitions: [...shop.metafieldDefinitions.values()].map((d) => ({
      ownerType: d.ownerType,
      namespace: d.namespace,
      key: d.key,
      type: d.type,
    })),
    orders: [...shop.orders.values()].map((o) => ({
      ...ref("Order", o.id),
      name: o.name,
      customerId: o.customerId,
      financialStatus: o.financialStatus,
      cancelledAt: o.cancelledAt?.toISOString() ?? null,
      discountCodes: o.discountApplications.flatMap((a) => (a.code ? [a.code] : [])),
      automaticDiscounts: o.discountApplications.flatMap((a) => (a.type === "automatic" ? [a.title] : [])),
      totalDiscounts: toDecimal(orderTotals(o).discounts, shop.currency),
      refunds: o.refunds.map((r) => ref("Refund", r.id)),
    })),
  };
}

function productResult(store: Store, shop: ShopRecord, product: ReturnType<Store["product"]>) {
  return {
    ...ref("Product", product.id),
    title: product.title,
    tags: product.tags,
    collections: store.collectionsOf(shop, product.id).map((id) => ({
      ...ref("Collection", id),
      title: shop.collections.get(id)!.title,
    })),
  };
}

function orderResult(shop: ShopRecord, order: ReturnType<Store["createOrder"]>) {
  return {
    ...ref("Order", order.id),
    name: order.name,
    financialStatus: order.financialStatus,
    lineItems: order.lineItems.map((l) => ({ ...ref("LineItem", l.id), title: l.title, quantity: l.quantity })),
    currency: shop.currency,
  };
}

const routes: [string, RegExp, Handler][] = [
  ["GET", /^\/_emulator\/health$/, () => [200, { ok: true }]],
  ["GET", /^\/_emulator\/shops$/, (ctx) => [200, [...ctx.store.shops.values()].map(shopSummary)]],
  [
    "POST",
    /^\/_emulator\/shops$/,
    async (ctx, _p, body) => {
      if (typeof body.name !== "string") throw new HttpError(422, "name: required", "name");
      const shop = ctx.store.createShop({
        name: body.name,
        handle: typeof body.handle === "string" ? body.handle : undefined,
        currency: typeof body.currency === "string" ? body.currency : undefined,
        email: typeof body.email === "string" ? body.email : undefined,
        locale: typeof body.locale === "string" ? body.locale : undefined,
      });
      const appOpened = body.openApp === false ? false : await ctx.openApp(shop);
      return [201, { shop: shopSummary(shop), app: appCredentials(ctx.store, shop), appOpened }];
    },
  ],
  [
    "GET",
    /^\/_emulator\/shops\/(?<shop>[^/]+)\/app$/,
    (ctx, p) => [200, appCredentials(ctx.store, ctx.store.shop(p.shop!))],
  ],
  [
    "POST",
    /^\/_emulator\/shops\/(?<shop>[^/]+)\/open$/,
    async (ctx, p) => [200, { appOpened: await ctx.openApp(ctx.store.shop(p.shop!)) }],
  ],
  ["GET", /^\/_emulator\/shops\/(?<shop>[^/]+)\/state$/, (ctx, p) => [200, state(ctx.store, ctx.store.shop(p.shop!))]],
  [
    "POST",
    /^\/_emulator\/shops\/(?<shop>[^/]+)\/uninstall$/,
    (ctx, p) => {
      ctx.store.uninstall(ctx.store.shop(p.shop!));
      return [200, { uninstalled: true }];
    },
  ],
  [
    "POST",
    /^\/_emulator\/shops\/(?<shop>[^/]+)\/customers$/,
    (ctx, p, body) => {
      const shop = ctx.store.shop(p.shop!);
      const customer = ctx.store.createCustomer(shop, {
        email: body.email as string | undefined,
        firstName: body.firstName as string | undefined,
        lastName: body.lastName as string | undefined,
        phone: body.phone as string | undefined,
        tags: body.tags as string[] | undefined,
        acceptsMarketing: body.acceptsMarketing as boolean | undefined,
        locale: body.locale as string | undefined,
        createdAt: body.createdAt as string | undefined,
      });
      return [201, ref("Customer", customer.id)];
    },
  ],
  [
    "PATCH",
    /^\/_emulator\/shops\/(?<shop>[^/]+)\/customers\/(?<id>[^/]+)$/,
    (ctx, p, body) => {
      const shop = ctx.store.shop(p.shop!);
      const { email, firstName, lastName, phone, note, locale, acceptsMarketing, tags } = body as Record<string, never>;
      const customer = ctx.store.updateCustomer(shop, numericId(p.id, "Customer", "id"), {
        ...(email !== undefined ? { email } : {}),
        ...(firstName !== undefined ? { firstName } : {}),
        ...(lastName !== undefined ? { lastName } : {}),
        ...(phone !== undefined ? { phone } : {}),
        ...(note !== undefined ? { note } : {}),
        ...(locale !== undefined ? { locale } : {}),
        ...(acceptsMarketing !== undefined ? { acceptsMarketing } : {}),
        ...(tags !== undefined ? { tags } : {}),
      });
      return [200, ref("Customer", customer.id)];
    },
  ],
  [
    "POST",
    /^\/_emulator\/shops\/(?<shop>[^/]+)\/customers\/(?<id>[^/]+)\/(?<request>data_request|redact)$/,
    (ctx, p) => {
      const shop = ctx.store.shop(p.shop!);
      const id = numericId(p.id, "Customer", "id");
      if (p.request === "data_request") ctx.store.requestCustomerData(shop, id);
      else ctx.store.redactCustomer(shop, id);
      return [202, { requested: p.request }];
    },
  ],
  [
    "POST",
    /^\/_emulator\/shops\/(?<shop>[^/]+)\/redact$/,
    (ctx, p) => {
      ctx.store.redactShop(ctx.store.shop(p.shop!));
      return [202, { requested: "shop/redact" }];
    },
  ],
  [
    "POST",
    /^\/_emulator\/shops\/(?<shop>[^/]+)\/products$/,
    (ctx, p, body) => {
      const shop = ctx.store.shop(p.shop!);
      const product = ctx.store.createProduct(shop, body as Parameters<Store["createProduct"]>[1]);
      const variants = product.variantIds.map((id) => ({
        ...ref("ProductVariant", id),
        price: toDecimal(shop.variants.get(id)!.price, shop.currency),
      }));
      return [201, { ...ref("Product", product.id), variants }];
    },
  ],
  [
    "PATCH",
    /^\/_emulator\/shops\/(?<shop>[^/]+)\/products\/(?<id>[^/]+)$/,
    (ctx, p, body) => {
      const shop = ctx.store.shop(p.shop!);
      const { title, tags, collections } = body;
      if (title !== undefined && typeof title !== "string") throw new HttpError(422, "title: a string", "title");
      if (tags !== undefined && !(Array.isArray(tags) && tags.every((t) => typeof t === "string"))) {
        throw new HttpError(422, "tags: a list of strings", "tags");
      }
      const product = ctx.store.updateProduct(shop, numericId(p.id, "Product", "id"), {
        ...(title !== undefined ? { title } : {}),
        ...(tags !== undefined ? { tags: tags as string[] } : {}),
        ...(collections !== undefined ? { collections: collections as string[] } : {}),
      });
      return [200, productResult(ctx.store, shop, product)];
    },
  ],
  [
    "DELETE",
    /^\/_emulator\/shops\/(?<shop>[^/]+)\/products\/(?<id>[^/]+)$/,
    (ctx, p) => {
      const shop = ctx.store.shop(p.shop!);
      const product = ctx.store.deleteProduct(shop, numericId(p.id, "Product", "id"));
      return [200, { ...ref("Product", product.id), deleted: true }];
    },
  ],
  [
    "POST",
    /^\/_emulator\/shops\/(?<shop>[^/]+)\/orders$/,
    (ctx, p, body) => {
      const shop = ctx.store.shop(p.shop!);
      const input = body as unknown as OrderInput & { customerId?: unknown; lineItems?: { variantId?: unknown }[] };
      const order = ctx.store.createOrder(shop, {
        ...input,
        customerId: input.customerId == null ? null : numericId(input.customerId, "Customer", "customerId"),
        lineItems: (Array.isArray(input.lineItems) ? input.lineItems : []).map((line, i) => ({
          ...line,
          variantId:
            line.variantId == null
              ? undefined
              : numericId(line.variantId, "ProductVariant", `lineItems[${i}].variantId`),
        })) as OrderInput["lineItems"],
      });
      return [201, orderResult(shop, order)];
    },
  ],
  [
    "POST",
    /^\/_emulator\/shops\/(?<shop>[^/]+)\/orders\/(?<id>[^/]+)\/pay$/,
    (ctx, p) => {
      const shop = ctx.store.shop(p.shop!);
      return [200, orderResult(shop, ctx.store.pay(shop, numericId(p.id, "Order", "id")))];
    },
  ],
  [
    "POST",
    /^\/_emulator\/shops\/(?<shop>[^/]+)\/orders\/(?<id>[^/]+)\/refunds$/,
    (ctx, p, body) => {
      const shop = ctx.store.shop(p.shop!);
      const lines = (Array.isArray(body.lineItems) ? body.lineItems : []) as {
        lineItemId: unknown;
        quantity: number;
      }[];
      const refund = ctx.store.refund(shop, numericId(p.id, "Order", "id"), {
        lineItems: lines.map((l, i) => ({
          lineItemId: numericId(l.lineItemId, "LineItem", `lineItems[${i}].lineItemId`),
          quantity: l.quantity,
        })),
        shipping: body.shipping === true ? { fullRefund: true } : (body.shipping as string | undefined),
        note: body.note as string | undefined,
      });
      return [201, { ...ref("Refund", refund.id), amount: toDecimal(refund.amount, shop.currency) }];
    },
  ],
  [
    "POST",
    /^\/_emulator\/shops\/(?<shop>[^/]+)\/orders\/(?<id>[^/]+)\/cancel$/,
    (ctx, p, body) => {
      const shop = ctx.store.shop(p.shop!);
      const order = ctx.store.cancel(shop, numericId(p.id, "Order", "id"), {
        reason: body.reason as never,
        refund: body.refund as boolean | undefined,
      });
      return [200, orderResult(shop, order)];
    },
  ],
  [
    "POST",
    /^\/_emulator\/shops\/(?<shop>[^/]+)\/tokens$/,
    (ctx, p, body) => {
      const shop = ctx.store.shop(p.shop!);
      const kind = body.kind as TokenKind;
      if (!["admin", "checkout", "customer-account"].includes(kind)) {
        throw new HttpError(422, "kind: one of admin, checkout, customer-account", "kind");
      }
      const customerId = body.customerId == null ? undefined : numericId(body.customerId, "Customer", "customerId");
      if (customerId !== undefined) ctx.store.customer(shop, customerId);
      const expiresIn = typeof body.expiresIn === "number" ? body.expiresIn : undefined;
      return [201, { token: mintSessionToken(ctx.store.app, shop, kind, { customerId, expiresIn }) }];
    },
  ],
  ["GET", /^\/_emulator\/deliveries$/, (ctx) => [200, ctx.webhooks.deliveries]],
  [
    "PUT",
    /^\/_emulator\/faults$/,
    (ctx, _p, body) => {
      const faults: Faults = { ...NO_FAULTS };
      for (const key of ["duplicate", "reorder", "failFirst"] as const) {
        if (body[key] !== undefined && typeof body[key] !== "boolean")
          throw new HttpError(422, `${key}: a boolean`, key);
        faults[key] = Boolean(body[key]);
      }
      if (body.delayMs !== undefined && !(Number.isInteger(body.delayMs) && (body.delayMs as number) >= 0)) {
        throw new HttpError(422, "delayMs: a non-negative integer", "delayMs");
      }
      faults.delayMs = (body.delayMs as number | undefined) ?? 0;
      ctx.webhooks.faults = faults;
      return [200, faults];
    },
  ],
  ["GET", /^\/_emulator\/admin-faults$/, (ctx) => [200, { faults: ctx.adminFaults.list() }]],
  [
    "PUT",
    /^\/_emulator\/admin-faults$/,
    (ctx, _p, body) => [200, { faults: ctx.adminFaults.replace(body, (shop) => ctx.store.shop(shop).domain) }],
  ],
];

/** A GID in the path comes percent-encoded (its slashes would end the segment). */
function pathParams(groups: Record<string, string> | undefined): Record<string, string> {
  const decode = (value: string) => {
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  };
  return Object.fromEntries(Object.entries(groups ?? {}).map(([key, value]) => [key, decode(value)]));
}

export async function control(
  ctx: ControlContext,
  method: string,
  path: string,
  body: Json,
): Promise<[number, unknown]> {
  for (const [verb, pattern, handler] of routes) {
    const match = pattern.exec(path);
    if (!match) continue;
    if (verb !== method) continue;
    try {
      return await handler(ctx, pathParams(match.groups), body);
    } catch (error) {
      if (error instanceof HttpError)
        return [error.status, { error: error.message, ...(error.field ? { field: error.field } : {}) }];
      if (error instanceof InputError) return [422, { error: error.message, field: error.field }];
      if (error instanceof NotFoundError) return [404, { error: error.message }];
      if (error instanceof Error && "status" in error && typeof error.status === "number") {
        return [error.status, { error: error.message }];
      }
      throw error;
    }
  }
  return [404, { error: `no control route ${method} ${path}` }];
}
