// What this extension uses of checkout's `shopify` global: the real API types of its targets,
// narrowed to the members it reads, so the test host and the preview host (extensions/host/)
// must match Shopify's shapes exactly for each of them.
import type { Api as BlockApi } from "@shopify/ui-extensions/purchase.checkout.block.render";
import type { Api as ReductionsApi } from "@shopify/ui-extensions/purchase.checkout.reductions.render-after";

type Used =
  | "i18n"
  | "localization"
  | "settings"
  | "appMetafields"
  | "buyerIdentity"
  | "sessionToken"
  | "applyDiscountCodeChange"
  | "discountCodes"
  | "instructions"
  | "cost"
  | "lines"
  | "extension";

export type CheckoutTarget = "purchase.checkout.block.render" | "purchase.checkout.reductions.render-after";
export type CheckoutHost = Pick<BlockApi, Used> | Pick<ReductionsApi, Used>;

/** The global Shopify sets before it runs the extension. */
export const host = (): CheckoutHost => (globalThis as unknown as { shopify: CheckoutHost }).shopify;
