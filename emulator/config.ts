// The app the emulator hosts: Laurel as its shopify.app.toml declares it (scopes, webhook
// subscriptions and API version), with credentials and URL from the environment.
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AppConfig } from "./state/types.ts";
import { readAppToml } from "./webhooks/subscriptions.ts";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The credentials `npm run demo` gives both the app and the emulator. */
export const DEMO_CREDENTIALS = { apiKey: "laurel-demo-api-key", apiSecret: "laurel-demo-api-secret" };

export function laurelApp(options: {
  appUrl: string;
  apiKey?: string;
  apiSecret?: string;
  appId?: number;
  toml?: string;
}): AppConfig {
  const toml = readAppToml(options.toml ?? path.join(ROOT, "shopify.app.toml"));
  return {
    apiKey: options.apiKey ?? DEMO_CREDENTIALS.apiKey,
    apiSecret: options.apiSecret ?? DEMO_CREDENTIALS.apiSecret,
    appId: options.appId ?? 7_000_001,
    handle: toml.handle,
    scopes: toml.scopes,
    appUrl: options.appUrl,
    webhookApiVersion: toml.apiVersion,
    subscriptions: toml.subscriptions,
  };
}
