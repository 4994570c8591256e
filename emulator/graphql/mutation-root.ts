// Mutation: the writes the emulator performs on its state.
import { parseGid } from "../state/ids.ts";
import { InputError } from "../state/store.ts";
import { compileSegmentQuery, SegmentQueryError } from "../state/segments.ts";
import { createAutomaticDiscount, createCodeDiscount, deleteDiscount, updateAutomaticDiscount } from "./discounts.ts";
import { metafieldDefinitionCreate, metafieldsDelete, metafieldsSet } from "./metafields.ts";
import { customerView, ownerView, segmentView, type ViewContext } from "./views.ts";

const TAGGABLE = ["Customer", "Order", "Product"];

export function mutationRoot(ctx: ViewContext) {
  const { shop, store } = ctx;
  const changeTags = (id: string, tags: string[], add: boolean) => {
    const parsed = parseGid(id);
    if (!parsed || !TAGGABLE.includes(parsed.type))
      return { node: null, userErrors: [{ field: ["id"], message: "Invalid id" }] };
    try {
      store.changeTags(shop, parsed.type, parsed.id, add ? tags : [], add ? [] : tags);
    } catch {
      return { node: null, userErrors: [{ field: ["id"], message: `${parsed.type} does not exist` }] };
    }
    return { node: ownerView(id, ctx), userErrors: [] };
  };
  const segmentError = (error: unknown) => {
    if (error instanceof SegmentQueryError)
      return { segment: null, userErrors: [{ field: ["query"], message: error.message }] };
    throw error;
  };
  return {
    metafieldsSet: ({ metafields }: { metafields: Parameters<typeof metafieldsSet>[0] }) =>
      metafieldsSet(metafields, ctx, store.now()),
    metafieldsDelete: ({ metafields }: { metafields: Parameters<typeof metafieldsDelete>[0] }) =>
      metafieldsDelete(metafields, ctx),
    metafieldDefinitionCreate: ({ definition }: { definition: Parameters<typeof metafieldDefinitionCreate>[0] }) =>
      metafieldDefinitionCreate(definition, ctx),
    tagsAdd: ({ id, tags }: { id: string; tags: string[] }) => changeTags(id, tags, true),
    tagsRemove: ({ id, tags }: { id: string; tags: string[] }) => changeTags(id, tags, false),
    customerUpdate: ({
      input,
    }: {
      input: {
        id?: string | null;
        email?: string | null;
        firstName?: string | null;
        lastName?: string | null;
        note?: string | null;
        tags?: string[] | null;
        emailMarketingConsent?: { marketingState: string } | null;
      };
    }) => {
      const parsed = input.id ? parseGid(input.id, "Customer") : undefined;
      if (!parsed || !shop.customers.has(parsed.id)) {
        return { customer: null, userErrors: [{ field: ["id"], message: "Customer does not exist" }] };
      }
      try {
        const customer = store.updateCustomer(shop, parsed.id, {
          ...(input.email !== undefined ? { email: input.email } : {}),
          ...(input.firstName !== undefined ? { firstName: input.firstName } : {}),
          ...(input.lastName !== undefined ? { lastName: input.lastName } : {}),
          ...(input.note !== undefined ? { note: input.note } : {}),
          ...(input.tags ? { tags: input.tags } : {}),
          ...(input.emailMarketingConsent
            ? { acceptsMarketing: input.emailMarketingConsent.marketingState === "SUBSCRIBED" }
            : {}),
        });
        return { customer: customerView(customer, ctx), userErrors: [] };
      } catch (error) {
        if (error instanceof InputError)
          return { customer: null, userErrors: [{ field: [error.field], message: error.message }] };
        throw error;
      }
    },
    segmentCreate: ({ name, query }: { name: string; query: string }) => {
      try {
        compileSegmentQuery(query);
      } catch (error) {
        return segmentError(error);
      }
      if ([...shop.segments.values()].some((s) => s.name === name)) {
        return { segment: null, userErrors: [{ field: ["name"], message: "Name has already been taken" }] };
      }
      const now = store.now();
      const segment = { id: store.nextId(shop), name, query, createdAt: now, updatedAt: now };
      shop.segments.set(segment.id, segment);
      return { segment: segmentView(segment), userErrors: [] };
    },
    segmentUpdate: ({ id, name, query }: { id: string; name?: string | null; query?: string | null }) => {
      const parsed = parseGid(id, "Segment");
      const segment = parsed && shop.segments.get(parsed.id);
      if (!segment) return { segment: null, userErrors: [{ field: ["id"], message: "Segment does not exist" }] };
      // Checked whole before anything changes; names stay unique, as on creation.
      if (name != null && [...shop.segments.values()].some((s) => s.name === name && s !== segment)) {
        return { segment: null, userErrors: [{ field: ["name"], message: "Name has already been taken" }] };
      }
      if (query != null) {
        try {
          compileSegmentQuery(query);
        } catch (error) {
          return segmentError(error);
        }
        segment.query = query;
      }
      if (name != null) segment.name = name;
      segment.updatedAt = store.now();
      return { segment: segmentView(segment), userErrors: [] };
    },
    segmentDelete: ({ id }: { id: string }) => {
      const parsed = parseGid(id, "Segment");
      if (!parsed || !shop.segments.delete(parsed.id)) {
        return { deletedSegmentId: null, userErrors: [{ field: ["id"], message: "Segment does not exist" }] };
      }
      return { deletedSegmentId: id, userErrors: [] };
    },
    discountCodeBasicCreate: ({ basicCodeDiscount }: { basicCodeDiscount: Parameters<typeof createCodeDiscount>[2] }) =>
      createCodeDiscount("basic", "basicCodeDiscount", basicCodeDiscount, ctx, store.now()),
    discountCodeFreeShippingCreate: ({
      freeShippingCodeDiscount,
    }: {
      freeShippingCodeDiscount: Parameters<typeof createCodeDiscount>[2];
    }) => createCodeDiscount("free_shipping", "freeShippingCodeDiscount", freeShippingCodeDiscount, ctx, store.now()),
    discountCodeBxgyCreate: ({ bxgyCodeDiscount }: { bxgyCodeDiscount: Parameters<typeof createCodeDiscount>[2] }) =>
      createCodeDiscount("bxgy", "bxgyCodeDiscount", bxgyCodeDiscount, ctx, store.now()),
    discountCodeDelete: ({ id }: { id: string }) => deleteDiscount(id, "DiscountCodeNode", ctx),
    discountAutomaticBasicCreate: ({
      automaticBasicDiscount,
    }: {
      automaticBasicDiscount: Parameters<typeof createAutomaticDiscount>[2];
    }) => createAutomaticDiscount("basic", "automaticBasicDiscount", automaticBasicDiscount, ctx, store.now()),
    discountAutomaticFreeShippingCreate: ({
      freeShippingAutomaticDiscount,
    }: {
      freeShippingAutomaticDiscount: Parameters<typeof createAutomaticDiscount>[2];
    }) =>
      createAutomaticDiscount(
        "free_shipping",
        "freeShippingAutomaticDiscount",
        freeShippingAutomaticDiscount,
        ctx,
        store.now(),
      ),
    discountAutomaticBasicUpdate: ({
      id,
      automaticBasicDiscount,
    }: {
      id: string;
      automaticBasicDiscount: Parameters<typeof updateAutomaticDiscount>[3];
    }) => updateAutomaticDiscount("basic", "automaticBasicDiscount", id, automaticBasicDiscount, ctx, store.now()),
    discountAutomaticFreeShippingUpdate: ({
      id,
      freeShippingAutomaticDiscount,
    }: {
      id: string;
      freeShippingAutomaticDiscount: Parameters<typeof updateAutomaticDiscount>[3];
    }) =>
      updateAutomaticDiscount(
        "free_shipping",
        "freeShippingAutomaticDiscount",
        id,
        freeShippingAutomaticDiscount,
        ctx,
        store.now(),
      ),
    discountAutomaticDelete: ({ id }: { id: string }) => deleteDiscount(id, "DiscountAutomaticNode", ctx),
  };
}
