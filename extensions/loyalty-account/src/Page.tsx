import "@shopify/ui-extensions/preact";
import { render } from "preact";

export default async function extension() {
  render(<s-text>Laurel</s-text>, document.body);
}
