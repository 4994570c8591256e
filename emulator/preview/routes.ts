// The extensions preview under /_emulator/preview (docs/emulator.md): pages that run each built
// UI extension against the emulator, for a chosen customer and language, with Polaris's web
// components drawn by plain-HTML stand-ins, so a person can use them in an ordinary browser.
import type http from "node:http";
import { exponentOf, toMinor } from "../state/money.ts";
import type { Store } from "../state/store.ts";
import type { ShopRecord } from "../state/types.ts";
import { appMetafieldEntries } from "./app-metafields.ts";
import type { PreviewBundles } from "./bundles.ts";
import { checkCode } from "./check-code.ts";
import { extensionFor, localeFiles } from "./extensions.ts";
import { accountPage, checkoutPage, framePage, indexPage, LANGUAGES, type PageData } from "./pages.ts";

export interface PreviewContext {
  store: Store;
  bundles: PreviewBundles;
}

const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type",
};

type Reply = [status: number, type: string, body: string, headers?: Record<string, string>];
const html = (body: string): Reply => [200, "text/html; charset=utf-8", body];
const json = (status: number, body: unknown): Reply => [
  status,
  "application/json; charset=utf-8",
  JSON.stringify(body),
  CORS,
];
const script = (body: string): Reply => [200, "text/javascript; charset=utf-8", body, { "Cache-Control": "no-cache" }];
const notFound = (what: string): Reply => [404, "text/plain; charset=utf-8", what];

/** `?customer=` as a customer of the shop, or null (guest, signed out, unknown). */
function customerParam(shop: ShopRecord, value: string | null): number | null {
  const id = Number(value);
  return Number.isInteger(id) && shop.customers.has(id) ? id : null;
}

const localeParam = (value: string | null) => (value && value.split("-")[0]! in LANGUAGES ? value : "en");

function products(shop: ShopRecord): PageData["products"] {
  const scale = 10 ** exponentOf(shop.currency);
  return [...shop.products.values()]
    .filter((p) => p.status === "ACTIVE")
    .flatMap((p) =>
      p.variantIds.map((id) => {
        const variant = shop.variants.get(id)!;
        const title = variant.title && variant.title !== "Default Title" ? `${p.title} · ${variant.title}` : p.title;
        return { variantId: id, productId: p.id, title, price: variant.price / scale };
      }),
    );
}

/** `cart=variantId:quantity,…` against the shop's products; the first two products by default. */
function cartState(shop: ShopRecord, query: URLSearchParams): PageData["cart"] {
  const all = products(shop);
  const wanted = query.has("cart")
    ? (query.get("cart") ?? "").split(",").flatMap((part) => {
        const [variant, quantity] = part.split(":").map(Number);
        return variant && quantity && quantity > 0 ? [[variant, Math.floor(quantity)] as const] : [];
      })
    : all.slice(0, 2).map((p) => [p.variantId, 1] as const);
  const lines = wanted.flatMap(([variantId, quantity]) => {
    const product = all.find((p) => p.variantId === variantId);
    if (!product) return [];
    return [
      {
        id: `gid://shopify/CartLine/${variantId}`,
        variantId: `gid://shopify/ProductVariant/${variantId}`,
        productId: `gid://shopify/Product/${product.productId}`,
        title: product.title,
        quantity,
        amount: Math.round(product.price * quantity * 100) / 100,
      },
    ];
  });
  const codes = (query.get("codes") ?? "").split(",").filter(Boolean);
  return { lines, codes, canUpdateDiscountCodes: query.get("locked") !== "1" };
}

function pageData(shop: ShopRecord, kind: PageData["kind"], query: URLSearchParams): PageData {
  return {
    kind,
    shop: shop.domain,
    customerId: customerParam(shop, query.get("customer")),
    currency: shop.currency,
    locale: localeParam(query.get("locale")),
    products: kind === "checkout" ? products(shop) : [],
    cart: kind === "checkout" ? cartState(shop, query) : { lines: [], codes: [], canUpdateDiscountCodes: true },
  };
}

/** Where a page's frame for `target` loads from: the page's own choices, passed on. */
function frameSource(shop: ShopRecord, data: PageData) {
  return (name: string, target: string) => {
    const query = new URLSearchParams({ frame: name, target, locale: data.locale });
    if (data.customerId !== null) query.set("customer", String(data.customerId));
    if (data.kind === "checkout") {
      query.set("cart", data.cart.lines.map((l) => `${l.variantId.split("/").pop()}:${l.quantity}`).join(","));
      if (data.cart.codes.length) query.set("codes", data.cart.codes.join(","));
      if (!data.cart.canUpdateDiscountCodes) query.set("locked", "1");
    }
    return `/_emulator/preview/${encodeURIComponent(shop.domain)}/frame?${query}`;
  };
}

function framePageFor(ctx: PreviewContext, shop: ShopRecord, query: URLSearchParams): Reply {
  const target = query.get("target") ?? "";
  const extension = extensionFor(target);
  if (!extension) return notFound(`no extension renders ${target}`);
  const checkout = target.startsWith("purchase.checkout.");
  const data = pageData(shop, checkout ? "checkout" : "account", query);
  const base = {
    frame: query.get("frame") ?? "main",
    shop: shop.domain,
    locale: data.locale,
    customerId: data.customerId,
    locales: localeFiles(extension.dir),
    settings: {},
    target,
  };
  const config = checkout
    ? {
        ...base,
        surface: "checkout",
        currency: shop.currency,
        metafields: appMetafieldEntries(ctx.store.app, shop, data.customerId, extension.metafields),
        cart: data.cart,
      }
    : { ...base, surface: "account" };
  return html(framePage(data.locale, config, extension.handle));
}

/** POST check-code {code, customerId, lines}: checkout's verdict on a code for this cart. */
function checkCodeFor(ctx: PreviewContext, shop: ShopRecord, body: Record<string, unknown>): Reply {
  const lines = Array.isArray(body.lines) ? (body.lines as { amount?: unknown; quantity?: unknown }[]) : [];
  const digits = exponentOf(shop.currency);
  const refusal = checkCode(shop, {
    code: String(body.code ?? ""),
    customerId: customerParam(shop, body.customerId == null ? null : String(body.customerId)),
    subtotal: lines.reduce((sum, l) => sum + toMinor(Number(l.amount ?? 0).toFixed(digits), shop.currency), 0),
    quantity: lines.reduce((sum, l) => sum + Number(l.quantity ?? 0), 0),
    at: ctx.store.now(),
    inSegments: (ids) => ctx.store.inAnySegment(shop, customerParam(shop, String(body.customerId)), ids),
  });
  return json(200, { refusal });
}

async function route(ctx: PreviewContext, method: string, url: URL, body: () => Promise<string>): Promise<Reply> {
  const parts = url.pathname.split("/").slice(3).map(decodeURIComponent); // after /_emulator/preview
  if (method === "OPTIONS") return [204, "text/plain", "", CORS];
  if (parts.length === 0 || parts[0] === "") return html(indexPage([...ctx.store.shops.values()]));
  if (parts[0] === "assets") {
    if (parts[1] === "runtime.js" || parts[1] === "page.js")
      return script(await ctx.bundles.script(parts[1] === "runtime.js" ? "runtime" : "page"));
    if (parts[1] === "extensions" && parts[2]?.endsWith(".js")) {
      const code = await ctx.bundles.extension(parts[2].slice(0, -3));
      return code === undefined ? notFound(`no extension ${parts[2]}`) : script(code);
    }
    return notFound("no such asset");
  }
  const shop = ctx.store.shops.get(parts[0]!) ?? ctx.store.shops.get(`${parts[0]}.myshopify.com`);
  if (!shop) return notFound(`no shop ${parts[0]}`);
  const page = parts[1] ?? "";
  if (method === "GET" && page === "")
    return [302, "text/plain", "", { Location: `${url.pathname.replace(/\/$/, "")}/checkout` }];
  if (method === "GET" && page === "checkout") {
    const data = pageData(shop, "checkout", url.searchParams);
    return html(checkoutPage(shop, data, frameSource(shop, data)));
  }
  if (method === "GET" && page === "account") {
    const data = pageData(shop, "account", url.searchParams);
    return html(accountPage(shop, data, frameSource(shop, data)));
  }
  if (method === "GET" && page === "frame") return framePageFor(ctx, shop, url.searchParams);
  if (method === "GET" && page === "metafields") {
    const extension = extensionFor(url.searchParams.get("target") ?? "");
    if (!extension) return notFound("no such target");
    const customerId = customerParam(shop, url.searchParams.get("customer"));
    return json(200, appMetafieldEntries(ctx.store.app, shop, customerId, extension.metafields));
  }
  if (method === "POST" && page === "check-code") {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse((await body()) || "{}") as Record<string, unknown>;
    } catch {
      return json(400, { error: "body must be JSON" });
    }
    return checkCodeFor(ctx, shop, parsed);
  }
  return notFound(`no preview route ${method} ${url.pathname}`);
}

/** Answers a request under /_emulator/preview. */
export async function servePreview(
  ctx: PreviewContext,
  request: http.IncomingMessage,
  response: http.ServerResponse,
  url: URL,
  readBody: () => Promise<string>,
) {
  const [status, type, body, headers] = await route(ctx, request.method ?? "GET", url, readBody);
  response.writeHead(status, { "Content-Type": type, ...headers });
  response.end(body);
}
