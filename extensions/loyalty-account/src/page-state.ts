// Everything the full page knows and does, apart from drawing it: the first load (loyalty and,
// for a signed-in customer, the first history page), redemptions and the refresh after them,
// and the birthday form. A signed-out shopper gets only the guest view of `loyalty`.
import type { StorefrontClient } from "../../shared/api";
import type { LoyaltyResponse } from "../../shared/contract";
import { createBirthdayForm } from "./birthday";
import { createHistory } from "./history";
import { createRemote } from "./remote";
import { createRedeemFlow } from "./rewards";

export function createPageState(client: StorefrontClient, { signedIn }: { signedIn: boolean }) {
  const loyalty = createRemote<LoyaltyResponse>(() => client.loyalty());
  const history = createHistory(client);
  const birthday = createBirthdayForm(client);

  const redemptions = createRedeemFlow(client, async (result) => {
    // The answer's balance is current: show it now, even if the refresh below fails.
    loyalty.patch((data) => (data.member ? { ...data, member: { ...data.member, balance: result.balance } } : data));
    await Promise.all([loadLoyalty({ quiet: true }), history.load({ quiet: true })]);
  });

  async function loadLoyalty(options?: { quiet?: boolean }) {
    await loyalty.load(options);
    const state = loyalty.state.value;
    if (state.status === "ready") birthday.init(state.data.member?.birthday ?? null);
  }

  /** The first load, and the retry after it failed. */
  async function load() {
    // A guest's token has no customer: history would only answer 403, so it is not asked.
    await Promise.all([loadLoyalty(), signedIn ? history.load() : undefined]);
  }

  return { signedIn, loyalty: loyalty.state, history, birthday, redemptions, load };
}

export type PageState = ReturnType<typeof createPageState>;
