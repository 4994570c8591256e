// @vitest-environment happy-dom
// The members pages as a merchant sees them, in English and Russian, with loader data as the
// loaders return it (members.server.ts is covered by its integration tests): the list, the
// member page, and the adjustment forms with their inline errors.
import { createRemixStub } from "@remix-run/testing";
import { AppProvider } from "@shopify/polaris";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import type { ComponentType } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_FILTER } from "../admin/members-form";
import type { MemberDetail, MemberListRow } from "../admin/members.server";
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
const listData = {
  members: rows,
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
    // Tiers come later: every row shows a dash.
    expect(screen.getAllByText("—").length).toBe(2);
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
