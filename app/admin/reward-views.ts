// What the rewards pages show, shared by the server module that reads it and the pages that
// render it (so no server-only code reaches the browser).
import { REWARD_STATUSES, type RewardStatus, type RewardType } from "../loyalty/rewards";

export const STATUS_FILTERS = ["all", ...REWARD_STATUSES] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export const statusFilterOf = (value: string | null): StatusFilter =>
  STATUS_FILTERS.find((filter) => filter === value) ?? "all";

/** A status's Badge tone: archived rewards get the plain one. */
export const STATUS_TONE = { active: "success", paused: "attention", archived: undefined } as const;

export interface RewardRow {
  id: string;
  title: { en: string; ru: string };
  type: RewardType;
  cost: number;
  status: RewardStatus;
  /** Codes made for members, and how many of them an order used. */
  issued: number;
  used: number;
}
