// Every Polaris web component the extensions render, as plain-HTML stand-ins (no Shopify
// needed), and a block for any s-* tag without one, so nothing an extension draws goes missing.
import { Button, Clickable, ClipboardItem, Form, Link, Modal } from "./controls";
import { Checkbox, inputField, Select, TextArea } from "./fields";
import {
  Badge,
  Banner,
  Box,
  Divider,
  Generic,
  Grid,
  Heading,
  Hidden,
  Icon,
  Image,
  List,
  ListItem,
  Page,
  Paragraph,
  Progress,
  Section,
  Skeleton,
  Spinner,
  Stack,
  Text,
} from "./layout";
import { define, type StandIn } from "./stand-in";

const STAND_INS: Record<string, typeof StandIn> = {
  "s-page": Page,
  "s-section": Section,
  "s-stack": Stack,
  "s-box": Box,
  "s-grid": Grid,
  "s-grid-item": Generic,
  "s-query-container": Generic,
  "s-scroll-box": Generic,
  "s-heading": Heading,
  "s-text": Text,
  "s-time": Text,
  "s-abbreviation": Text,
  "s-paragraph": Paragraph,
  "s-divider": Divider,
  "s-badge": Badge,
  "s-chip": Badge,
  "s-banner": Banner,
  "s-progress": Progress,
  "s-spinner": Spinner,
  "s-icon": Icon,
  "s-image": Image,
  "s-unordered-list": List,
  "s-ordered-list": List,
  "s-list-item": ListItem,
  "s-skeleton-paragraph": Skeleton,
  "s-button": Button,
  "s-clickable": Clickable,
  "s-link": Link,
  "s-clipboard-item": ClipboardItem,
  "s-modal": Modal,
  "s-form": Form,
  "s-text-field": inputField("text"),
  "s-email-field": inputField("email"),
  "s-url-field": inputField("url"),
  "s-password-field": inputField("password"),
  "s-phone-field": inputField("tel"),
  "s-number-field": inputField("number"),
  "s-money-field": inputField("number"),
  "s-date-field": inputField("date"),
  "s-text-area": TextArea,
  "s-select": Select,
  "s-checkbox": Checkbox,
  "s-switch": Checkbox,
  "s-option": Hidden,
  "s-tooltip": Hidden,
};

/** Defines an s-* element the first time one shows up without a stand-in. */
function defineUnknown(node: Node) {
  if (!(node instanceof Element)) return;
  for (const element of [node, ...node.querySelectorAll("*")]) {
    const tag = element.localName;
    if (tag.startsWith("s-") && !customElements.get(tag)) define(tag, Generic);
  }
}

export function defineStandIns() {
  for (const [tag, Class] of Object.entries(STAND_INS)) define(tag, Class);
  new MutationObserver((records) => records.forEach((r) => r.addedNodes.forEach(defineUnknown))).observe(document, {
    childList: true,
    subtree: true,
  });
}
