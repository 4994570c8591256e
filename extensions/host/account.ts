// Customer accounts as Shopify's host presents them to Laurel's account extension: the `shopify`
// global for one target, typed by the real API (AccountHost), with the state a test or the
// preview changes (signed in or not, toasts shown). Used by the component tests and by the
// emulator's preview page; never shipped in a bundle.
import type { AccountHost, AccountTarget } from "../loyalty-account/src/host";
import { extensionInfo, languageSignals } from "./extension";
import { createI18n, type LocaleFiles } from "./i18n";
import { hostSignal, type SignalClass } from "./signals";

export interface AccountOptions {
  target: AccountTarget;
  Signal: SignalClass;
  locales: LocaleFiles;
  /** The shopper's language, e.g. "en" or "ru-RU". */
  locale: string;
  settings?: Record<string, string | number | boolean | undefined>;
  /** The signed-in customer's GID; undefined before they sign in (pre-authenticated pages). */
  customerId?: string;
  sessionToken: () => Promise<string>;
}

export function createAccountHost(options: AccountOptions) {
  const { Signal } = options;
  const state = {
    customer: hostSignal(Signal, options.customerId ? { id: options.customerId } : undefined),
    settings: hostSignal(Signal, options.settings ?? {}),
  };
  /** Every toast the extension showed, in order (tests read it). */
  const toasts: string[] = [];

  const api = {
    i18n: createI18n(options.locales, options.locale),
    localization: languageSignals(Signal, options.locale),
    settings: state.settings,
    sessionToken: { get: options.sessionToken },
    authenticatedAccount: {
      customer: state.customer,
      purchasingCompany: hostSignal(Signal, undefined),
    },
    toast: {
      async show(content: string) {
        toasts.push(content);
        return { hide: () => {} };
      },
    },
    extension: extensionInfo(Signal, options.target as "customer-account.page.render"),
  } satisfies AccountHost as AccountHost;

  return { api, state, toasts };
}
