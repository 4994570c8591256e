// The Admin calls of VIP tier sync (app/tiers/shopify.server.ts, decision 009): the shop's
// language, which recorded objects still exist, segments, automatic discounts and customers'
// tags. Each call is typed by its operation, waits out a low query cost bucket, and turns
// Shopify's user errors into a thrown error (the job fails and the worker retries it).
import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import {
  discountInput,
  languageOf,
  sameQuery,
  segmentName,
  shippingInput,
  type ShopLanguage,
  type TierSpec,
} from "../loyalty/tier-discounts";
import { respectThrottle } from "../shopify/throttle.server";

const SHOP_LOCALE = `#graphql
  query LaurelShopLocale {
    shopLocales(published: true) {
      locale
      primary
    }
  }
`;

/** Which of the recorded segments and discounts Shopify still has (missing ones come back null). */
const EXISTING = `#graphql
  query LaurelTierObjects($ids: [ID!]!) {
    nodes(ids: $ids) {
      id
    }
  }
`;

const SEGMENT_CREATE = `#graphql
  mutation LaurelTierSegmentCreate($name: String!, $query: String!) {
    segmentCreate(name: $name, query: $query) {
      segment {
        id
        name
      }
      userErrors {
        field
        message
      }
    }
  }
`;

const SEGMENT_UPDATE = `#graphql
  mutation LaurelTierSegmentUpdate($id: ID!, $name: String!, $query: String!) {
    segmentUpdate(id: $id, name: $name, query: $query) {
      segment {
        id
        name
      }
      userErrors {
        field
        message
      }
    }
  }
`;

const SEGMENTS_NAMED = `#graphql
  query LaurelTierSegmentsNamed($query: String!) {
    segments(first: 10, query: $query) {
      nodes {
        id
        name
        query
      }
    }
  }
`;

const SEGMENT_DELETE = `#graphql
  mutation LaurelTierSegmentDelete($id: ID!) {
    segmentDelete(id: $id) {
      deletedSegmentId
      userErrors {
        field
        message
      }
    }
  }
`;

const DISCOUNT_CREATE = `#graphql
  mutation LaurelTierDiscountCreate($input: DiscountAutomaticBasicInput!) {
    discountAutomaticBasicCreate(automaticBasicDiscount: $input) {
      automaticDiscountNode {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const DISCOUNT_UPDATE = `#graphql
  mutation LaurelTierDiscountUpdate($id: ID!, $input: DiscountAutomaticBasicInput!) {
    discountAutomaticBasicUpdate(id: $id, automaticBasicDiscount: $input) {
      automaticDiscountNode {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const SHIPPING_CREATE = `#graphql
  mutation LaurelTierShippingCreate($input: DiscountAutomaticFreeShippingInput!) {
    discountAutomaticFreeShippingCreate(freeShippingAutomaticDiscount: $input) {
      automaticDiscountNode {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const SHIPPING_UPDATE = `#graphql
  mutation LaurelTierShippingUpdate($id: ID!, $input: DiscountAutomaticFreeShippingInput!) {
    discountAutomaticFreeShippingUpdate(id: $id, freeShippingAutomaticDiscount: $input) {
      automaticDiscountNode {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const DISCOUNT_DELETE = `#graphql
  mutation LaurelTierDiscountDelete($id: ID!) {
    discountAutomaticDelete(id: $id) {
      deletedAutomaticDiscountId
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const CUSTOMER_TAGS = `#graphql
  query LaurelCustomerTags($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on Customer {
        id
        tags
      }
    }
  }
`;

const TAGS_ADD = `#graphql
  mutation LaurelTierTagsAdd($id: ID!, $tags: [String!]!) {
    tagsAdd(id: $id, tags: $tags) {
      userErrors {
        field
        message
      }
    }
  }
`;

const TAGS_REMOVE = `#graphql
  mutation LaurelTierTagsRemove($id: ID!, $tags: [String!]!) {
    tagsRemove(id: $id, tags: $tags) {
      userErrors {
        field
        message
      }
    }
  }
`;

type UserErrors = { field?: string[] | null; message: string }[] | undefined;

/** Shopify refused: the job fails and the worker retries it with backoff. */
function refused(operation: string, errors: UserErrors): Error {
  return new Error(`${operation}: ${errors?.map((e) => e.message).join("; ") || "no answer"}`);
}

/** Shopify refuses a second segment of the same name. */
const nameTaken = (errors: UserErrors) =>
  (errors ?? []).some((e) => e.field?.includes("name") || /already been taken/i.test(e.message));

/** A search term for an exact name: quoted, with quotes and backslashes escaped. */
const nameTerm = (name: string) => `name:"${name.replace(/["\\]/g, "\\$&")}"`;

/** How many numbered names Laurel tries before it gives up (and the job retries). */
const NAME_ATTEMPTS = 10;

/** The Admin calls of tier sync, each typed by its operation and mindful of the query cost bucket. */
export class TierShopify {
  private readonly admin: AdminApiContext;

  constructor(admin: AdminApiContext) {
    this.admin = admin;
  }

  private async data<T>(response: Response & { json(): Promise<{ data?: T }> }): Promise<T | undefined> {
    const body = await response.json();
    await respectThrottle(body);
    return body.data;
  }

  async language(): Promise<ShopLanguage> {
    const data = await this.data(await this.admin.graphql(SHOP_LOCALE));
    return languageOf(data?.shopLocales.find((l) => l.primary)?.locale);
  }

  async existing(ids: (string | null)[]): Promise<Set<string>> {
    const wanted = ids.filter((id): id is string => id !== null);
    if (wanted.length === 0) return new Set();
    const data = await this.data(await this.admin.graphql(EXISTING, { variables: { ids: wanted } }));
    return new Set((data?.nodes ?? []).flatMap((node) => (node ? [node.id] : [])));
  }

  /**
   * A new segment named after the spec, or numbered when the name is taken. A taken name whose
   * segment has this very query is Laurel's own from a run that stopped before recording it: adopted.
   */
  async createSegment(spec: TierSpec["segment"]): Promise<{ id: string; name: string }> {
    for (let attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
      const name = segmentName(spec.name, attempt);
      const data = await this.data(
        await this.admin.graphql(SEGMENT_CREATE, { variables: { name, query: spec.query } }),
      );
      const created = data?.segmentCreate;
      if (created?.segment) return created.segment;
      if (!nameTaken(created?.userErrors)) throw refused("segmentCreate", created?.userErrors);
      const named = await this.data(await this.admin.graphql(SEGMENTS_NAMED, { variables: { query: nameTerm(name) } }));
      const ours = named?.segments.nodes.find((s) => s.name === name && sameQuery(s.query, spec.query));
      if (ours) return { id: ours.id, name: ours.name };
    }
    throw new Error(`segmentCreate: no free name for "${spec.name}"`);
  }

  /** Renames and re-queries the segment (numbered if the name is taken); answers its name. */
  async updateSegment(id: string, spec: TierSpec["segment"]): Promise<string> {
    for (let attempt = 0; attempt < NAME_ATTEMPTS; attempt++) {
      const name = segmentName(spec.name, attempt);
      const variables = { id, name, query: spec.query };
      const data = await this.data(await this.admin.graphql(SEGMENT_UPDATE, { variables }));
      const updated = data?.segmentUpdate;
      if (updated?.segment) return updated.segment.name;
      if (!nameTaken(updated?.userErrors)) throw refused("segmentUpdate", updated?.userErrors);
    }
    throw new Error(`segmentUpdate: no free name for "${spec.name}"`);
  }

  async deleteSegment(id: string): Promise<void> {
    const data = await this.data(await this.admin.graphql(SEGMENT_DELETE, { variables: { id } }));
    if (!data?.segmentDelete?.deletedSegmentId) throw refused("segmentDelete", data?.segmentDelete?.userErrors);
  }

  async createDiscount(input: ReturnType<typeof discountInput>): Promise<string> {
    const data = await this.data(await this.admin.graphql(DISCOUNT_CREATE, { variables: { input } }));
    const node = data?.discountAutomaticBasicCreate?.automaticDiscountNode;
    if (!node) throw refused("discountAutomaticBasicCreate", data?.discountAutomaticBasicCreate?.userErrors);
    return node.id;
  }

  async updateDiscount(id: string, input: ReturnType<typeof discountInput>): Promise<void> {
    const data = await this.data(await this.admin.graphql(DISCOUNT_UPDATE, { variables: { id, input } }));
    const payload = data?.discountAutomaticBasicUpdate;
    if (!payload?.automaticDiscountNode) throw refused("discountAutomaticBasicUpdate", payload?.userErrors);
  }

  async createShipping(input: ReturnType<typeof shippingInput>): Promise<string> {
    const data = await this.data(await this.admin.graphql(SHIPPING_CREATE, { variables: { input } }));
    const node = data?.discountAutomaticFreeShippingCreate?.automaticDiscountNode;
    if (!node)
      throw refused("discountAutomaticFreeShippingCreate", data?.discountAutomaticFreeShippingCreate?.userErrors);
    return node.id;
  }

  async updateShipping(id: string, input: ReturnType<typeof shippingInput>): Promise<void> {
    const data = await this.data(await this.admin.graphql(SHIPPING_UPDATE, { variables: { id, input } }));
    const payload = data?.discountAutomaticFreeShippingUpdate;
    if (!payload?.automaticDiscountNode) throw refused("discountAutomaticFreeShippingUpdate", payload?.userErrors);
  }

  async deleteDiscount(id: string): Promise<void> {
    const data = await this.data(await this.admin.graphql(DISCOUNT_DELETE, { variables: { id } }));
    const payload = data?.discountAutomaticDelete;
    if (!payload?.deletedAutomaticDiscountId) throw refused("discountAutomaticDelete", payload?.userErrors);
  }

  /** Each existing customer's tags, by customer GID (customers Shopify no longer has are left out). */
  async customerTags(customerIds: string[]): Promise<Map<string, string[]>> {
    const data = await this.data(await this.admin.graphql(CUSTOMER_TAGS, { variables: { ids: customerIds } }));
    const tags = new Map<string, string[]>();
    for (const node of data?.nodes ?? []) if (node && "tags" in node) tags.set(node.id, node.tags);
    return tags;
  }

  async changeTags(customerId: string, change: { add: string[]; remove: string[] }): Promise<void> {
    if (change.remove.length > 0) {
      const data = await this.data(
        await this.admin.graphql(TAGS_REMOVE, { variables: { id: customerId, tags: change.remove } }),
      );
      const errors = data?.tagsRemove?.userErrors;
      if (!data?.tagsRemove || (errors?.length ?? 0) > 0) throw refused("tagsRemove", errors);
    }
    if (change.add.length > 0) {
      const data = await this.data(
        await this.admin.graphql(TAGS_ADD, { variables: { id: customerId, tags: change.add } }),
      );
      const errors = data?.tagsAdd?.userErrors;
      if (!data?.tagsAdd || (errors?.length ?? 0) > 0) throw refused("tagsAdd", errors);
    }
  }
}
