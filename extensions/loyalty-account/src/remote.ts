// One piece of server data the UI waits for: loading, failed (with the error to explain) or
// ready. A quiet reload keeps the data on screen while it refreshes (after a redemption the
// page must not flash back to skeletons).
import { signal } from "@preact/signals";

export type Remote<T> = { status: "loading" } | { status: "failed"; error: unknown } | { status: "ready"; data: T };

export function createRemote<T>(fetcher: () => Promise<T>) {
  const state = signal<Remote<T>>({ status: "loading" });
  let generation = 0;

  /** Never throws: a failure becomes the `failed` state (or, when quiet, keeps the old data). */
  async function load({ quiet = false } = {}): Promise<void> {
    const mine = ++generation;
    if (!quiet || state.value.status !== "ready") state.value = { status: "loading" };
    try {
      const data = await fetcher();
      if (mine === generation) state.value = { status: "ready", data };
    } catch (error) {
      if (mine !== generation) return;
      if (!quiet || state.value.status !== "ready") state.value = { status: "failed", error };
    }
  }

  /** Changes the data in place (e.g. the balance a redemption answered) until the next load. */
  function patch(change: (data: T) => T) {
    if (state.value.status === "ready") state.value = { status: "ready", data: change(state.value.data) };
  }

  return { state, load, patch };
}
