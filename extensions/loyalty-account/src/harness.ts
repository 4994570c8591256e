// For component tests: runs a target of this extension as customer accounts would, with the
// test host (extensions/host/account.ts) as `shopify` and the fake storefront as `fetch`.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { vi } from "vitest";
import { createAccountHost } from "../../host/account";
import { localeFiles, runTarget, settle, TestSignal } from "../../host/testing";
import type { fakeStorefront } from "./fake-storefront";
import type { AccountTarget } from "./host";

const extensionDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface MountOptions {
  storefront: ReturnType<typeof fakeStorefront>;
  locale?: string;
  signedIn?: boolean;
  /** The extension whose locale files to load (default: this one). */
  extensionDir?: string;
}

export async function mount(target: AccountTarget, entry: () => unknown, options: MountOptions) {
  vi.stubGlobal("fetch", options.storefront.fetch);
  const host = createAccountHost({
    target,
    Signal: TestSignal,
    locales: localeFiles(options.extensionDir ?? extensionDir),
    locale: options.locale ?? "en",
    customerId: options.signedIn === false ? undefined : "gid://shopify/Customer/1",
    sessionToken: async () => "token",
  });
  const body = await runTarget(host.api, entry);
  await settle();
  return { body, ...host };
}

/** The page's text, whitespace collapsed, for `toContain` checks. */
export const textOf = (root: Element) => (root.textContent ?? "").replace(/\s+/g, " ");

export function buttonNamed(root: Element, text: string): HTMLElement {
  const button = [...root.querySelectorAll<HTMLElement>("s-button")].find((b) => b.textContent?.trim() === text);
  if (!button) throw new Error(`no s-button "${text}" in: ${textOf(root)}`);
  return button;
}

export const buttonsNamed = (root: Element, text: string) =>
  [...root.querySelectorAll<HTMLElement>("s-button")].filter((b) => b.textContent?.trim() === text);

/** Clicks and lets the requests, state changes and re-renders that follow run. */
export async function click(element: HTMLElement) {
  element.click();
  await settle();
}
