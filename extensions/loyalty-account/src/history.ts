// The member's points history: the first page, then "show more" pages by nextCursor, and how
// each ledger entry reads to a shopper (its label key and the change it made).
import { signal } from "@preact/signals";
import type { StorefrontClient } from "../../shared/api";
import type { HistoryEntry } from "../../shared/contract";

export const LEDGER_REASONS = [
  "earn_purchase",
  "earn_action",
  "campaign_bonus",
  "settle",
  "redeem_hold",
  "redeem",
  "redeem_release",
  "restore",
  "refund_reversal",
  "cancel_reversal",
  "expiry",
  "manual_adjustment",
  "import",
  "tier_earn",
  "tier_bonus",
] as const;

/** Notes on `earn_action` entries that name the action (other notes are internal: not shown). */
export const ACTION_NOTES = ["signup", "birthday", "newsletter"] as const;

export interface HistoryLine {
  id: string;
  /** Translation key of the line's label. */
  label: string;
  at: string;
  /** The change shown: spendable points, or pending points when only those moved. */
  points: number;
  pending: boolean;
}

/** What a ledger entry says to the shopper; null for bookkeeping that changed nothing they hold. */
export function historyLine(entry: HistoryEntry): HistoryLine | null {
  // `redeem` turns a hold into a redemption with 0 points: the hold line already told the story.
  if (entry.points === 0 && entry.pending === 0) return null;
  const pending = entry.points === 0;
  return {
    id: entry.id,
    label: labelKey(entry),
    at: entry.at,
    points: pending ? entry.pending : entry.points,
    pending,
  };
}

function labelKey(entry: HistoryEntry): string {
  if (entry.reason === "earn_action" && (ACTION_NOTES as readonly (string | null)[]).includes(entry.note)) {
    return `history.reason.earn_action_${entry.note}`;
  }
  return (LEDGER_REASONS as readonly string[]).includes(entry.reason)
    ? `history.reason.${entry.reason}`
    : "history.reason.other";
}

export type HistoryStatus = "loading" | "ready" | "failed" | "loading_more" | "more_failed";

export function createHistory(client: Pick<StorefrontClient, "history">) {
  const entries = signal<HistoryEntry[]>([]);
  const nextCursor = signal<string | null>(null);
  const status = signal<HistoryStatus>("loading");
  const error = signal<unknown>(null);
  let generation = 0;

  /** The first page, replacing whatever was shown (also the refresh after a redemption). */
  async function load({ quiet = false } = {}) {
    const mine = ++generation;
    if (!quiet || status.value === "failed") status.value = "loading";
    try {
      const page = await client.history();
      if (mine !== generation) return;
      entries.value = page.entries;
      nextCursor.value = page.nextCursor;
      status.value = "ready";
    } catch (caught) {
      if (mine !== generation) return;
      error.value = caught;
      status.value = quiet && entries.value.length > 0 ? "ready" : "failed";
    }
  }

  async function loadMore() {
    const cursor = nextCursor.value;
    if (!cursor || status.value === "loading" || status.value === "loading_more") return;
    const mine = generation;
    status.value = "loading_more";
    try {
      const page = await client.history(cursor);
      if (mine !== generation) return;
      // A refresh between pages may already hold some of these entries.
      const seen = new Set(entries.value.map((e) => e.id));
      entries.value = [...entries.value, ...page.entries.filter((e) => !seen.has(e.id))];
      nextCursor.value = page.nextCursor;
      status.value = "ready";
    } catch (caught) {
      if (mine !== generation) return;
      error.value = caught;
      status.value = "more_failed";
    }
  }

  return { entries, nextCursor, status, error, load, loadMore };
}

export type HistoryState = ReturnType<typeof createHistory>;
