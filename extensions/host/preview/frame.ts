// The host inside one preview frame: what Shopify's sandbox does before and after it loads an
// extension's script. Loaded before the bundle, it installs the stand-in elements and a `shopify`
// global that takes the extension's Signal class (`setSignals`) and its targets (`extend`); once
// the bundle has run it builds the target's API with the same host the component tests use and
// runs the chosen target, which renders into document.body.
import { createAccountHost } from "../account";
import { createCheckoutHost } from "../checkout";
import type { SignalClass } from "../signals";
import { defineStandIns } from "./elements";
import { checkCode, CONFIG_ELEMENT_ID, type CartState, type FrameConfig, type ToFrame, type ToPage } from "./protocol";

type TargetFunction = (...args: unknown[]) => unknown;

const config = JSON.parse(document.getElementById(CONFIG_ELEMENT_ID)!.textContent!) as FrameConfig;
const targets = new Map<string, TargetFunction>();
let Signal: SignalClass | undefined;

const tell = (message: ToPage) => parent.postMessage(message, "*");
const fail = (message: string) => tell({ type: "laurel-preview:error", frame: config.frame, message });

window.addEventListener("error", (event) => fail(String(event.message)));
window.addEventListener("unhandledrejection", (event) => fail(String(event.reason)));

defineStandIns();
const shopify = {
  setSignals(Class: SignalClass) {
    Signal = Class;
  },
  extend(target: string, run: TargetFunction) {
    targets.set(target, run);
  },
};
(globalThis as unknown as { shopify: object }).shopify = shopify;

/** A fresh session token from the emulator, as Shopify mints one per `sessionToken.get()`. */
async function sessionToken(): Promise<string> {
  const response = await fetch(`/_emulator/shops/${encodeURIComponent(config.shop)}/tokens`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      kind: config.surface === "checkout" ? "checkout" : "customer-account",
      customerId: config.customerId,
    }),
  });
  if (!response.ok) throw new Error(`the emulator refused a session token (${response.status})`);
  return ((await response.json()) as { token: string }).token;
}

const sameCodes = (a: string[], b: string[]) => a.join("\n") === b.join("\n");

function checkoutApi(config: Extract<FrameConfig, { surface: "checkout" }>, Signal: SignalClass) {
  let cart: CartState = config.cart;
  const host = createCheckoutHost({
    target: config.target,
    Signal,
    locales: config.locales,
    locale: config.locale,
    currency: config.currency,
    settings: config.settings,
    metafields: config.metafields,
    customerId: config.customerId === null ? undefined : `gid://shopify/Customer/${config.customerId}`,
    sessionToken,
    lines: cart.lines,
    canUpdateDiscountCodes: cart.canUpdateDiscountCodes,
    // Checkout's verdict on a code comes from the emulator's discounts, for this cart.
    checkCode: (code) => checkCode(config.shop, config.customerId, code, cart.lines),
  });
  // Checkout re-reads the app metafields as the checkout changes (a redemption moves the balance
  // the worker writes); the preview re-reads them every few seconds.
  const metafieldsUrl = `/_emulator/preview/${encodeURIComponent(config.shop)}/metafields?${new URLSearchParams({
    target: config.target,
    customer: String(config.customerId ?? "none"),
  })}`;
  setInterval(async () => {
    const response = await fetch(metafieldsUrl).catch(() => undefined);
    if (!response?.ok) return;
    const entries = (await response.json()) as typeof config.metafields;
    if (JSON.stringify(entries) !== JSON.stringify(host.state.appMetafields.value))
      host.state.appMetafields.value = entries;
  }, 3000);
  const showCodes = () => {
    host.state.discountCodes.value = cart.codes.map((code) => ({ code }));
  };
  showCodes();
  host.state.discountCodes.subscribe((codes) => {
    const list = codes.map((c) => c.code);
    if (!sameCodes(list, cart.codes)) {
      cart = { ...cart, codes: list };
      tell({ type: "laurel-preview:codes", frame: config.frame, codes: list });
    }
  });
  window.addEventListener("message", (event: MessageEvent<ToFrame>) => {
    if (event.source !== parent || event.data?.type !== "laurel-preview:cart") return;
    cart = event.data.cart;
    host.setLines(cart.lines);
    host.setCanUpdateDiscountCodes(cart.canUpdateDiscountCodes);
    const current = host.state.discountCodes.value.map((c) => c.code);
    if (!sameCodes(current, cart.codes)) showCodes();
  });
  return host.api;
}

function accountApi(config: Extract<FrameConfig, { surface: "account" }>, Signal: SignalClass) {
  const host = createAccountHost({
    target: config.target,
    Signal,
    locales: config.locales,
    locale: config.locale,
    settings: config.settings,
    customerId: config.customerId === null ? undefined : `gid://shopify/Customer/${config.customerId}`,
    sessionToken,
  });
  const show = host.api.toast.show;
  host.api.toast.show = async (content: string) => {
    tell({ type: "laurel-preview:toast", frame: config.frame, text: content });
    return show(content);
  };
  return host.api;
}

/** The body's height, or an open modal's (the top layer is clipped by the frame too). */
function contentHeight(): number {
  const dialogs = [...document.querySelectorAll("s-modal")].map(
    (modal) => modal.shadowRoot?.querySelector("dialog[open]")?.getBoundingClientRect().height ?? 0,
  );
  return Math.ceil(Math.max(document.body.offsetHeight, ...dialogs.map((h) => (h ? h + 64 : 0))));
}

async function start() {
  const run = targets.get(config.target);
  if (!run) return fail(`the extension registered no ${config.target} (it has ${[...targets.keys()].join(", ")})`);
  if (!Signal) return fail("the extension never called shopify.setSignals (no @shopify/ui-extensions/preact import?)");
  const api = config.surface === "checkout" ? checkoutApi(config, Signal) : accountApi(config, Signal);
  Object.assign(shopify, api);
  const resize = () => tell({ type: "laurel-preview:size", frame: config.frame, height: contentHeight() });
  new ResizeObserver(resize).observe(document.body);
  window.addEventListener("laurel-preview:overlay", resize);
  await run();
}

// The bundle's <script> comes right after this one; both have run by DOMContentLoaded.
document.addEventListener("DOMContentLoaded", () => void start().catch((error: unknown) => fail(String(error))));
