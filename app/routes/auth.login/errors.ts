import { LoginErrorType } from "@shopify/shopify-app-remix/server";
import type { MessageKey } from "../../i18n/translate";

/** The message key for what `login()` reported about the shop field, if anything. */
export function loginError(result: { shop?: LoginErrorType }): MessageKey | undefined {
  if (result.shop === LoginErrorType.MissingShop) return "login.error.missingShop";
  if (result.shop === LoginErrorType.InvalidShop) return "login.error.invalidShop";
  return undefined;
}
