// Reads the shop's own details through Admin GraphQL.
import type { AdminApiContext } from "@shopify/shopify-app-remix/server";

const SHOP_BASICS_QUERY = `#graphql
  query ShopBasics {
    shop {
      name
      currencyCode
    }
  }
`;

/** The shop's name and currency. */
export async function readShopBasics(admin: AdminApiContext): Promise<{ name: string; currency: string }> {
  const response = await admin.graphql(SHOP_BASICS_QUERY);
  const body = await response.json();
  const shop = body.data?.shop;
  if (!shop?.name || !shop.currencyCode) throw new Error("Admin API returned no shop name or currency");
  return { name: shop.name, currency: shop.currencyCode };
}
