import { describe, expect, it } from "vitest";
import { createClient } from "../../shared/api";
import { fakeStorefront, MEMBER } from "./fake-storefront";
import { createPageState } from "./page-state";
import { createRemote } from "./remote";

const clientFor = (storefront: ReturnType<typeof fakeStorefront>) =>
  createClient({
    token: async () => "token",
    language: () => "en",
    baseUrl: "https://laurel.test",
    fetch: storefront.fetch,
  });

describe("createPageState", () => {
  it("loads loyalty and the first history page for a signed-in customer", async () => {
    const storefront = fakeStorefront({ member: { ...MEMBER, birthday: "05-01" } });
    const state = createPageState(clientFor(storefront), { signedIn: true });
    await state.load();
    expect(state.loyalty.value.status).toBe("ready");
    expect(state.history.entries.value).toHaveLength(4);
    expect(state.birthday.value.value).toBe("05-01");
    expect(storefront.calls.map((c) => c.path).sort()).toEqual(["history", "loyalty"]);
  });

  it("asks a guest's loyalty only", async () => {
    const storefront = fakeStorefront({ member: null });
    const state = createPageState(clientFor(storefront), { signedIn: false });
    await state.load();
    expect(storefront.calls.map((c) => c.path)).toEqual(["loyalty"]);
  });

  it("after a redemption shows the lower balance, the new code and the new history line", async () => {
    const storefront = fakeStorefront();
    const state = createPageState(clientFor(storefront), { signedIn: true });
    await state.load();
    await state.redemptions.redeem("r-amount");
    const loyalty = state.loyalty.value;
    if (loyalty.status !== "ready") throw new Error("not ready");
    expect(loyalty.data.member?.balance).toBe(315);
    expect(loyalty.data.codes[0]?.code).toBe("LAUREL-NEW1");
    expect(state.history.entries.value[0]?.reason).toBe("redeem_hold");
  });

  it("keeps the answered balance when the refresh after a redemption fails", async () => {
    const storefront = fakeStorefront();
    const state = createPageState(clientFor(storefront), { signedIn: true });
    await state.load();
    storefront.failNext("loyalty", { status: 500, error: { code: "server_error", message: "Oops" } });
    await state.redemptions.redeem("r-amount");
    const loyalty = state.loyalty.value;
    expect(loyalty.status === "ready" && loyalty.data.member?.balance).toBe(315);
  });
});

describe("createRemote", () => {
  it("fails visibly on a first load, and recovers on retry", async () => {
    let fail = true;
    const remote = createRemote(async () => {
      if (fail) throw new Error("down");
      return 1;
    });
    await remote.load();
    expect(remote.state.value.status).toBe("failed");
    fail = false;
    await remote.load();
    expect(remote.state.value).toEqual({ status: "ready", data: 1 });
  });

  it("keeps only the latest of overlapping loads", async () => {
    const resolvers: ((n: number) => void)[] = [];
    const remote = createRemote(() => new Promise<number>((resolve) => resolvers.push(resolve)));
    const first = remote.load();
    const second = remote.load();
    resolvers[1]!(2);
    resolvers[0]!(1);
    await Promise.all([first, second]);
    expect(remote.state.value).toEqual({ status: "ready", data: 2 });
  });
});
