// The preview's HTML: the checkout and customer-account pages (controls, frames, order summary)
// and the page inside each frame, which loads the runtime and the extension's bundle.
import type { ShopRecord } from "../state/types.ts";

/** What the page script (extensions/host/preview/page.ts) reads; see PageConfig there. */
export interface PageData {
  kind: "checkout" | "account";
  shop: string;
  customerId: number | null;
  currency: string;
  locale: string;
  products: { variantId: number; productId: number; title: string; price: number }[];
  cart: {
    lines: { id: string; variantId: string; productId: string; title: string; quantity: number; amount: number }[];
    codes: string[];
    canUpdateDiscountCodes: boolean;
  };
}

export const LANGUAGES: Record<string, string> = { en: "English", ru: "Русский" };

export const esc = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** JSON inside a <script> element: nothing in it may close the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

const PAGE_CSS = `
  * { box-sizing: border-box; } body { margin: 0; font: 14px/1.45 system-ui, sans-serif; color: #101828; background: #f5f5f6; }
  .bar { display: flex; gap: 16px; align-items: center; padding: 10px 20px; background: #101828; color: #fff; }
  .bar a { color: #cbd5e1; text-decoration: none; } .bar a[aria-current] { color: #fff; font-weight: 600; } .bar .shop { margin-left: auto; color: #94a3b8; }
  .controls { display: flex; flex-wrap: wrap; gap: 16px; align-items: end; padding: 12px 20px; background: #fff; border-bottom: 1px solid #e4e7ec; }
  .controls label { display: flex; flex-direction: column; gap: 2px; font-size: 12px; color: #475467; }
  .controls label.inline { flex-direction: row; align-items: center; gap: 6px; font-size: 14px; color: #101828; }
  select, input, button { font: inherit; } select, input[type=text], input[type=number] { padding: 6px 8px; border: 1px solid #d0d5dd; border-radius: 6px; }
  button { padding: 6px 12px; border: 1px solid #d0d5dd; border-radius: 6px; background: #fff; cursor: pointer; }
  button.primary { background: #101828; color: #fff; border-color: #101828; }
  main { display: grid; gap: 24px; padding: 20px; max-width: 1200px; margin: 0 auto; }
  main.checkout { grid-template-columns: minmax(0, 1.4fr) minmax(0, 1fr); } main.account { grid-template-columns: minmax(0, 360px) minmax(0, 1fr); }
  .panel { background: #fff; border: 1px solid #e4e7ec; border-radius: 12px; padding: 16px; display: flex; flex-direction: column; gap: 12px; }
  .panel h2 { font-size: 16px; margin: 0; } .mock { color: #98a2b3; border: 1px dashed #d0d5dd; border-radius: 8px; padding: 12px; }
  .target { border: 1px dashed #7c3aed; border-radius: 8px; } .target-name { font: 11px ui-monospace, monospace; color: #7c3aed; padding: 2px 8px; }
  .target iframe { display: block; width: 100%; height: 80px; border: 0; }
  .frame-error { white-space: pre-wrap; color: #b42318; font: 12px ui-monospace, monospace; padding: 0 8px; } .frame-error:empty { display: none; }
  table { width: 100%; border-collapse: collapse; } td { padding: 4px 0; } td.qty input { width: 64px; } td.amount { text-align: right; }
  #applied-codes { list-style: none; padding: 0; margin: 0; display: flex; flex-direction: column; gap: 4px; }
  #applied-codes li { display: flex; gap: 8px; align-items: center; } #applied-codes code { background: #ecfdf3; color: #067647; padding: 2px 6px; border-radius: 4px; }
  .totals { display: flex; justify-content: space-between; font-weight: 600; } #code-form { display: flex; gap: 8px; } #code-form input { flex: 1; }
  #code-error { color: #b42318; margin: 0; } #code-error:empty, #order-result:empty { display: none; }
  #toasts { position: fixed; bottom: 20px; left: 50%; transform: translateX(-50%); display: flex; flex-direction: column; gap: 8px; }
  .toast { background: #101828; color: #fff; padding: 10px 16px; border-radius: 8px; }`;

function customerOptions(shop: ShopRecord, selected: number | null, none: string) {
  const options = [`<option value="none"${selected === null ? " selected" : ""}>${esc(none)}</option>`];
  for (const c of shop.customers.values()) {
    const name = [c.firstName, c.lastName].filter(Boolean).join(" ") || c.email || `Customer ${c.id}`;
    const label = `${name}${c.email && name !== c.email ? ` <${c.email}>` : ""} · #${c.id}`;
    options.push(`<option value="${c.id}"${c.id === selected ? " selected" : ""}>${esc(label)}</option>`);
  }
  return options.join("");
}

const languageOptions = (locale: string) =>
  Object.entries(LANGUAGES)
    .map(([code, name]) => `<option value="${code}"${code === locale ? " selected" : ""}>${name}</option>`)
    .join("");

/** One extension target in its sandboxed frame (scripts only: an opaque origin, as in Shopify). */
export function frame(name: string, target: string, src: string) {
  return `<div class="target"><div class="target-name">${esc(target)}</div>
    <iframe data-frame="${esc(name)}" title="${esc(target)}" src="${esc(src)}" sandbox="allow-scripts allow-popups allow-modals" allow="clipboard-write"></iframe>
    <div class="frame-error" role="alert" data-error-for="${esc(name)}"></div></div>`;
}

function layout(
  title: string,
  shop: ShopRecord,
  kind: PageData["kind"],
  controls: string,
  body: string,
  data: PageData,
) {
  const base = `/_emulator/preview/${encodeURIComponent(shop.domain)}`;
  const link = (k: PageData["kind"], label: string) =>
    `<a href="${base}/${k}"${k === kind ? ' aria-current="page"' : ""}>${label}</a>`;
  return `<!doctype html><html lang="${esc(data.locale)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><style>${PAGE_CSS}</style>
<script type="application/json" id="laurel-preview-page">${scriptJson(data)}</script></head><body>
<header class="bar"><strong>Laurel extensions preview</strong><nav>${link("checkout", "Checkout")} · ${link("account", "Customer account")}</nav>
<span class="shop">${esc(shop.name)} · ${esc(shop.domain)}</span></header>
<form class="controls" method="get">${controls}<noscript><button>Show</button></noscript></form>
${body}<div id="toasts" aria-live="polite"></div>
<script src="/_emulator/preview/assets/page.js"></script></body></html>`;
}

export function checkoutPage(shop: ShopRecord, data: PageData, frameSrc: (name: string, target: string) => string) {
  const block = "purchase.checkout.block.render";
  const reductions = "purchase.checkout.reductions.render-after";
  const quantities = new Map(data.cart.lines.map((l) => [l.variantId, l.quantity]));
  const rows = data.products
    .map((p) => {
      const quantity = quantities.get(`gid://shopify/ProductVariant/${p.variantId}`) ?? 0;
      return `<tr><td>${esc(p.title)}</td><td class="qty"><input type="number" min="0" value="${quantity}" data-variant="${p.variantId}" aria-label="Quantity of ${esc(p.title)}"></td>
        <td class="amount">${p.price.toFixed(2)}</td></tr>`;
    })
    .join("");
  const controls = `<label>Customer<select name="customer" data-autosubmit>${customerOptions(shop, data.customerId, "Guest (not signed in)")}</select></label>
    <label>Language<select name="locale" data-autosubmit>${languageOptions(data.locale)}</select></label>
    <label class="inline"><input type="checkbox" id="can-update"${data.cart.canUpdateDiscountCodes ? " checked" : ""}> Discount codes can be changed</label>
    <input type="hidden" name="cart" value=""><input type="hidden" name="locked" value="">`;
  const body = `<main class="checkout">
  <section class="panel"><h2>Checkout</h2><div class="mock">Contact · Delivery · Payment (not emulated)</div>
    ${frame("block", block, frameSrc("block", block))}</section>
  <aside class="panel" aria-label="Order summary"><h2>Order summary</h2>
    ${rows ? `<table><tbody>${rows}</tbody></table>` : `<p class="mock">This shop has no products: create some with POST /_emulator/shops/:shop/products.</p>`}
    <form id="code-form"><input type="text" name="code" placeholder="Discount code" aria-label="Discount code"><button>Apply</button></form>
    <p id="code-error" role="alert"></p>
    ${frame("reductions", reductions, frameSrc("reductions", reductions))}
    <div><strong>Applied codes</strong><ul id="applied-codes" aria-label="Applied discount codes"></ul></div>
    <div class="totals"><span>Subtotal</span><span id="subtotal"></span></div>
    <button class="primary" id="place-order"${data.products.length ? "" : " disabled"}>Place order (paid)</button><p id="order-result" role="status"></p>
  </aside></main>`;
  return layout(`Checkout preview · ${shop.name}`, shop, "checkout", controls, body, data);
}

export function accountPage(shop: ShopRecord, data: PageData, frameSrc: (name: string, target: string) => string) {
  const profile = "customer-account.profile.block.render";
  const page = "customer-account.page.render";
  const controls = `<label>Customer<select name="customer" data-autosubmit>${customerOptions(shop, data.customerId, "Signed out")}</select></label>
    <label>Language<select name="locale" data-autosubmit>${languageOptions(data.locale)}</select></label>`;
  const body = `<main class="account">
  <section class="panel"><h2>Profile</h2><div class="mock">Name · Email · Addresses (not emulated)</div>${frame("profile", profile, frameSrc("profile", profile))}</section>
  <section class="panel"><h2>Loyalty page</h2>${frame("page", page, frameSrc("page", page))}</section></main>`;
  return layout(`Customer account preview · ${shop.name}`, shop, "account", controls, body, data);
}

/** The page inside a frame: config, runtime, then the extension (body left empty for it). */
export function framePage(locale: string, config: unknown, handle: string) {
  return `<!doctype html><html lang="${esc(locale)}"><head><meta charset="utf-8">
<style>html { background: #fff; } body { margin: 0; padding: 12px; font: 14px/1.45 system-ui, sans-serif; color: #101828; }</style>
<script type="application/json" id="laurel-preview-config">${scriptJson(config)}</script>
<script src="/_emulator/preview/assets/runtime.js"></script>
<script src="/_emulator/preview/assets/extensions/${encodeURIComponent(handle)}.js"></script>
</head><body></body></html>`;
}

export function indexPage(shops: ShopRecord[]) {
  const items = shops
    .map((s) => {
      const base = `/_emulator/preview/${encodeURIComponent(s.domain)}`;
      return `<li>${esc(s.name)} (${esc(s.domain)}): <a href="${base}/checkout">checkout</a> · <a href="${base}/account">customer account</a></li>`;
    })
    .join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Laurel extensions preview</title><style>${PAGE_CSS}</style></head>
<body><header class="bar"><strong>Laurel extensions preview</strong></header><main><section class="panel"><h2>Shops</h2>
<ul>${items || "<li>No shops yet: POST /_emulator/shops.</li>"}</ul></section></main></body></html>`;
}
