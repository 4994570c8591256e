// The app metafields Shopify hands a checkout extension (`shopify.appMetafields`): those its TOML
// asks for ([[extensions.metafields]]), on the signed-in customer and on the shop, as
// AppMetafieldEntry objects read from the emulator's state.
import { gid } from "../state/ids.ts";
import type { AppConfig, ShopRecord } from "../state/types.ts";
import { shopNumericId } from "../graphql/views.ts";

export interface WantedMetafield {
  namespace: string;
  key: string;
}

export interface AppMetafieldEntry {
  target: { type: "customer" | "shop"; id: string };
  metafield: {
    namespace: string;
    key: string;
    value: string;
    valueType: "boolean" | "float" | "integer" | "json_string" | "string";
  };
}

/** `$app:loyalty` as the emulator stores it: `app--<appId>--loyalty`. */
export function storedNamespace(app: AppConfig, namespace: string): string {
  if (namespace === "$app") return `app--${app.appId}`;
  if (namespace.startsWith("$app:")) return `app--${app.appId}--${namespace.slice("$app:".length)}`;
  return namespace;
}

/** Checkout's five value types for the Admin API's metafield types. */
function valueType(type: string): AppMetafieldEntry["metafield"]["valueType"] {
  if (type === "json" || type.startsWith("list.")) return "json_string";
  if (type === "number_integer") return "integer";
  if (type === "number_decimal") return "float";
  if (type === "boolean") return "boolean";
  return "string";
}

export function appMetafieldEntries(
  app: AppConfig,
  shop: ShopRecord,
  customerId: number | null,
  wanted: WantedMetafield[],
): AppMetafieldEntry[] {
  const owners: AppMetafieldEntry["target"][] = [
    { type: "shop", id: gid("Shop", shopNumericId(shop)) },
    ...(customerId === null ? [] : [{ type: "customer" as const, id: gid("Customer", customerId) }]),
  ];
  const entries: AppMetafieldEntry[] = [];
  for (const owner of owners) {
    for (const { namespace, key } of wanted) {
      const stored = [...shop.metafields.values()].find(
        (m) => m.ownerGid === owner.id && m.namespace === storedNamespace(app, namespace) && m.key === key,
      );
      if (stored) {
        entries.push({
          target: owner,
          metafield: { namespace, key, value: stored.value, valueType: valueType(stored.type) },
        });
      }
    }
  }
  return entries;
}
