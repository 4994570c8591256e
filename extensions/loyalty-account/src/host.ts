// What this extension uses of customer accounts' `shopify` global: the real API types of its
// targets, narrowed to the members it reads, so the test host and the preview host
// (extensions/host/) must match Shopify's shapes exactly for each of them.
import type { Api as PageApi } from "@shopify/ui-extensions/customer-account.page.render";
import type { Api as ProfileApi } from "@shopify/ui-extensions/customer-account.profile.block.render";

type Used = "i18n" | "localization" | "settings" | "sessionToken" | "authenticatedAccount" | "toast" | "extension";

export type AccountTarget = "customer-account.page.render" | "customer-account.profile.block.render";
export type AccountHost = Pick<PageApi, Used> | Pick<ProfileApi, Used>;

/** The global Shopify sets before it runs the extension. */
export const host = (): AccountHost => (globalThis as unknown as { shopify: AccountHost }).shopify;
