// A checkout as Shopify's host presents it to Laurel's checkout extension: the `shopify` global
// for one target, typed by the real API (CheckoutHost), with the state a test or the preview
// changes (signed-in customer, cart, codes, instructions). Used by the component tests and by
// the emulator's preview page; never shipped in a bundle.
import type {
  AppMetafieldEntry,
  CartLine,
  CurrencyCode,
  Customer,
  DiscountCodeChange,
} from "@shopify/ui-extensions/checkout";
import type { CheckoutHost, CheckoutTarget } from "../loyalty-checkout/src/host";
import { extensionInfo, languageSignals } from "./extension";
import { createI18n, type LocaleFiles } from "./i18n";
import { hostSignal, type SignalClass } from "./signals";

export interface CheckoutLine {
  id: string;
  variantId: string;
  productId: string;
  title: string;
  quantity: number;
  /** The line's total after line discounts, in the currency's major unit (Shopify's Money). */
  amount: number;
}

export interface CheckoutOptions {
  target: CheckoutTarget;
  Signal: SignalClass;
  locales: LocaleFiles;
  /** The shopper's language, e.g. "en" or "ru-RU". */
  locale: string;
  currency: CurrencyCode;
  settings?: Record<string, string | number | boolean | undefined>;
  /** The app-owned metafields the extension's TOML asks for (customer and shop). */
  metafields: AppMetafieldEntry[];
  /** A signed-in customer's GID, or undefined for a guest. */
  customerId?: string;
  sessionToken: () => Promise<string>;
  lines: CheckoutLine[];
  canUpdateDiscountCodes?: boolean;
  /** Shopify's answer to a code: null when it applies, else the message checkout shows. */
  checkCode?: (code: string) => Promise<string | null>;
}

export function createCheckoutHost(options: CheckoutOptions) {
  const { Signal } = options;
  const money = (amount: number) => ({ amount, currencyCode: options.currency });
  const cartLine = (line: CheckoutLine): CartLine => ({
    id: line.id,
    merchandise: {
      type: "variant",
      id: line.variantId,
      title: line.title,
      selectedOptions: [],
      product: { id: line.productId, vendor: "", productType: "" },
      requiresShipping: true,
    },
    quantity: line.quantity,
    cost: { totalAmount: money(line.amount) },
    attributes: [],
    discountAllocations: [],
    lineComponents: [],
    parentRelationship: null,
  });
  const subtotal = (lines: CheckoutLine[]) => lines.reduce((sum, line) => sum + line.amount, 0);

  const state = {
    lines: hostSignal(Signal, options.lines.map(cartLine)),
    subtotal: hostSignal(Signal, money(subtotal(options.lines))),
    discountCodes: hostSignal(Signal, [] as { code: string }[]),
    instructions: hostSignal(Signal, instructions(options.canUpdateDiscountCodes ?? true)),
    appMetafields: hostSignal(Signal, options.metafields),
    settings: hostSignal(Signal, options.settings ?? {}),
    customer: hostSignal(Signal, options.customerId ? customer(options.customerId) : undefined),
  };
  /** Every change the extension asked for, in order (tests read it). */
  const discountChanges: DiscountCodeChange[] = [];

  const api = {
    i18n: createI18n(options.locales, options.locale),
    localization: {
      currency: hostSignal(Signal, { isoCode: options.currency }),
      timezone: hostSignal(Signal, "Etc/UTC"),
      ...languageSignals(Signal, options.locale),
      market: hostSignal(Signal, undefined),
    },
    settings: state.settings,
    appMetafields: state.appMetafields,
    buyerIdentity: {
      customer: state.customer,
      email: hostSignal(Signal, undefined),
      phone: hostSignal(Signal, undefined),
      purchasingCompany: hostSignal(Signal, undefined),
    },
    sessionToken: { get: options.sessionToken },
    discountCodes: state.discountCodes,
    instructions: state.instructions,
    cost: {
      subtotalAmount: state.subtotal,
      totalAmount: state.subtotal,
      totalShippingAmount: hostSignal(Signal, undefined),
      totalTaxAmount: hostSignal(Signal, undefined),
    },
    lines: state.lines,
    extension: extensionInfo(Signal, options.target as "purchase.checkout.block.render"),
    async applyDiscountCodeChange(change) {
      discountChanges.push(change);
      if (!state.instructions.value.discounts.canUpdateDiscountCodes) {
        return { type: "error", message: "Discount codes can't be changed in this checkout." };
      }
      const codes = state.discountCodes.value;
      const same = (code: string) => code.toLowerCase() === change.code.toLowerCase();
      if (change.type === "removeDiscountCode") {
        state.discountCodes.value = codes.filter((c) => !same(c.code));
        return { type: "success" };
      }
      if (codes.some((c) => same(c.code))) return { type: "success" };
      const refusal = options.checkCode ? await options.checkCode(change.code) : null;
      if (refusal !== null) return { type: "error", message: refusal };
      state.discountCodes.value = [...codes, { code: change.code }];
      return { type: "success" };
    },
  } satisfies CheckoutHost as CheckoutHost;

  return {
    api,
    state,
    discountChanges,
    setLines(lines: CheckoutLine[]) {
      state.lines.value = lines.map(cartLine);
      state.subtotal.value = money(subtotal(lines));
    },
    setCanUpdateDiscountCodes(can: boolean) {
      state.instructions.value = instructions(can);
    },
  };
}

function customer(id: string): Customer {
  return {
    id,
    image: { url: "" },
    acceptsMarketing: false,
    acceptsEmailMarketing: false,
    acceptsSmsMarketing: false,
    storeCreditAccounts: [],
    ordersCount: 0,
  };
}

function instructions(canUpdateDiscountCodes: boolean) {
  return {
    attributes: { canUpdateAttributes: true },
    delivery: { canSelectCustomAddress: true },
    discounts: { canUpdateDiscountCodes },
    lines: { canAddCartLine: true, canRemoveCartLine: true, canUpdateCartLine: true },
    metafields: { canSetCartMetafields: true, canDeleteCartMetafield: true },
    notes: { canUpdateNote: true },
  };
}
