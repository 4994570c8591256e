// The storefront client as this extension uses it: a fresh session token per request and the
// shopper's language (not the extension's) so server messages and reward titles match the page.
import { createClient, type StorefrontClient } from "../../shared/api";
import { host } from "./host";

export function accountClient(): StorefrontClient {
  return createClient({
    token: () => host().sessionToken.get(),
    language: () => host().localization.language.value.isoCode,
  });
}
