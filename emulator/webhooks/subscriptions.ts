// The app's webhook subscriptions, read from shopify.app.toml as Shopify CLI deploys them.
import fs from "node:fs";
import { parse } from "smol-toml";
import type { WebhookSubscription } from "../state/types.ts";

interface TomlSubscription {
  topics?: string[];
  compliance_topics?: string[];
  uri?: string;
}

export function readAppToml(file: string): {
  apiVersion: string;
  subscriptions: WebhookSubscription[];
  scopes: string[];
  handle: string;
  clientId: string;
} {
  const toml = parse(fs.readFileSync(file, "utf8")) as {
    client_id?: string;
    handle?: string;
    access_scopes?: { scopes?: string };
    webhooks?: { api_version?: string; subscriptions?: TomlSubscription[] };
  };
  const apiVersion = toml.webhooks?.api_version;
  if (!apiVersion) throw new Error(`${file}: [webhooks] api_version is required`);
  const subscriptions = (toml.webhooks?.subscriptions ?? []).flatMap((s): WebhookSubscription[] => {
    if (!s.uri) throw new Error(`${file}: a webhook subscription has no uri`);
    const out: WebhookSubscription[] = [];
    if (s.topics?.length) out.push({ topics: s.topics, uri: s.uri });
    if (s.compliance_topics?.length) out.push({ topics: s.compliance_topics, uri: s.uri, compliance: true });
    return out;
  });
  return {
    apiVersion,
    subscriptions,
    scopes: (toml.access_scopes?.scopes ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    handle: toml.handle ?? "app",
    clientId: toml.client_id ?? "",
  };
}

/** Where a subscription delivers: relative URIs resolve against the app's URL. */
export function deliveryUrl(subscription: WebhookSubscription, appUrl: string): string {
  return new URL(subscription.uri, appUrl.endsWith("/") ? appUrl : `${appUrl}/`).toString();
}
