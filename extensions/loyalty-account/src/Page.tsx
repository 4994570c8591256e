import "@shopify/ui-extensions/preact";
import { render } from "preact";
import { LoyaltyPage } from "./LoyaltyPage";

export default async function extension() {
  render(<LoyaltyPage />, document.body);
}
