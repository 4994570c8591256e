// For tests only: Laurel's storefront API as a `fetch`, answering per docs/storefront-api.md
// from a small in-memory member, so a redemption lowers the balance, issues a code and adds a
// history line that the page's refresh then shows. Failures are queued per endpoint.
import type {
  CodeView,
  HistoryEntry,
  LoyaltyResponse,
  MemberView,
  RedeemRequest,
  RewardView,
} from "../../shared/contract";

export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  language: string | null;
}

type Failure = { status: number; error: { code: string; message: string; [more: string]: unknown } };

export const REWARDS: RewardView[] = [
  {
    id: "r-amount",
    title: "Amount off your order",
    type: "amount_off",
    cost: 500,
    value: { kind: "amount", amount: "5.00", currency: "USD" },
    affordable: true,
    redeemable: true,
    shortBy: 0,
  },
  {
    id: "r-percent",
    title: "10% off your order",
    type: "percent_off",
    cost: 1000,
    value: { kind: "percentage", percent: 10, cap: null },
    affordable: false,
    redeemable: false,
    reason: "insufficient_points",
    shortBy: 185,
  },
  {
    id: "r-cash",
    title: "Pay with points",
    type: "points_for_cash",
    cost: 100,
    value: { kind: "points_for_cash", pointsStep: 100, stepValue: "1.00", maxPercentOfSubtotal: 50, currency: "USD" },
    affordable: true,
    redeemable: false,
    reason: "checkout_only",
    shortBy: 0,
  },
];

export const MEMBER: MemberView = {
  balance: 815,
  pending: 40,
  lifetimeEarned: 1615,
  birthday: null,
  tier: null,
  nextTier: null,
  progress: null,
  expiring: [{ points: 815, at: "2027-11-24T01:47:43.499Z" }],
};

type Program = LoyaltyResponse["program"];

/** The shop's VIP tiers by spend over 12 months: Bronze (free), Silver from $500, Gold from $1,000. */
export const TIERS: Pick<Program, "tiers" | "tierMetric" | "tierWindow"> = {
  tierMetric: "spend",
  tierWindow: "rolling12",
  tiers: [
    {
      id: "bronze",
      name: "Bronze",
      threshold: "0.00",
      perks: { earnMultiplier: 100, discountPercent: 0, freeShippingOver: null, entryBonus: 0 },
    },
    {
      id: "silver",
      name: "Silver",
      threshold: "500.00",
      perks: { earnMultiplier: 125, discountPercent: 3, freeShippingOver: "50.00", entryBonus: 100 },
    },
    {
      id: "gold",
      name: "Gold",
      threshold: "1000.00",
      perks: { earnMultiplier: 150, discountPercent: 5, freeShippingOver: "0.00", entryBonus: 250 },
    },
  ],
};

/** The member on Silver, $380 short of Gold. */
export const SILVER_MEMBER: MemberView = {
  ...MEMBER,
  tier: { id: "silver", name: "Silver", perks: TIERS.tiers![1]!.perks },
  nextTier: { id: "gold", name: "Gold", threshold: "1000.00", needed: "380.00" },
  progress: 24,
};

const NO_TIERS = { tiers: null, tierMetric: null, tierWindow: null };

export const CODES: CodeView[] = [
  {
    code: "LAUREL-83CK-DNEW-5G1V",
    title: "Amount off your order",
    value: { kind: "amount", amount: "5.00", currency: "USD" },
    endsAt: "2026-12-24T01:47:43.249Z",
    used: true,
  },
];

export const EARN_WAYS: LoyaltyResponse["program"]["earnRulesSummary"] = [
  { kind: "purchase", points: 1, text: "1 points for every 1.00 USD spent" },
  { kind: "signup", points: 100, text: "100 points for joining" },
];

const entry = (id: string, reason: string, points: number, at: string, extra: Partial<HistoryEntry> = {}) =>
  ({ id, reason, points, pending: 0, at, orderId: null, note: null, ...extra }) satisfies HistoryEntry;

export const HISTORY: HistoryEntry[] = [
  entry("h1", "earn_purchase", 15, "2026-11-24T01:47:43.417Z", { orderId: "gid://shopify/Order/1012" }),
  entry("h2", "redeem", 0, "2026-11-24T01:47:43.272Z"),
  entry("h3", "redeem_hold", -500, "2026-11-24T01:47:43.249Z"),
  entry("h4", "earn_action", 100, "2026-11-20T01:47:43.141Z", { note: "signup" }),
];

export function fakeStorefront(
  options: {
    member?: MemberView | null;
    pageSize?: number;
    rewards?: RewardView[];
    /** The shop's tiers (default: none switched on). */
    tiers?: Pick<Program, "tiers" | "tierMetric" | "tierWindow">;
  } = {},
) {
  const state = {
    member: options.member === undefined ? { ...MEMBER } : options.member,
    rewards: options.rewards ?? REWARDS,
    codes: [...CODES],
    history: [...HISTORY],
    birthday: null as string | null,
  };
  const pageSize = options.pageSize ?? 20;
  const calls: Call[] = [];
  const failures: Record<string, Failure[]> = {};
  let issued = 0;

  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

  function loyalty(): LoyaltyResponse {
    const member = state.member && { ...state.member, birthday: state.birthday ?? state.member.birthday };
    return {
      program: { pointsName: "points", currency: "USD", earnRulesSummary: EARN_WAYS, ...(options.tiers ?? NO_TIERS) },
      member,
      rewards: state.rewards.map((r) => ({ ...r, reason: member ? r.reason : "not_a_member" })),
      codes: member ? state.codes : [],
    };
  }

  function history(cursor: string | null) {
    const start = cursor ? Number(cursor) : 0;
    const end = start + pageSize;
    return { entries: state.history.slice(start, end), nextCursor: end < state.history.length ? String(end) : null };
  }

  function redeem(request: RedeemRequest) {
    const reward = state.rewards.find((r) => r.id === request.rewardId)!;
    const member = state.member!;
    member.balance -= reward.cost;
    const code = `LAUREL-NEW${++issued}`;
    const endsAt = "2026-12-30T00:00:00.000Z";
    state.codes = [{ code, title: reward.title, value: reward.value, endsAt, used: false }, ...state.codes];
    state.history = [entry(`new${issued}`, "redeem_hold", -reward.cost, "2026-11-25T00:00:00.000Z"), ...state.history];
    return { code, title: reward.title, value: reward.value, points: reward.cost, endsAt, balance: member.balance };
  }

  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input));
    const path = url.pathname.replace("/api/storefront/", "");
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as unknown) : undefined;
    const headers = new Headers(init?.headers);
    calls.push({
      method: init?.method ?? "GET",
      path,
      query: url.searchParams,
      body,
      language: headers.get("Accept-Language"),
    });
    const failure = failures[path]?.shift();
    if (failure) return json(failure.status, { error: failure.error });
    switch (path) {
      case "loyalty":
        return json(200, loyalty());
      case "history":
        return state.member ? json(200, history(url.searchParams.get("cursor"))) : notMember();
      case "redeem":
        return json(200, redeem(body as RedeemRequest));
      case "birthday": {
        const birthday = (body as { birthday: string }).birthday;
        state.birthday = birthday;
        return json(200, { birthday });
      }
      default:
        return json(404, { error: { code: "not_found", message: "Not found" } });
    }
  };
  const notMember = () => json(403, { error: { code: "not_a_member", message: "Join the program first." } });

  /** The next request to `path` answers this error instead. */
  const failNext = (path: string, failure: Failure) => (failures[path] ??= []).push(failure);

  return { fetch, calls, state, failNext };
}
