// @vitest-environment happy-dom
// The members pages as a merchant sees them, in English and Russian, with loader data as the
// loaders return it (members.server.ts is covered by its integration tests): the list, the
// member page, and the adjustment forms with their inline errors; with VIP tiers on, the list's
// tier column and filter, and the member's tier card, override form and tier timeline; the
// segment filter, named as the segments page names segments.
import { createRemixStub } from "@remix-run/testing";
import { AppProvider } from "@shopify/polaris";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import type { ComponentType } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_FILTER } from "../admin/members-form";
import type { MemberDetail, MemberListRow } from "../admin/members.server";
import type { MemberTierData } from "../admin/tier-cards";
import { I18nProvider } from "../i18n/context";
import type { Locale } from "../i18n/locale";
import { polarisTranslations } from "../i18n/polaris";
import MemberPage from "./app.members.$id";
import Members from "./app.members._index";

vi.mock("../shopify.server", () => ({ authenticate: {} }));

afterEach(cleanup);

const at = new Date("2026-11-10T12:00:00Z");
const rows: MemberListRow[] = [
  {
    id: "m1",
    customerId: "gid://shopify/Customer/1",
    email: "ana@example.com",
    firstName: "Ana",
    lastName: "López",
    status: "active",
    available: 1250,
    pending: 40,
    enrolledAt: at,
    lastActivityAt: at,
  },
  {
    id: "m2",
    customerId: "redacted:m2",
    email: null,
    firstName: null,
    lastName: null,
    status: "redacted",
    available: 0,
    pending: 0,
    enrolledAt: at,
    lastActivityAt: null,
  },
];
const tiers = [
  { id: "bronze", name: { en: "Bronze", ru: "Бронза" } },
  { id: "silver", name: { en: "Silver", ru: "Серебро" } },
  { id: "gold", name: { en: "Gold", ru: "Золото" } },
];
const listData = {
  members: rows.map((row) => ({ ...row, tierId: null })),
  tiers: null,
  segments: ["new", "active", "at-risk", "lapsed", "high-value"].map((id) => ({ id, tier: null })),
  page: 1,
  hasNext: false,
  total: { count: 2, capped: false },
  filter: DEFAULT_FILTER,
  errors: {},
  bulkJobs: [
    {
      key: "job-1",
      status: "running" as const,
      points: 25,
      matched: 400,
      applied: 200,
      skipped: 3,
      startedAt: at,
      error: null,
    },
  ],
  bulkKey: "bulk-key-1",
};
const member: MemberDetail = {
  ...rows[0]!,
  birthday: "04-12",
  held: 0,
  lifetimeEarned: 2000,
  lifetimeRedeemed: 750,
  ledger: {
    entries: [
      {
        id: "e1",
        reason: "manual_adjustment",
        available: -50,
        pending: 0,
        held: 0,
        note: "Damaged parcel",
        orderId: null,
        createdAt: at,
      },
      {
        id: "e2",
        reason: "earn_purchase",
        available: 0,
        pending: 120,
        held: 0,
        note: null,
        orderId: "o",
        createdAt: at,
      },
      {
        id: "e3",
        reason: "earn_action",
        available: 100,
        pending: 0,
        held: 0,
        note: "signup",
        orderId: null,
        createdAt: at,
      },
    ],
    next: "cursor-1",
  },
  codes: [
    {
      id: "c1",
      code: "LAUREL-AAAA-BBBB",
      title: "$5 off",
      points: 500,
      status: "active",
      usedAt: null,
      endsAt: at,
      createdAt: at,
    },
  ],
  orders: [
    { id: "o1", orderId: "gid://shopify/Order/1001", placedAt: at, points: 120, pending: true, cancelled: false },
  ],
};

function renderRoute(locale: Locale, path: string, Page: ComponentType, loader: () => unknown, action?: () => unknown) {
  const Stub = createRemixStub([
    {
      path,
      Component: () => (
        <AppProvider i18n={polarisTranslations[locale]}>
          <I18nProvider locale={locale}>
            <Page />
          </I18nProvider>
        </AppProvider>
      ),
      loader: loader as never,
      action: action as never,
    },
  ]);
  render(<Stub initialEntries={[path.replace(":id", "m1")]} />);
}

describe("members list", () => {
  it.each([
    ["en", "Members", "Members: 2", "Ana López", "Erased", "Running", "+25 points: 200 of 400 adjusted, 3 skipped"],
    [
      "ru",
      "Участники",
      "Участников: 2",
      "Ana López",
      "Удалён",
      "Выполняется",
      "+25 баллов: изменено 200 из 400, пропущено 3",
    ],
  ])("renders in %s", async (locale, title, count, name, erased, running, progress) => {
    renderRoute(locale as Locale, "/app/members", Members, () => listData);
    expect(await screen.findByRole("heading", { name: title })).toBeTruthy();
    expect(screen.getByText(count)).toBeTruthy();
    expect(screen.getByRole("link", { name: name }).getAttribute("href")).toBe("/app/members/m1");
    expect(screen.getByText(erased)).toBeTruthy();
    expect(screen.getByText(running)).toBeTruthy();
    expect(screen.getByText(progress)).toBeTruthy();
    // Tiers are off: no tier column, no tier filter.
    expect(screen.queryByRole("columnheader", { name: locale === "en" ? "Tier" : "Уровень" })).toBeNull();
    expect(document.querySelector('select[name="tier"]')).toBeNull();
  });

  it.each([
    ["en", "Tier", "Gold", "Any tier"],
    ["ru", "Уровень", "Золото", "Любой уровень"],
  ])("shows each member's tier and filters by tier in %s", async (locale, column, gold, any) => {
    renderRoute(locale as Locale, "/app/members", Members, () => ({
      ...listData,
      tiers,
      filter: { ...DEFAULT_FILTER, tier: "gold" },
      members: [{ ...listData.members[0]!, tierId: "gold" }, listData.members[1]!],
    }));
    expect(await screen.findByRole("columnheader", { name: column })).toBeTruthy();
    const ana = screen.getByRole("link", { name: "Ana López" }).closest("tr")!;
    expect(within(ana).getByText(gold)).toBeTruthy();
    const select = document.querySelector('select[name="tier"]') as HTMLSelectElement;
    expect(select.value).toBe("gold");
    expect([...select.options].map((o) => o.text)).toEqual([any, ...tiers.map((t) => t.name[locale as Locale])]);
    // The bulk adjustment gets the same tier.
    expect((document.querySelector('input[type="hidden"][name="tier"]') as HTMLInputElement).value).toBe("gold");
  });

  it.each([
    ["en", "Segment", ["Any segment", "New", "Active", "At risk", "Lapsed", "High value", "Gold tier"]],
    [
      "ru",
      "Сегмент",
      ["Любой сегмент", "Новые", "Активные", "Под угрозой ухода", "Ушедшие", "Самые ценные", "Уровень «Золото»"],
    ],
  ])("filters by segment in %s, and hands it to the bulk adjustment and the export", async (locale, label, names) => {
    renderRoute(locale as Locale, "/app/members", Members, () => ({
      ...listData,
      tiers,
      segments: [...listData.segments, { id: "tier:gold", tier: tiers[2]!.name }],
      filter: { ...DEFAULT_FILTER, segment: "at-risk" },
    }));
    const select = (await screen.findByRole("combobox", { name: label })) as HTMLSelectElement;
    expect(select.name).toBe("segment");
    expect(select.value).toBe("at-risk");
    expect([...select.options].map((o) => o.text)).toEqual(names);
    expect((document.querySelector('input[type="hidden"][name="segment"]') as HTMLInputElement).value).toBe("at-risk");
    const fetch = vi.spyOn(globalThis, "fetch").mockResolvedValue(Response.json({ errors: {} }, { status: 422 }));
    fireEvent.click(screen.getByRole("button", { name: locale === "en" ? "Export members" : "Экспорт участников" }));
    expect(fetch).toHaveBeenCalledWith("/app/members/export?segment=at-risk");
    fetch.mockRestore();
  });

  it("shows an unknown segment's error on the segment filter", async () => {
    renderRoute("en", "/app/members", Members, () => ({ ...listData, errors: { segment: "members.error.segment" } }));
    expect(await screen.findByText("Choose one of the segments.")).toBeTruthy();
    expect((document.querySelector('select[name="segment"]') as HTMLSelectElement).value).toBe("");
  });

  it("shows the bulk form's errors beside its fields", async () => {
    const action = vi.fn(async () => ({
      ok: false,
      errors: { points: "members.error.points", reason: "members.error.reason" },
    }));
    renderRoute("ru", "/app/members", Members, () => listData, action);
    fireEvent.click(await screen.findByRole("button", { name: "Изменить баллы всем подходящим" }));
    expect(await screen.findByText("Введите целое число от -1000000 до 1000000, кроме 0.")).toBeTruthy();
    expect(screen.getByText("Укажите причину длиной до 200 символов.")).toBeTruthy();
  });
});

describe("member page", () => {
  const loader = () => ({ member, olderPage: false, idempotencyKey: "key-0001" });

  it.each([
    [
      "en",
      "Points history",
      "Adjusted by staff",
      "Damaged parcel",
      "Joined the program",
      "Active",
      "Pending",
      "Older entries",
    ],
    [
      "ru",
      "История баллов",
      "Изменены сотрудником",
      "Damaged parcel",
      "Вступление в программу",
      "Активен",
      "Ожидают",
      "Более ранние записи",
    ],
  ])("renders in %s", async (locale, history, reason, note, signup, code, pending, older) => {
    renderRoute(locale as Locale, "/app/members/:id", MemberPage, loader);
    expect(await screen.findByRole("heading", { name: "Ana López" })).toBeTruthy();
    expect(screen.getByRole("heading", { name: history })).toBeTruthy();
    expect(screen.getByText(reason)).toBeTruthy();
    expect(screen.getByText(note)).toBeTruthy();
    // Laurel's own notes in the admin's language; the merchant's words as typed.
    expect(screen.getByText(signup)).toBeTruthy();
    expect(screen.getByText("LAUREL-AAAA-BBBB")).toBeTruthy();
    expect(screen.getByText(code)).toBeTruthy();
    expect(screen.getAllByText(pending).length).toBeGreaterThan(0);
    expect(screen.getByRole("link", { name: "1001" })).toBeTruthy();
    expect(screen.getByRole("link", { name: older }).getAttribute("href")).toBe("/app/members/m1?cursor=cursor-1");
  });

  it.each([
    ["en", "Adjust", "That's more than the member's balance: a deduction can't take it below zero."],
    ["ru", "Изменить", "Это больше баланса участника: списание не может сделать баланс отрицательным."],
  ])(
    "shows a refused adjustment beside the points field in %s, and posts the form's key",
    async (locale, submit, error) => {
      const action = vi.fn(async () => ({ ok: false, errors: { points: "members.error.belowZero" } }));
      renderRoute(locale as Locale, "/app/members/:id", MemberPage, loader, action);
      fireEvent.change(await screen.findByLabelText(locale === "en" ? "Points" : "Баллы"), {
        target: { value: "-5000" },
      });
      fireEvent.change(screen.getByLabelText(locale === "en" ? "Reason" : "Причина"), { target: { value: "Fraud" } });
      fireEvent.click(screen.getByRole("button", { name: submit }));
      expect(await screen.findByText(error)).toBeTruthy();
      const { request } = (action.mock.calls[0] as unknown as [{ request: Request }])[0];
      expect(Object.fromEntries(await request.formData())).toEqual({
        idempotencyKey: "key-0001",
        points: "-5000",
        reason: "Fraud",
      });
    },
  );

  it("confirms an adjustment with the balance before and after", async () => {
    const action = vi.fn(async () => ({
      ok: true,
      result: { entryId: "e9", points: 50, before: 1250, after: 1300, repeated: false },
    }));
    renderRoute("en", "/app/members/:id", MemberPage, loader, action);
    fireEvent.change(await screen.findByLabelText("Points"), { target: { value: "50" } });
    fireEvent.change(screen.getByLabelText("Reason"), { target: { value: "Goodwill" } });
    fireEvent.click(screen.getByRole("button", { name: "Adjust" }));
    expect(await screen.findByText("Balance changed from 1,250 to 1,300.")).toBeTruthy();
  });
});

describe("member page tier", () => {
  const tier: MemberTierData = {
    metric: "spend",
    window: "rolling12",
    currency: "USD",
    tiers,
    tierId: "silver",
    value: 60_000,
    progress: { next: "gold", needed: 40_000, percent: 20 },
    since: at,
    reviewAt: new Date("2027-11-10T12:00:00Z"),
    locked: false,
    timeline: [
      {
        id: "t2",
        fromTierId: "gold",
        toTierId: "silver",
        cause: "override_cleared",
        note: "Campaign over",
        actor: "staff:42",
        createdAt: at,
      },
      {
        id: "t1",
        fromTierId: null,
        toTierId: "platinum",
        cause: "qualified",
        note: null,
        actor: "system",
        createdAt: at,
      },
    ],
  };
  const loader =
    (over: Partial<MemberTierData> = {}) =>
    () => ({
      member,
      tier: { ...tier, ...over },
      olderPage: false,
      idempotencyKey: "key-0001",
    });

  it.each([
    [
      "en",
      {
        card: "VIP tier",
        spent: "$600.00",
        progress: "$400.00 more to spend to reach Gold",
        review: "Nov 10, 2027",
        timeline: "Tier history",
        change: "Gold → Silver",
        cause: "Back to automatic",
        actor: "Staff member 42",
        removed: "No tier → platinum",
        system: "Laurel (automatic)",
      },
    ],
    [
      "ru",
      {
        card: "VIP-уровень",
        spent: "600,00 $",
        progress: "До уровня «Золото» осталось потратить 400,00 $",
        review: "10 нояб. 2027 г.",
        timeline: "История уровней",
        change: "Золото → Серебро",
        cause: "Снова автоматически",
        actor: "Сотрудник 42",
        removed: "Без уровня → platinum",
        system: "Laurel (автоматически)",
      },
    ],
  ])("shows the member's tier, progress and timeline in %s", async (locale, text) => {
    renderRoute(locale as Locale, "/app/members/:id", MemberPage, loader());
    const card = (await screen.findByRole("heading", { name: text.card })).parentElement!.parentElement!;
    const collapse = (s: string) => s.replace(/\s+/g, " ");
    expect(collapse(card.textContent!)).toContain(collapse(text.spent));
    expect(collapse(card.textContent!)).toContain(collapse(text.progress));
    expect(collapse(card.textContent!)).toContain(collapse(text.review));
    expect(card.querySelector('[role="progressbar"], progress')).toBeTruthy();
    const table = within(screen.getByRole("heading", { name: text.timeline }).parentElement!.parentElement!);
    expect(table.getByText(text.change)).toBeTruthy();
    expect(table.getByText(text.cause)).toBeTruthy();
    expect(table.getByText("Campaign over")).toBeTruthy();
    // A tier no longer on the ladder by its id; who did it as the audit log says.
    expect(table.getByText(text.removed)).toBeTruthy();
    expect(table.getByText(text.actor)).toBeTruthy();
    expect(table.getByText(text.system)).toBeTruthy();
  });

  it("shows a tier set by hand and the top of the ladder", async () => {
    renderRoute(
      "en",
      "/app/members/:id",
      MemberPage,
      loader({ tierId: "gold", locked: true, progress: { next: null, needed: 0, percent: 100 } }),
    );
    expect(await screen.findByText("Set by hand")).toBeTruthy();
    expect(screen.getByText("On the highest tier.")).toBeTruthy();
    expect(screen.getByText("None while set by hand")).toBeTruthy();
    // The override form starts from the tier set by hand.
    expect((document.querySelector('select[name="tierId"]') as HTMLSelectElement).value).toBe("gold");
  });

  it.each([
    ["en", "Set tier", "Give a reason of up to 500 characters."],
    ["ru", "Задать уровень", "Укажите причину длиной до 500 символов."],
  ])("posts the override and shows a refused reason beside its field in %s", async (locale, submit, error) => {
    const action = vi.fn(async () => ({ intent: "tier", ok: false, errors: { reason: "tiers.error.reason" } }));
    renderRoute(locale as Locale, "/app/members/:id", MemberPage, loader(), action);
    const select = (await screen.findByRole("combobox", {
      name: locale === "en" ? "Tier" : "Уровень",
    })) as HTMLSelectElement;
    expect(select.value).toBe("");
    fireEvent.change(select, { target: { value: "gold" } });
    fireEvent.click(screen.getByRole("button", { name: submit }));
    expect(await screen.findByText(error)).toBeTruthy();
    const { request } = (action.mock.calls[0] as unknown as [{ request: Request }])[0];
    expect(Object.fromEntries(await request.formData())).toEqual({ intent: "tier", tierId: "gold", reason: "" });
    // The adjustment form ignores the tier form's answer.
    expect(screen.queryByText("Balance changed", { exact: false })).toBeNull();
  });

  it("confirms a tier set by hand, and one handed back to the rules", async () => {
    const action = vi
      .fn()
      .mockResolvedValueOnce({ intent: "tier", ok: true, tierId: "gold", locked: true })
      .mockResolvedValueOnce({ intent: "tier", ok: true, tierId: "silver", locked: false });
    renderRoute("en", "/app/members/:id", MemberPage, loader(), action);
    fireEvent.change(await screen.findByLabelText("Reason", { selector: 'input[name="reason"]' }), {
      target: { value: "Ambassador" },
    });
    fireEvent.click(screen.getByRole("button", { name: "Set tier" }));
    expect(await screen.findByText("The member's tier is now Gold, set by hand.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Set tier" }));
    expect(await screen.findByText("The member's tier follows their activity again.")).toBeTruthy();
  });
});
