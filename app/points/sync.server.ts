// Members' balances and tiers in Shopify: customer metafields in Laurel's own namespace, so the
// checkout and account extensions (and themes) can read them without calling Laurel. Changes are
// queued in the transaction that makes them and sent in batches by the worker.
import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import db from "../db.server";
import { transaction } from "../db/sql.server";
import type { ClaimedJob } from "../jobs/queue.server";
import { effectiveTier, type Ladder } from "../loyalty/tiers";
import { unauthenticated } from "../shopify.server";
import { respectThrottle } from "../shopify/throttle.server";
import { loadLadder } from "../tiers/ladder.server";
import { qualifyMember } from "../tiers/members.server";
import { lockedMember, type MemberRow } from "./ledger.server";

export { SYNC_MEMBER } from "./ledger.server";

export const METAFIELD_NAMESPACE = "$app:loyalty";
const BATCH = 25; // metafieldsSet takes at most 25 metafields per call

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
    description: "Balance, pending points, lifetime totals and VIP tier.",
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

/** What the member metafield says of the member's tier: the one they hold for perks, or none. */
export function tierFor(ladder: Ladder | null, tierId: string | null) {
  const tier = effectiveTier(ladder, tierId);
  return tier ? { id: tier.id, name: tier.name } : null;
}

/** The member's metafields; `tier` is their effective tier (tierFor). */
export function metafieldsFor(member: MemberRow, tier: ReturnType<typeof tierFor> = null) {
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
        tier,
      }),
    },
  ];
}

/**
 * Points from actions and adjustments count toward a points ladder: before sending, each member
 * of the batch is given the tier their points now reach (their own transaction, member locked).
 * Orders qualify members where they are paid; spend and order ladders need nothing here.
 */
async function qualifyForPoints(shop: string, ladder: Ladder | null, memberIds: string[], now: Date) {
  if (!ladder?.enabled || ladder.metric !== "points") return;
  for (const id of memberIds) {
    await transaction(db, async (tx) => {
      await lockedMember(tx, id);
      await qualifyMember(tx, shop, id, ladder, now);
    });
  }
}

/** The worker's handler: one shop's queued member syncs, in batches of 25 metafields. */
export async function syncMembers(shop: string, jobs: ClaimedJob[], now = new Date()): Promise<void> {
  const ladder = await loadLadder(db, shop);
  const ids = jobs.map((j) => j.key);
  const active = await db.member.findMany({ where: { shop, id: { in: ids }, status: "active" }, select: { id: true } });
  await qualifyForPoints(
    shop,
    ladder,
    active.map((m) => m.id),
    now,
  );
  // Read after qualifying, so the metafield carries the tier just reached.
  const members = await db.member.findMany({ where: { shop, id: { in: ids }, status: "active" } });
  const metafields = members.flatMap((m) => metafieldsFor(m as MemberRow, tierFor(ladder, m.tierId)));
  if (metafields.length === 0) return;
  const { admin } = await unauthenticated.admin(shop);
  for (let i = 0; i < metafields.length; i += BATCH) {
    const response = await admin.graphql(SET_METAFIELDS, { variables: { metafields: metafields.slice(i, i + BATCH) } });
    const body = await response.json();
    const errors = body.data?.metafieldsSet?.userErrors ?? [];
    if (errors.length > 0) throw new Error(`metafieldsSet: ${errors.map((e) => e.message).join("; ")}`);
    await respectThrottle(body);
  }
}
