// Discount mutations: code discounts (basic, free shipping) and automatic ones, from Shopify's
// input types to emulator records, with the user errors Shopify gives for bad input.
import { parseGid } from "../state/ids.ts";
import { toMinor } from "../state/money.ts";
import type { AutomaticDiscount, BuyXGetY, CodeDiscount, ShopRecord } from "../state/types.ts";
import { automaticDiscountNodeView, codeDiscountNodeView, type ViewContext } from "./views.ts";

type DiscountUserError = { field: string[]; message: string; code: string; extraInfo: null };

interface ContextInput {
  all?: string | null;
  customers?: { add?: string[] | null } | null;
  /** On creation the segments; on update `add` and `remove` change the discount's list. */
  customerSegments?: { add?: string[] | null; remove?: string[] | null } | null;
}

interface SharedInput {
  title?: string | null;
  startsAt?: string | null;
  endsAt?: string | null;
  context?: ContextInput | null;
  minimumRequirement?: {
    subtotal?: { greaterThanOrEqualToSubtotal?: string | null } | null;
    quantity?: { greaterThanOrEqualToQuantity?: string | null } | null;
  } | null;
  combinesWith?: {
    orderDiscounts?: boolean | null;
    productDiscounts?: boolean | null;
    shippingDiscounts?: boolean | null;
  } | null;
  customerGets?: {
    value?: {
      percentage?: number | null;
      discountAmount?: { amount?: string | null; appliesOnEachItem?: boolean | null } | null;
    } | null;
    items?: {
      all?: boolean | null;
      products?: { productsToAdd?: string[] | null; productVariantsToAdd?: string[] | null } | null;
      collections?: { add?: string[] | null } | null;
    } | null;
  } | null;
  maximumShippingPrice?: string | null;
}

interface CodeInput extends SharedInput, Pick<BxgyInput, "customerBuys" | "usesPerOrderLimit"> {
  code?: string | null;
  usageLimit?: number | null;
  appliesOncePerCustomer?: boolean | null;
}

class Invalid extends Error {
  readonly error: DiscountUserError;
  constructor(error: DiscountUserError) {
    super(error.message);
    this.error = error;
  }
}

const invalid = (root: string, field: string[], message: string, code: string) =>
  new Invalid({ field: [root, ...field], message, code, extraInfo: null });

function ids(
  shop: ShopRecord,
  root: string,
  field: string[],
  values: string[] | null | undefined,
  type: string,
  map: Map<number, unknown>,
) {
  return (values ?? []).map((value) => {
    const parsed = parseGid(value, type);
    if (!parsed || !map.has(parsed.id)) throw invalid(root, field, `${type} ${value} does not exist`, "INVALID");
    return parsed.id;
  });
}

type ItemsInput = NonNullable<NonNullable<SharedInput["customerGets"]>["items"]>;

/** DiscountItemsInput → the products, variants and collections it names (or all items). */
function itemsFrom(
  shop: ShopRecord,
  root: string,
  part: string,
  input: ItemsInput | null | undefined,
): CodeDiscount["items"] {
  if (!input || input.all) return { all: true };
  const field = (...rest: string[]) => [part, "items", ...rest];
  const items = {
    productIds: ids(
      shop,
      root,
      field("products", "productsToAdd"),
      input.products?.productsToAdd,
      "Product",
      shop.products,
    ),
    variantIds: ids(
      shop,
      root,
      field("products", "productVariantsToAdd"),
      input.products?.productVariantsToAdd,
      "ProductVariant",
      shop.variants,
    ),
    collectionIds: ids(shop, root, field("collections", "add"), input.collections?.add, "Collection", shop.collections),
  };
  if (items.productIds.length + items.variantIds.length + items.collectionIds.length === 0) {
    throw invalid(root, [part, "items"], "Items must be entitled to something", "APPLIES_ON_NOTHING");
  }
  return items;
}

interface BxgyInput {
  customerBuys?: {
    items?: ItemsInput | null;
    value?: { quantity?: string | null; amount?: string | null } | null;
  } | null;
  customerGets?: {
    items?: ItemsInput | null;
    value?: {
      discountOnQuantity?: {
        quantity?: string | null;
        effect?: { percentage?: number | null; amount?: string | null } | null;
      } | null;
    } | null;
  } | null;
  usesPerOrderLimit?: number | null;
}

function bxgyFrom(shop: ShopRecord, root: string, input: BxgyInput): BuyXGetY {
  const buysValue = input.customerBuys?.value;
  const buys: BuyXGetY["buys"] | undefined = buysValue?.quantity
    ? { quantity: Number(buysValue.quantity) }
    : buysValue?.amount
      ? { amount: toMinor(buysValue.amount, shop.currency) }
      : undefined;
  if (!buys || ("quantity" in buys && !(buys.quantity >= 1))) {
    throw invalid(root, ["customerBuys", "value"], "Customer buys value must be a quantity or an amount", "BLANK");
  }
  const onQuantity = input.customerGets?.value?.discountOnQuantity;
  const quantityField = ["customerGets", "value", "discountOnQuantity"];
  const getsQuantity = Number(onQuantity?.quantity ?? 0);
  if (!(getsQuantity >= 1)) {
    throw invalid(root, [...quantityField, "quantity"], "Quantity must be greater than 0", "GREATER_THAN");
  }
  const effect = onQuantity?.effect;
  let parsed: BuyXGetY["effect"];
  if (effect?.percentage != null) {
    if (!(effect.percentage > 0 && effect.percentage <= 1)) {
      throw invalid(
        root,
        [...quantityField, "effect", "percentage"],
        "Value must be between 0.0 and 1.0",
        "VALUE_OUTSIDE_RANGE",
      );
    }
    parsed = { percentage: String(effect.percentage) };
  } else if (effect?.amount != null) {
    parsed = { amount: toMinor(effect.amount, shop.currency) };
  } else {
    throw invalid(root, [...quantityField, "effect"], "Effect can't be blank", "BLANK");
  }
  return {
    buysItems: itemsFrom(shop, root, "customerBuys", input.customerBuys?.items),
    buys,
    getsItems: itemsFrom(shop, root, "customerGets", input.customerGets?.items),
    getsQuantity,
    effect: parsed,
    usesPerOrderLimit: input.usesPerOrderLimit ?? null,
  };
}

type Minimum = CodeDiscount["minimumRequirement"];

function minimumFrom(shop: ShopRecord, root: string, minimum: SharedInput["minimumRequirement"]): Minimum {
  if (minimum?.subtotal && minimum.quantity) {
    throw invalid(
      root,
      ["minimumRequirement"],
      "Minimum subtotal and quantity can't both be present",
      "MINIMUM_SUBTOTAL_AND_QUANTITY_RANGE_BOTH_PRESENT",
    );
  }
  return minimum?.subtotal?.greaterThanOrEqualToSubtotal
    ? { subtotal: toMinor(minimum.subtotal.greaterThanOrEqualToSubtotal, shop.currency) }
    : minimum?.quantity?.greaterThanOrEqualToQuantity
      ? { quantity: Number(minimum.quantity.greaterThanOrEqualToQuantity) }
      : null;
}

type GetsValue = NonNullable<NonNullable<SharedInput["customerGets"]>["value"]>;

function valueFrom(shop: ShopRecord, root: string, value: GetsValue | null | undefined): CodeDiscount["value"] {
  const percentage = value?.percentage;
  const amount = value?.discountAmount?.amount;
  if (percentage != null) {
    if (!(percentage > 0 && percentage <= 1)) {
      throw invalid(
        root,
        ["customerGets", "value", "percentage"],
        "Value must be between 0.0 and 1.0",
        "VALUE_OUTSIDE_RANGE",
      );
    }
    return { kind: "percentage", percentage: String(percentage) };
  }
  if (amount != null) {
    const minor = toMinor(amount, shop.currency);
    if (minor <= 0)
      throw invalid(
        root,
        ["customerGets", "value", "discountAmount", "amount"],
        "Value must be greater than 0",
        "GREATER_THAN",
      );
    return { kind: "amount", amount: minor, appliesOnEachItem: value?.discountAmount?.appliesOnEachItem ?? false };
  }
  throw invalid(root, ["customerGets", "value"], "Value can't be blank", "BLANK");
}

const combinesFrom = (input: SharedInput["combinesWith"], base: CodeDiscount["combinesWith"]) => ({
  orderDiscounts: input?.orderDiscounts ?? base.orderDiscounts,
  productDiscounts: input?.productDiscounts ?? base.productDiscounts,
  shippingDiscounts: input?.shippingDiscounts ?? base.shippingDiscounts,
});

const NO_COMBINATIONS = { orderDiscounts: false, productDiscounts: false, shippingDiscounts: false };

function shared(shop: ShopRecord, root: string, input: SharedInput, kind: CodeDiscount["kind"], now: Date) {
  const title = input.title?.trim();
  if (!title) throw invalid(root, ["title"], "Title can't be blank", "BLANK");
  const startsAt = input.startsAt ? new Date(input.startsAt) : now;
  const endsAt = input.endsAt ? new Date(input.endsAt) : null;
  if (endsAt && endsAt <= startsAt)
    throw invalid(root, ["endsAt"], "Ends at needs to be after starts_at", "END_DATE_BEFORE_START_DATE");
  const context = input.context ?? {};
  const customerIds = context.customers?.add
    ? ids(shop, root, ["context", "customers", "add"], context.customers.add, "Customer", shop.customers)
    : null;
  const segmentIds = context.customerSegments?.add
    ? ids(shop, root, ["context", "customerSegments", "add"], context.customerSegments.add, "Segment", shop.segments)
    : null;
  const minimumRequirement = minimumFrom(shop, root, input.minimumRequirement);
  let value: CodeDiscount["value"] = { kind: "percentage", percentage: "1" };
  let items: CodeDiscount["items"] = { all: true };
  if (kind === "basic") {
    value = valueFrom(shop, root, input.customerGets?.value);
    items = itemsFrom(shop, root, "customerGets", input.customerGets?.items);
  }
  return {
    title,
    startsAt,
    endsAt,
    customerIds,
    segmentIds,
    minimumRequirement,
    value,
    items,
    maximumShippingPrice: input.maximumShippingPrice ? toMinor(input.maximumShippingPrice, shop.currency) : null,
    combinesWith: combinesFrom(input.combinesWith, NO_COMBINATIONS),
  };
}

function attempt<T>(work: () => T, empty: Record<string, null>) {
  try {
    return work();
  } catch (error) {
    if (error instanceof Invalid) return { ...empty, userErrors: [error.error] };
    if (error instanceof Error && /decimal|more decimals/.test(error.message)) {
      return { ...empty, userErrors: [{ field: null, message: error.message, code: "INVALID", extraInfo: null }] };
    }
    throw error;
  }
}

export function createCodeDiscount(
  kind: CodeDiscount["kind"],
  root: string,
  input: CodeInput,
  ctx: ViewContext,
  now = new Date(),
) {
  return attempt(
    () => {
      const { shop, store } = ctx;
      const code = input.code?.trim();
      if (!code) throw invalid(root, ["code"], "Code can't be blank", "BLANK");
      if (code.length > 255 || /[\r\n]/.test(code)) throw invalid(root, ["code"], "Code is invalid", "INVALID");
      const taken = [...shop.codeDiscounts.values()].some((d) =>
        d.codes.some((c) => c.code.toLowerCase() === code.toLowerCase()),
      );
      if (taken) throw invalid(root, ["code"], "Code must be unique. Please try a different code.", "TAKEN");
      if (input.usageLimit != null && input.usageLimit < 1) {
        throw invalid(root, ["usageLimit"], "Usage limit must be greater than 0", "GREATER_THAN");
      }
      const discount: CodeDiscount = {
        id: store.nextId(shop),
        kind,
        ...shared(shop, root, input, kind, now),
        codes: [{ id: store.nextId(shop), code, usageCount: 0 }],
        usageLimit: input.usageLimit ?? null,
        appliesOncePerCustomer: input.appliesOncePerCustomer ?? false,
        bxgy: kind === "bxgy" ? bxgyFrom(shop, root, input as BxgyInput) : null,
        createdAt: now,
        updatedAt: now,
      };
      shop.codeDiscounts.set(discount.id, discount);
      return { codeDiscountNode: codeDiscountNodeView(discount, ctx), userErrors: [] };
    },
    { codeDiscountNode: null },
  );
}

export function createAutomaticDiscount(
  kind: "basic" | "free_shipping",
  root: string,
  input: SharedInput,
  ctx: ViewContext,
  now = new Date(),
) {
  return attempt(
    () => {
      const { shop, store } = ctx;
      const { customerIds, ...rest } = shared(shop, root, input, kind, now);
      if (customerIds)
        throw invalid(root, ["context", "customers"], "Automatic discounts can't target customers", "INVALID");
      const discount: AutomaticDiscount = { id: store.nextId(shop), kind, ...rest, createdAt: now, updatedAt: now };
      shop.automaticDiscounts.set(discount.id, discount);
      return { automaticDiscountNode: automaticDiscountNodeView(discount, ctx), userErrors: [] };
    },
    { automaticDiscountNode: null },
  );
}

/**
 * discountAutomaticBasicUpdate / discountAutomaticFreeShippingUpdate: what the input names
 * changes, everything else stays (as in Shopify); `context.customerSegments` adds to and removes
 * from the discount's segments. Checked whole before anything changes.
 */
export function updateAutomaticDiscount(
  kind: AutomaticDiscount["kind"],
  root: string,
  id: string,
  input: SharedInput,
  ctx: ViewContext,
  now = new Date(),
) {
  return attempt(
    () => {
      const { shop } = ctx;
      const parsed = parseGid(id, "DiscountAutomaticNode");
      const existing = parsed && shop.automaticDiscounts.get(parsed.id);
      if (!existing)
        throw new Invalid({ field: ["id"], message: "Discount does not exist", code: "INVALID", extraInfo: null });
      if (existing.kind !== kind) {
        throw new Invalid({
          field: ["id"],
          message: `Discount is not a ${kind} automatic discount`,
          code: "INVALID",
          extraInfo: null,
        });
      }
      const next: AutomaticDiscount = { ...existing, updatedAt: now };
      if (input.title != null) {
        next.title = input.title.trim();
        if (!next.title) throw invalid(root, ["title"], "Title can't be blank", "BLANK");
      }
      if (input.startsAt != null) next.startsAt = new Date(input.startsAt);
      if (input.endsAt !== undefined) next.endsAt = input.endsAt === null ? null : new Date(input.endsAt);
      if (next.endsAt && next.endsAt <= next.startsAt)
        throw invalid(root, ["endsAt"], "Ends at needs to be after starts_at", "END_DATE_BEFORE_START_DATE");
      const context = input.context;
      if (context?.customers)
        throw invalid(root, ["context", "customers"], "Automatic discounts can't target customers", "INVALID");
      if (context?.all) next.segmentIds = null;
      if (context?.customerSegments) {
        const field = ["context", "customerSegments"];
        const add = ids(shop, root, [...field, "add"], context.customerSegments.add, "Segment", shop.segments);
        const remove = (context.customerSegments.remove ?? []).map((value) => {
          const segment = parseGid(value, "Segment");
          if (!segment) throw invalid(root, [...field, "remove"], `Segment ${value} does not exist`, "INVALID");
          return segment.id;
        });
        const kept = (existing.segmentIds ?? []).filter((s) => !remove.includes(s));
        next.segmentIds = [...new Set([...kept, ...add])];
      }
      if (input.minimumRequirement !== undefined)
        next.minimumRequirement = minimumFrom(shop, root, input.minimumRequirement);
      if (input.combinesWith != null) next.combinesWith = combinesFrom(input.combinesWith, existing.combinesWith);
      if (kind === "basic" && input.customerGets != null) {
        if (input.customerGets.value != null) next.value = valueFrom(shop, root, input.customerGets.value);
        if (input.customerGets.items != null)
          next.items = itemsFrom(shop, root, "customerGets", input.customerGets.items);
      }
      if (kind === "free_shipping" && input.maximumShippingPrice !== undefined) {
        next.maximumShippingPrice = input.maximumShippingPrice
          ? toMinor(input.maximumShippingPrice, shop.currency)
          : null;
      }
      Object.assign(existing, next);
      return { automaticDiscountNode: automaticDiscountNodeView(existing, ctx), userErrors: [] };
    },
    { automaticDiscountNode: null },
  );
}

export function deleteDiscount(id: string, type: "DiscountCodeNode" | "DiscountAutomaticNode", ctx: ViewContext) {
  const parsed = parseGid(id, type);
  const map = type === "DiscountCodeNode" ? ctx.shop.codeDiscounts : ctx.shop.automaticDiscounts;
  const key = type === "DiscountCodeNode" ? "deletedCodeDiscountId" : "deletedAutomaticDiscountId";
  if (!parsed || !map.delete(parsed.id)) {
    return {
      [key]: null,
      userErrors: [{ field: ["id"], message: "Discount does not exist", code: "INVALID", extraInfo: null }],
    };
  }
  return { [key]: id, userErrors: [] };
}
