// metafieldsSet and metafield definitions, with the validation Shopify applies: at most 25 per
// call, all-or-nothing, a type for every new metafield (or its definition's), values that fit the
// type, and no writing into another app's reserved namespace.
import { GraphQLError } from "graphql";
import { parseGid } from "../state/ids.ts";
import type { Metafield, MetafieldDefinition, ShopRecord } from "../state/types.ts";
import {
  metafieldDefinitionView,
  metafieldView,
  ownerView,
  resolveNamespace,
  shopNumericId,
  type ViewContext,
} from "./views.ts";

export const MAX_METAFIELDS_PER_SET = 25;

const OWNER_TYPES: Record<string, string> = {
  Customer: "CUSTOMER",
  Shop: "SHOP",
  Order: "ORDER",
  Product: "PRODUCT",
  ProductVariant: "PRODUCTVARIANT",
  Collection: "COLLECTION",
  DiscountCodeNode: "DISCOUNT",
  DiscountAutomaticNode: "DISCOUNT",
};

const VALUE_CHECKS: Record<string, (value: string) => boolean> = {
  single_line_text_field: (v) => !/[\r\n]/.test(v),
  multi_line_text_field: () => true,
  number_integer: (v) => /^-?\d+$/.test(v) && Number.isSafeInteger(Number(v)),
  number_decimal: (v) => /^-?\d+(\.\d+)?$/.test(v),
  boolean: (v) => v === "true" || v === "false",
  date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)),
  date_time: (v) => !Number.isNaN(Date.parse(v)),
  url: (v) => URL.canParse(v),
  color: (v) => /^#[0-9a-fA-F]{6}$/.test(v),
  json: (v) => parsesAsJson(v),
  money: (v) => parsesAsJson(v) && /"amount"/.test(v) && /"currency_code"/.test(v),
};

function parsesAsJson(value: string) {
  try {
    JSON.parse(value);
    return true;
  } catch {
    return false;
  }
}

function validValue(type: string, value: string): boolean | undefined {
  if (type.startsWith("list.")) {
    const inner = VALUE_CHECKS[type.slice(5)];
    if (!inner || !parsesAsJson(value)) return inner ? false : undefined;
    const list = JSON.parse(value) as unknown;
    return Array.isArray(list) && list.every((item) => inner(typeof item === "string" ? item : JSON.stringify(item)));
  }
  return VALUE_CHECKS[type]?.(value);
}

interface SetInput {
  ownerId: string;
  namespace?: string | null;
  key: string;
  type?: string | null;
  value: string;
  compareDigest?: string | null;
}

type UserError = { field: string[]; message: string; code: string; elementIndex: number };

function ownerExists(shop: ShopRecord, ownerGid: string): string | undefined {
  const parsed = parseGid(ownerGid);
  if (!parsed) return undefined;
  const ownerType = OWNER_TYPES[parsed.type];
  if (!ownerType) return undefined;
  const exists =
    parsed.type === "Shop"
      ? parsed.id === shopNumericId(shop)
      : {
          Customer: shop.customers,
          Order: shop.orders,
          Product: shop.products,
          ProductVariant: shop.variants,
          Collection: shop.collections,
          DiscountCodeNode: shop.codeDiscounts,
          DiscountAutomaticNode: shop.automaticDiscounts,
        }[parsed.type]?.has(parsed.id);
  return exists ? ownerType : undefined;
}

export function metafieldsSet(inputs: SetInput[], ctx: ViewContext, now = new Date()) {
  if (inputs.length > MAX_METAFIELDS_PER_SET) {
    throw new GraphQLError(
      `The input array size of ${inputs.length} is greater than the maximum allowed of ${MAX_METAFIELDS_PER_SET}.`,
      { path: ["metafieldsSet", "metafields"], extensions: { code: "MAX_INPUT_SIZE_EXCEEDED" } },
    );
  }
  const { shop } = ctx;
  const errors: UserError[] = [];
  const planned: { existing?: Metafield; next: Omit<Metafield, "id" | "createdAt" | "updatedAt"> }[] = [];
  const ownNamespace = `app--${ctx.store.app.appId}`;
  inputs.forEach((input, index) => {
    const fail = (field: string, message: string, code: string) =>
      errors.push({ field: ["metafields", String(index), field], message, code, elementIndex: index });
    const namespace = resolveNamespace(input.namespace, ctx);
    const ownerType = ownerExists(shop, input.ownerId);
    if (!ownerType) return fail("ownerId", "Owner does not exist.", "INVALID");
    if (/^app--\d+/.test(namespace) && namespace !== ownNamespace && !namespace.startsWith(`${ownNamespace}--`)) {
      return fail(
        "namespace",
        "Access to this namespace and key on Metafields for this resource type is not allowed.",
        "APP_NOT_AUTHORIZED",
      );
    }
    if (!input.key || input.key.length < 2)
      return fail("key", "Key is too short (minimum is 2 characters)", "TOO_SHORT");
    const definition = [...shop.metafieldDefinitions.values()].find(
      (d) => d.ownerType === ownerType && d.namespace === namespace && d.key === input.key,
    );
    const existing = [...shop.metafields.values()].find(
      (m) => m.ownerGid === input.ownerId && m.namespace === namespace && m.key === input.key,
    );
    const type = input.type ?? definition?.type ?? existing?.type;
    if (!type) return fail("type", "Type can't be blank", "BLANK");
    if (definition && definition.type !== type) {
      return fail("type", `Type must be ${definition.type} to match the definition.`, "INVALID_TYPE");
    }
    const valid = validValue(type, input.value);
    if (valid === undefined) return fail("type", `Type '${type}' is not a valid type.`, "INVALID_TYPE");
    if (!valid) return fail("value", `Value is invalid for type ${type}.`, "INVALID_VALUE");
    if (input.compareDigest && existing && input.compareDigest !== metafieldView(existing, ctx).compareDigest) {
      return fail("compareDigest", "The resource has been updated since it was loaded.", "STALE_OBJECT");
    }
    planned.push({ existing, next: { ownerGid: input.ownerId, namespace, key: input.key, type, value: input.value } });
  });
  // All or nothing: one bad metafield saves none.
  if (errors.length > 0) return { metafields: null, userErrors: errors };
  const saved = planned.map(({ existing, next }) => {
    if (existing) {
      Object.assign(existing, next, { updatedAt: now });
      return existing;
    }
    const metafield: Metafield = { ...next, id: ctx.store.nextId(shop), createdAt: now, updatedAt: now };
    shop.metafields.set(`${metafield.ownerGid}|${metafield.namespace}|${metafield.key}`, metafield);
    return metafield;
  });
  return { metafields: saved.map((m) => metafieldView(m, ctx)), userErrors: [] };
}

export function metafieldsDelete(inputs: { ownerId: string; namespace: string; key: string }[], ctx: ViewContext) {
  const deleted = inputs.map((input) => {
    const namespace = resolveNamespace(input.namespace, ctx);
    const entry = [...ctx.shop.metafields.entries()].find(
      ([, m]) => m.ownerGid === input.ownerId && m.namespace === namespace && m.key === input.key,
    );
    if (!entry) return null;
    ctx.shop.metafields.delete(entry[0]);
    return { __typename: "MetafieldIdentifier", ownerId: input.ownerId, namespace, key: input.key };
  });
  return { deletedMetafields: deleted, userErrors: [] };
}

export function metafieldDefinitionCreate(
  input: {
    ownerType: string;
    namespace?: string | null;
    key: string;
    name: string;
    type: string;
    description?: string | null;
    access?: Record<string, string> | null;
  },
  ctx: ViewContext,
) {
  const namespace = resolveNamespace(input.namespace, ctx);
  const fail = (field: string, message: string, code: string) => ({
    createdDefinition: null,
    userErrors: [{ field: ["definition", field], message, code }],
  });
  if (!input.name.trim()) return fail("name", "Name can't be blank", "BLANK");
  const base = input.type.startsWith("list.") ? input.type.slice("list.".length) : input.type;
  if (!(base in VALUE_CHECKS)) {
    return fail("type", `Type '${input.type}' is not a valid type.`, "INCLUSION");
  }
  const taken = [...ctx.shop.metafieldDefinitions.values()].some(
    (d) => d.ownerType === input.ownerType && d.namespace === namespace && d.key === input.key,
  );
  if (taken) return fail("key", "Key is in use for this owner type and namespace.", "TAKEN");
  const definition: MetafieldDefinition = {
    id: ctx.store.nextId(ctx.shop),
    ownerType: input.ownerType,
    namespace,
    key: input.key,
    name: input.name,
    type: input.type,
    description: input.description ?? null,
    access: input.access ?? {},
  };
  ctx.shop.metafieldDefinitions.set(definition.id, definition);
  return { createdDefinition: metafieldDefinitionView(definition), userErrors: [] };
}

export { ownerView };
