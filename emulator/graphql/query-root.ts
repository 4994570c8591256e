// QueryRoot: the queries the emulator answers from its state.
import { gid, parseGid } from "../state/ids.ts";
import type { ShopRecord } from "../state/types.ts";
import { connection, type ConnectionArgs } from "./connection.ts";
import { matchesSearch } from "./search.ts";
import {
  automaticDiscountNodeView,
  codeDiscountNodeView,
  collectionView,
  customerView,
  metafieldDefinitionView,
  orderView,
  ownerView,
  productView,
  segmentView,
  shopView,
  variantView,
  type ViewContext,
} from "./views.ts";

type Search = ConnectionArgs & { query?: string | null };

const byId = <T>(map: Map<number, T>, id: string, type: string) => {
  const parsed = parseGid(id, type);
  return parsed ? map.get(parsed.id) : undefined;
};

const count = (n: number) => ({ __typename: "Count", count: n, precision: "EXACT" });

export function queryRoot(ctx: ViewContext) {
  const { shop } = ctx;
  const customerSearch = (query?: string | null) =>
    [...shop.customers.values()].filter((c) =>
      matchesSearch(query, {
        id: c.id,
        email: c.email,
        tag: c.tags,
        first_name: c.firstName,
        last_name: c.lastName,
        updated_at: c.updatedAt,
        created_at: c.createdAt,
        default: [c.email, c.firstName, c.lastName].filter(Boolean).join(" "),
      }),
    );
  const orderSearch = (query?: string | null) =>
    [...shop.orders.values()].filter((o) =>
      matchesSearch(query, {
        id: o.id,
        name: o.name,
        email: o.email,
        tag: o.tags,
        customer_id: o.customerId,
        financial_status: o.financialStatus,
        created_at: o.createdAt,
        updated_at: o.updatedAt,
        default: `${o.name} ${o.email ?? ""}`,
      }),
    );
  return {
    shop: () => shopView(ctx),
    // One language, the primary and published one (a store without translations), so
    // `published: true` (only published ones) and the default (all) answer alike.
    shopLocales: () => {
      const locale = shop.primaryLocale ?? "en";
      const name = new Intl.DisplayNames(["en"], { type: "language" }).of(locale) ?? locale;
      return [{ __typename: "ShopLocale", locale, name, primary: true, published: true, marketWebPresences: [] }];
    },
    currentAppInstallation: () => installationView(shop, ctx),
    customer: ({ id }: { id: string }) => {
      const found = byId(shop.customers, id, "Customer");
      return found ? customerView(found, ctx) : null;
    },
    customers: (args: Search) =>
      connection(
        customerSearch(args.query),
        args,
        (c) => customerView(c, ctx),
        (c) => c.id,
      ),
    customersCount: (args: { query?: string | null }) => count(customerSearch(args.query).length),
    order: ({ id }: { id: string }) => {
      const found = byId(shop.orders, id, "Order");
      return found ? orderView(found, ctx) : null;
    },
    orders: (args: Search) =>
      connection(
        orderSearch(args.query),
        args,
        (o) => orderView(o, ctx),
        (o) => o.id,
      ),
    ordersCount: (args: { query?: string | null }) => count(orderSearch(args.query).length),
    product: ({ id }: { id: string }) => {
      const found = byId(shop.products, id, "Product");
      return found ? productView(found, ctx) : null;
    },
    products: (args: Search) =>
      connection(
        [...shop.products.values()].filter((p) =>
          matchesSearch(args.query, { id: p.id, title: p.title, tag: p.tags, vendor: p.vendor, default: p.title }),
        ),
        args,
        (p) => productView(p, ctx),
        (p) => p.id,
      ),
    productVariant: ({ id }: { id: string }) => {
      const found = byId(shop.variants, id, "ProductVariant");
      return found ? variantView(found, ctx) : null;
    },
    collection: ({ id }: { id: string }) => {
      const found = byId(shop.collections, id, "Collection");
      return found ? collectionView(found.id, ctx) : null;
    },
    collections: (args: Search) =>
      connection(
        [...shop.collections.values()].filter((c) =>
          matchesSearch(args.query, { id: c.id, title: c.title, default: c.title }),
        ),
        args,
        (c) => collectionView(c.id, ctx),
        (c) => c.id,
      ),
    segment: ({ id }: { id: string }) => {
      const found = byId(shop.segments, id, "Segment");
      return found ? segmentView(found) : null;
    },
    segments: (args: Search) =>
      connection(
        [...shop.segments.values()].filter((s) =>
          matchesSearch(args.query, { id: s.id, name: s.name, default: s.name }),
        ),
        args,
        segmentView,
        (s) => s.id,
      ),
    codeDiscountNode: ({ id }: { id: string }) => {
      const found = byId(shop.codeDiscounts, id, "DiscountCodeNode");
      return found ? codeDiscountNodeView(found, ctx) : null;
    },
    codeDiscountNodeByCode: ({ code }: { code: string }) => {
      const found = [...shop.codeDiscounts.values()].find((d) =>
        d.codes.some((c) => c.code.toLowerCase() === code.toLowerCase()),
      );
      return found ? codeDiscountNodeView(found, ctx) : null;
    },
    automaticDiscountNode: ({ id }: { id: string }) => {
      const found = byId(shop.automaticDiscounts, id, "DiscountAutomaticNode");
      return found ? automaticDiscountNodeView(found, ctx) : null;
    },
    metafieldDefinitions: (
      args: ConnectionArgs & { ownerType: string; namespace?: string | null; key?: string | null },
    ) =>
      connection(
        [...shop.metafieldDefinitions.values()].filter(
          (d) =>
            d.ownerType === args.ownerType &&
            (args.namespace == null || d.namespace === resolveDefinitionNamespace(args.namespace, ctx)) &&
            (args.key == null || d.key === args.key),
        ),
        args,
        metafieldDefinitionView,
        (d) => d.id,
      ),
    node: ({ id }: { id: string }) => ownerView(id, ctx),
    nodes: ({ ids }: { ids: string[] }) => ids.map((id) => ownerView(id, ctx)),
  };
}

function resolveDefinitionNamespace(namespace: string, ctx: ViewContext) {
  const app = `app--${ctx.store.app.appId}`;
  if (namespace === "$app") return app;
  return namespace.startsWith("$app:") ? `${app}--${namespace.slice(5)}` : namespace;
}

function installationView(shop: ShopRecord, ctx: ViewContext) {
  const installation = ctx.store.installation(shop);
  if (!installation) return null;
  const app = {
    __typename: "App",
    id: gid("App", ctx.store.app.appId),
    apiKey: ctx.store.app.apiKey,
    handle: ctx.store.app.handle,
    title: "Laurel",
  };
  return {
    __typename: "AppInstallation",
    id: gid("AppInstallation", ctx.store.app.appId),
    app,
    accessScopes: installation.scopes.map((handle) => ({ __typename: "AccessScope", handle })),
    launchUrl: `https://admin.shopify.com/store/${shop.domain.replace(".myshopify.com", "")}/apps/${ctx.store.app.handle}`,
  };
}
