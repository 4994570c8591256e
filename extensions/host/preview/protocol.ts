// What the emulator's preview pages and their extension frames say to each other. Each target
// runs in its own sandboxed iframe (as Shopify runs each in its own sandbox); the page owns what
// checkout shares between them (the cart, the applied codes) and tells every frame when it changes.
import type { AppMetafieldEntry, CurrencyCode } from "@shopify/ui-extensions/checkout";
import type { AccountTarget } from "../../loyalty-account/src/host";
import type { CheckoutTarget } from "../../loyalty-checkout/src/host";
import type { CheckoutLine } from "../checkout";
import type { LocaleFiles } from "../i18n";

/** A checkout's shared state: the page's, copied into every frame. */
export interface CartState {
  lines: CheckoutLine[];
  codes: string[];
  canUpdateDiscountCodes: boolean;
}

interface FrameBase {
  /** Which of the page's frames this is (messages name it). */
  frame: string;
  /** The shop's domain, for the emulator's token and code endpoints. */
  shop: string;
  locale: string;
  /** A signed-in customer's numeric id; null for a guest or a signed-out visitor. */
  customerId: number | null;
  locales: LocaleFiles;
  settings: Record<string, string | number | boolean>;
}

/** Written by the emulator into a frame's page (#laurel-preview-config). */
export type FrameConfig =
  | (FrameBase & {
      surface: "checkout";
      target: CheckoutTarget;
      currency: CurrencyCode;
      metafields: AppMetafieldEntry[];
      cart: CartState;
    })
  | (FrameBase & { surface: "account"; target: AccountTarget });

/** Page → frame. */
export type ToFrame = { type: "laurel-preview:cart"; cart: CartState };

/** Frame → page. */
export type ToPage =
  | { type: "laurel-preview:codes"; frame: string; codes: string[] }
  | { type: "laurel-preview:toast"; frame: string; text: string }
  | { type: "laurel-preview:size"; frame: string; height: number }
  | { type: "laurel-preview:error"; frame: string; message: string };

export interface PageProduct {
  variantId: number;
  productId: number;
  title: string;
  /** Unit price in the currency's major unit. */
  price: number;
}

export interface PageConfig {
  kind: "checkout" | "account";
  shop: string;
  customerId: number | null;
  currency: string;
  locale: string;
  products: PageProduct[];
  cart: CartState;
}

export const PAGE_CONFIG_ID = "laurel-preview-page";

export const CONFIG_ELEMENT_ID = "laurel-preview-config";

export function isToPage(data: unknown): data is ToPage {
  return (
    typeof data === "object" && data !== null && String((data as { type?: unknown }).type).startsWith("laurel-preview:")
  );
}

/** The emulator's verdict on a discount code for this cart: null when it applies, else checkout's message. */
export async function checkCode(shop: string, customerId: number | null, code: string, lines: CheckoutLine[]) {
  const response = await fetch(`/_emulator/preview/${encodeURIComponent(shop)}/check-code`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ code, customerId, lines }),
  });
  return ((await response.json()) as { refusal: string | null }).refusal;
}
