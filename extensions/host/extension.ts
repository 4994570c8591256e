// What both hosts (./checkout, ./account) hand every extension alike: `shopify.extension` for
// the running target and the shopper's language signals.
import type { Capability } from "@shopify/ui-extensions/checkout";
import { hostSignal, type SignalClass } from "./signals";

/** `shopify.extension`: one object for every target; only `target` tells them apart. */
export function extensionInfo<Target extends string>(Signal: SignalClass, target: Target) {
  return {
    apiVersion: "2026-07" as const,
    capabilities: hostSignal<Capability[]>(Signal, ["api_access", "network_access"]),
    rendered: hostSignal(Signal, true),
    scriptUrl: "",
    target,
  };
}

/** The shopper's language ("en", "ru-RU"), the extension's (its base language) and no country. */
export function languageSignals(Signal: SignalClass, locale: string) {
  return {
    language: hostSignal(Signal, { isoCode: locale }),
    extensionLanguage: hostSignal(Signal, { isoCode: locale.split("-")[0]! }),
    country: hostSignal(Signal, undefined),
  };
}
