// A shop's program settings and its default at install, validated: what the merchant configures
// (issue: merchant admin) and what the points engine reads.
import { z } from "zod";
import { minorPerUnit } from "./currency";
import type { EarnRules } from "./earn";
import { segmentSettingsSchema } from "./segments";

const points = z.number().int().min(0).max(1_000_000);

export const programSettingsSchema = z.object({
  pointsName: z.object({ en: z.string().min(1).max(40), ru: z.string().min(1).max(40) }),
  /** Purchase points wait this many days before they can be spent (returns window). */
  pendingDays: z.number().int().min(0).max(365),
  /** Whether a refund may take a member below zero after they spent the points. */
  allowNegativeAfterRefund: z.boolean(),
  expiry: z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("never") }),
    z.object({ kind: z.literal("inactivity"), months: z.number().int().min(1).max(120) }),
    z.object({ kind: z.literal("fifo"), months: z.number().int().min(1).max(120) }),
  ]),
  actions: z.object({
    signup: points,
    birthday: points,
    newsletter: points,
  }),
  /** Actions the merchant awards (a review, a follow…), each with its limit. */
  customActions: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9-]{1,40}$/, { error: "lowercase letters, digits and hyphens" }),
        name: z.object({ en: z.string().min(1).max(60), ru: z.string().min(1).max(60) }),
        points,
        limit: z.object({
          count: z.number().int().min(1).max(1000),
          per: z.enum(["lifetime", "year", "month", "day"]),
        }),
      }),
    )
    .default([]),
  /** Codes read PREFIX-XXXX-XXXX-XXXX; the prefix is the merchant's (letters and digits). */
  codePrefix: z
    .string()
    .regex(/^[A-Za-z0-9]{1,12}$/, { error: "1 to 12 letters or digits" })
    .default("LAUREL"),
  /** What a refund or cancellation of an order that used a Laurel code does to its points. */
  codeOnRefund: z.enum(["keep_used", "return_points"]).default("keep_used"),
  /** Whether an unused code that expired gives its points back. */
  returnPointsForExpiredCodes: z.boolean().default(false),
  /** The built-in segments' thresholds; absent until the merchant sets their own (defaultSegmentSettings). */
  segments: segmentSettingsSchema.optional(),
});

export type ProgramSettings = z.infer<typeof programSettingsSchema>;

export function defaultSettings(): ProgramSettings {
  return {
    pointsName: { en: "points", ru: "баллы" },
    pendingDays: 0,
    allowNegativeAfterRefund: false,
    expiry: { kind: "never" },
    actions: { signup: 100, birthday: 100, newsletter: 50 },
    customActions: [],
    codePrefix: "LAUREL",
    codeOnRefund: "keep_used",
    returnPointsForExpiredCodes: false,
  };
}

const purchaseRuleSchema = z.object({
  points: z.number().int().min(0).max(10_000),
  per: z.number().int().min(1),
  includeShipping: z.boolean(),
  includeTaxes: z.boolean(),
  includeGiftCards: z.boolean(),
  rounding: z.enum(["down", "nearest"]),
  minimumOrder: z.number().int().min(0),
});

const match = z.object({
  productIds: z.array(z.string()),
  collectionIds: z.array(z.string()),
  tags: z.array(z.string()),
});

export const earnRulesSchema = z.object({
  purchase: purchaseRuleSchema,
  bonuses: z.array(
    z.object({
      id: z.string().min(1),
      match,
      kind: z.enum(["multiplier", "fixed"]),
      value: z.number().int().min(0).max(100_000),
    }),
  ),
  campaigns: z.array(
    z
      .object({
        id: z.string().min(1),
        name: z.string().min(1).max(100),
        startsAt: z.coerce.date(),
        endsAt: z.coerce.date(),
        kind: z.enum(["multiplier", "fixed"]),
        value: z.number().int().min(0).max(100_000),
        firstOrders: z.number().int().min(1).nullable(),
        segmentIds: z.array(z.string()).nullable(),
        tierIds: z.array(z.string()).nullable(),
        // Versions written before campaigns could be paused have no status: they were active.
        status: z.enum(["active", "paused", "archived"]).default("active"),
      })
      .refine((c) => c.endsAt > c.startsAt, { error: "endsAt must be after startsAt", path: ["endsAt"] }),
  ),
}) satisfies z.ZodType<EarnRules, unknown>;

/** 1 point per whole unit of the shop's currency, no extras: the program every shop starts with. */
export function defaultEarnRules(currency: string): EarnRules {
  return {
    purchase: {
      points: 1,
      per: minorPerUnit(currency),
      includeShipping: false,
      includeTaxes: false,
      includeGiftCards: false,
      rounding: "down",
      minimumOrder: 0,
    },
    bonuses: [],
    campaigns: [],
  };
}
