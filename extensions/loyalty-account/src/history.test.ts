import { describe, expect, it, vi } from "vitest";
import type { HistoryEntry } from "../../shared/contract";
import { createHistory, historyLine } from "./history";

const entry = (reason: string, points: number, extra: Partial<HistoryEntry> = {}): HistoryEntry => ({
  id: `${reason}-${points}`,
  reason,
  points,
  pending: 0,
  at: "2026-11-24T00:00:00.000Z",
  orderId: null,
  note: null,
  ...extra,
});

describe("historyLine", () => {
  it("labels each ledger reason", () => {
    expect(historyLine(entry("earn_purchase", 15))).toMatchObject({
      label: "history.reason.earn_purchase",
      points: 15,
    });
    expect(historyLine(entry("redeem_hold", -500))).toMatchObject({
      label: "history.reason.redeem_hold",
      points: -500,
    });
    expect(historyLine(entry("expiry", -10))?.label).toBe("history.reason.expiry");
  });

  it("refines earn_action by the note naming the action, and ignores internal notes", () => {
    expect(historyLine(entry("earn_action", 100, { note: "signup" }))?.label).toBe("history.reason.earn_action_signup");
    expect(historyLine(entry("earn_action", 100, { note: "birthday" }))?.label).toBe(
      "history.reason.earn_action_birthday",
    );
    expect(historyLine(entry("earn_action", 20, { note: "action:abc" }))?.label).toBe("history.reason.earn_action");
    expect(historyLine(entry("restore", 300, { note: "code expired unused" }))?.label).toBe("history.reason.restore");
  });

  it("hides zero-point bookkeeping (a redemption's `redeem` line)", () => {
    expect(historyLine(entry("redeem", 0))).toBeNull();
  });

  it("shows pending-only changes as pending", () => {
    expect(historyLine(entry("earn_purchase", 0, { pending: 40 }))).toMatchObject({ points: 40, pending: true });
    expect(historyLine(entry("settle", 40, { pending: -40 }))).toMatchObject({ points: 40, pending: false });
  });

  it("reads an unknown reason as a generic change", () => {
    expect(historyLine(entry("something_new", 5))?.label).toBe("history.reason.other");
  });
});

describe("createHistory", () => {
  const page = (ids: string[], nextCursor: string | null) => ({
    entries: ids.map((id) => entry("earn_purchase", 1, { id })),
    nextCursor,
  });

  it("loads the first page, then appends the next by cursor", async () => {
    const history = vi.fn(async (cursor?: string | null) => (cursor ? page(["c", "d"], null) : page(["a", "b"], "2")));
    const state = createHistory({ history });
    await state.load();
    expect(state.entries.value.map((e) => e.id)).toEqual(["a", "b"]);
    expect(state.nextCursor.value).toBe("2");
    await state.loadMore();
    expect(history).toHaveBeenLastCalledWith("2");
    expect(state.entries.value.map((e) => e.id)).toEqual(["a", "b", "c", "d"]);
    expect(state.nextCursor.value).toBeNull();
    await state.loadMore();
    expect(history).toHaveBeenCalledTimes(2);
  });

  it("keeps the entries when a further page fails, and retries it", async () => {
    let fail = true;
    const history = vi.fn(async (cursor?: string | null) => {
      if (cursor && fail) throw new Error("offline");
      return cursor ? page(["c"], null) : page(["a"], "1");
    });
    const state = createHistory({ history });
    await state.load();
    await state.loadMore();
    expect(state.status.value).toBe("more_failed");
    expect(state.entries.value).toHaveLength(1);
    fail = false;
    await state.loadMore();
    expect(state.status.value).toBe("ready");
    expect(state.entries.value.map((e) => e.id)).toEqual(["a", "c"]);
  });

  it("fails the first load visibly; a quiet refresh that fails keeps what is shown", async () => {
    const history = vi
      .fn()
      .mockRejectedValueOnce(new Error("down"))
      .mockResolvedValueOnce(page(["a"], null));
    const state = createHistory({ history });
    await state.load();
    expect(state.status.value).toBe("failed");
    await state.load();
    expect(state.status.value).toBe("ready");
    history.mockRejectedValueOnce(new Error("down"));
    await state.load({ quiet: true });
    expect(state.status.value).toBe("ready");
    expect(state.entries.value).toHaveLength(1);
  });

  it("does not duplicate entries a refresh already brought", async () => {
    const history = vi
      .fn()
      .mockResolvedValueOnce(page(["a", "b"], "2"))
      .mockResolvedValueOnce(page(["b", "c"], null));
    const state = createHistory({ history });
    await state.load();
    await state.loadMore();
    expect(state.entries.value.map((e) => e.id)).toEqual(["a", "b", "c"]);
  });
});
