// Reads the shop's own details through Admin GraphQL.
import type { AdminApiContext } from "@shopify/shopify-app-remix/server";

const SHOP_NAME_QUERY = `#graphql
  query ShopName {
    shop {
      name
    }
  }
`;

export async function readShopName(admin: AdminApiContext): Promise<string> {
  const response = await admin.graphql(SHOP_NAME_QUERY);
  const body = await response.json();
  const name = body.data?.shop.name;
  if (!name) throw new Error("Admin API returned no shop name");
  return name;
}
