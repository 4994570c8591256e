// Members' balances in Shopify: customer metafields in Laurel's own namespace, so the checkout
// and account extensions (and themes) can read them without calling Laurel. Changes are queued
// in the transaction that makes them and sent in batches by the worker.
import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import db from "../db.server";
import type { ClaimedJob } from "../jobs/queue.server";
import { unauthenticated } from "../shopify.server";
import type { MemberRow } from "./ledger.server";

export { SYNC_MEMBER } from "./ledger.server";

export const METAFIELD_NAMESPACE = "$app:loyalty";
const BATCH = 25; // metafieldsSet takes at most 25 metafields per call
const LOW_WATER = 200; // points of query cost to keep in the bucket before the next call

/** Sets up to 25 metafields, all or nothing (also the shop's published rewards). */
export const SET_METAFIELDS = `#graphql
  mutation SyncMemberMetafields($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields {
        key
      }
      userErrors {
        field
        message
        code
        elementIndex
      }
    }
  }
`;

const CREATE_DEFINITION = `#graphql
  mutation CreateLoyaltyMetafieldDefinition($definition: MetafieldDefinitionInput!) {
    metafieldDefinitionCreate(definition: $definition) {
      createdDefinition {
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

const DEFINITIONS = [
  {
    ownerType: "CUSTOMER",
    key: "points",
    name: "Loyalty points",
    type: "number_integer",
    description: "Points the member can spend now.",
  },
  {
    ownerType: "CUSTOMER",
    key: "member",
    name: "Loyalty membership",
    type: "json",
    description: "Balance, pending points and lifetime totals.",
  },
  {
    ownerType: "SHOP",
    key: "rewards",
    name: "Loyalty rewards",
    type: "json",
    description: "The rewards members can redeem now, for checkout's first paint.",
  },
] as const;

/** At install: the definitions that let storefronts and customer accounts read the metafields. */
export async function ensureMetafieldDefinitions(admin: AdminApiContext) {
  for (const definition of DEFINITIONS) {
    const response = await admin.graphql(CREATE_DEFINITION, {
      variables: {
        definition: {
          ...definition,
          namespace: METAFIELD_NAMESPACE,
          access: { admin: "MERCHANT_READ", storefront: "PUBLIC_READ", customerAccount: "READ" },
        },
      },
    });
    const body = await response.json();
    const errors = body.data?.metafieldDefinitionCreate?.userErrors ?? [];
    // Already there (a reinstall): fine.
    const real = errors.filter((e) => e.code !== "TAKEN");
    if (real.length > 0)
      throw new Error(`metafield definition ${definition.key}: ${real.map((e) => e.message).join("; ")}`);
  }
}

export function metafieldsFor(member: MemberRow) {
  return [
    {
      ownerId: member.customerId,
      namespace: METAFIELD_NAMESPACE,
      key: "points",
      type: "number_integer",
      value: String(member.available),
    },
    {
      ownerId: member.customerId,
      namespace: METAFIELD_NAMESPACE,
      key: "member",
      type: "json",
      value: JSON.stringify({
        points: member.available,
        pending: member.pending,
        lifetimeEarned: member.lifetimeEarned,
        lifetimeRedeemed: member.lifetimeRedeemed,
      }),
    },
  ];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The worker's handler: one shop's queued member syncs, in batches of 25 metafields. */
export async function syncMembers(shop: string, jobs: ClaimedJob[]): Promise<void> {
  const members = (await db.member.findMany({
    where: { shop, id: { in: jobs.map((j) => j.key) }, status: "active" },
  })) as MemberRow[];
  const metafields = members.flatMap(metafieldsFor);
  if (metafields.length === 0) return;
  const { admin } = await unauthenticated.admin(shop);
  for (let i = 0; i < metafields.length; i += BATCH) {
    const response = await admin.graphql(SET_METAFIELDS, { variables: { metafields: metafields.slice(i, i + BATCH) } });
    const body = await response.json();
    const errors = body.data?.metafieldsSet?.userErrors ?? [];
    if (errors.length > 0) throw new Error(`metafieldsSet: ${errors.map((e) => e.message).join("; ")}`);
    const throttle = (
      body as { extensions?: { cost?: { throttleStatus?: { currentlyAvailable: number; restoreRate: number } } } }
    ).extensions?.cost?.throttleStatus;
    if (throttle && throttle.currentlyAvailable < LOW_WATER) {
      await sleep(((LOW_WATER - throttle.currentlyAvailable) / throttle.restoreRate) * 1000);
    }
  }
}
