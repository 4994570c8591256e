// The preview page around the frames (checkout or customer account): reloads when the customer
// or language changes, keeps the cart and the applied codes that checkout shares between its
// targets and tells every frame, sizes frames to their content, shows toasts and errors, and
// places the order through the emulator.
import type { CheckoutLine } from "../checkout";
import { checkCode, isToPage, PAGE_CONFIG_ID, type CartState, type PageConfig, type ToFrame } from "./protocol";

const config = JSON.parse(document.getElementById(PAGE_CONFIG_ID)!.textContent!) as PageConfig;
let cart: CartState = config.cart;
const $ = <T extends Element>(selector: string) => document.querySelector<T>(selector);
const frames = () => [...document.querySelectorAll<HTMLIFrameElement>("iframe[data-frame]")];
const money = (amount: number) =>
  new Intl.NumberFormat(config.locale, { style: "currency", currency: config.currency }).format(amount);

function broadcast(except?: Window | null) {
  const message: ToFrame = { type: "laurel-preview:cart", cart };
  for (const frame of frames()) if (frame.contentWindow !== except) frame.contentWindow?.postMessage(message, "*");
}

/** The cart as the page's URL and form carry it: `variantId:quantity,…`. */
const cartParam = () => cart.lines.map((l) => `${l.variantId.split("/").pop()}:${l.quantity}`).join(",");

function renderSummary() {
  const subtotal = $("#subtotal");
  if (subtotal) subtotal.textContent = money(cart.lines.reduce((sum, l) => sum + l.amount, 0));
  const list = $("#applied-codes");
  if (list) {
    list.replaceChildren(
      ...cart.codes.map((code) => {
        const item = document.createElement("li");
        const label = document.createElement("code");
        label.textContent = code;
        const remove = document.createElement("button");
        remove.type = "button";
        remove.textContent = "Remove";
        remove.setAttribute("aria-label", `Remove ${code}`);
        remove.addEventListener("click", () => setCart({ ...cart, codes: cart.codes.filter((c) => c !== code) }));
        item.append(label, " ", remove);
        return item;
      }),
    );
  }
  const cartInput = $<HTMLInputElement>("input[name=cart]");
  if (cartInput) cartInput.value = cartParam();
  const lockedInput = $<HTMLInputElement>("input[name=locked]");
  if (lockedInput) lockedInput.value = cart.canUpdateDiscountCodes ? "" : "1";
  const url = new URL(location.href);
  if (config.kind === "checkout") {
    url.searchParams.set("cart", cartParam());
    if (cart.canUpdateDiscountCodes) url.searchParams.delete("locked");
    else url.searchParams.set("locked", "1");
    history.replaceState(null, "", url);
  }
}

function setCart(next: CartState, from?: Window | null) {
  cart = next;
  renderSummary();
  broadcast(from);
}

function linesFromInputs(): CheckoutLine[] {
  return [...document.querySelectorAll<HTMLInputElement>("input[data-variant]")].flatMap((input) => {
    const product = config.products.find((p) => String(p.variantId) === input.dataset.variant);
    const quantity = Math.max(0, Math.floor(Number(input.value) || 0));
    if (!product || quantity === 0) return [];
    return [
      {
        id: `gid://shopify/CartLine/${product.variantId}`,
        variantId: `gid://shopify/ProductVariant/${product.variantId}`,
        productId: `gid://shopify/Product/${product.productId}`,
        title: product.title,
        quantity,
        amount: Math.round(product.price * quantity * 100) / 100,
      },
    ];
  });
}

function toast(text: string) {
  const box = $("#toasts");
  if (!box) return;
  const item = document.createElement("div");
  item.className = "toast";
  item.setAttribute("role", "status");
  item.textContent = text;
  box.append(item);
  setTimeout(() => item.remove(), 6000);
}

window.addEventListener("message", (event) => {
  if (!isToPage(event.data)) return;
  const frame = frames().find((f) => f.contentWindow === event.source);
  if (!frame) return;
  const message = event.data;
  if (message.type === "laurel-preview:size") frame.style.height = `${Math.max(40, message.height)}px`;
  else if (message.type === "laurel-preview:toast") toast(message.text);
  else if (message.type === "laurel-preview:codes") setCart({ ...cart, codes: message.codes }, frame.contentWindow);
  else if (message.type === "laurel-preview:error") {
    const box = $(`[data-error-for="${message.frame}"]`);
    if (box) box.textContent = `${box.textContent ? `${box.textContent}\n` : ""}${message.message}`;
  }
});

for (const frame of frames()) frame.addEventListener("load", () => broadcast());
for (const select of document.querySelectorAll<HTMLSelectElement>("select[data-autosubmit]")) {
  select.addEventListener("change", () => select.form?.submit());
}
for (const input of document.querySelectorAll<HTMLInputElement>("input[data-variant]")) {
  input.addEventListener("input", () => setCart({ ...cart, lines: linesFromInputs() }));
}
$<HTMLInputElement>("#can-update")?.addEventListener("change", (event) =>
  setCart({ ...cart, canUpdateDiscountCodes: (event.currentTarget as HTMLInputElement).checked }),
);

/** The discount code field in the order summary: the same verdict the extensions get. */
$<HTMLFormElement>("#code-form")?.addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = event.currentTarget as HTMLFormElement;
  const code = String(new FormData(form).get("code") ?? "").trim();
  const error = $("#code-error")!;
  error.textContent = "";
  if (!code) return;
  if (!cart.canUpdateDiscountCodes) {
    error.textContent = "Discount codes can't be changed in this checkout.";
    return;
  }
  const refusal = await checkCode(config.shop, config.customerId, code, cart.lines);
  if (refusal) error.textContent = refusal;
  else if (!cart.codes.some((c) => c.toLowerCase() === code.toLowerCase()))
    setCart({ ...cart, codes: [...cart.codes, code] });
  form.reset();
});

/** Places the cart as a paid order, with the applied codes, as checkout would on payment. */
$<HTMLButtonElement>("#place-order")?.addEventListener("click", async () => {
  const result = $("#order-result")!;
  result.textContent = "Placing the order…";
  const response = await fetch(`/_emulator/shops/${encodeURIComponent(config.shop)}/orders`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      customerId: config.customerId,
      lineItems: cart.lines.map((l) => ({ variantId: Number(l.variantId.split("/").pop()), quantity: l.quantity })),
      discountCodes: cart.codes,
      paid: true,
    }),
  });
  const body = (await response.json()) as { name?: string; error?: string };
  if (!response.ok) {
    result.textContent = `Not placed: ${body.error ?? response.status}`;
    return;
  }
  result.textContent = `Order ${body.name} placed and paid${cart.codes.length ? ` with ${cart.codes.join(", ")}` : ""}.`;
  setCart({ ...cart, codes: [] });
});

renderSummary();
