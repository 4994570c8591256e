// @vitest-environment happy-dom
// The Operations page as a merchant sees it, in English and Russian, with loader data as the
// route's loader returns it (operations.server.ts is covered by its integration tests).
import { createRemixStub } from "@remix-run/testing";
import { AppProvider } from "@shopify/polaris";
import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { assessHealth, type KindSummary } from "../admin/operations-health";
import type { ProblemJob } from "../admin/operations.server";
import { I18nProvider } from "../i18n/context";
import type { Locale } from "../i18n/locale";
import { polarisTranslations } from "../i18n/polaris";
import Operations from "./app.operations";

vi.mock("../shopify.server", () => ({ authenticate: {} }));

afterEach(cleanup);

const now = new Date("2026-11-10T12:00:00Z");
const kinds: KindSummary[] = [
  {
    kind: "publish_rewards",
    queued: 0,
    retrying: 0,
    running: 0,
    done: 1,
    dead: 0,
    lastDoneAt: new Date("2026-11-10T11:00:00Z"),
    dueSince: null,
  },
  { kind: "sync_member", queued: 4, retrying: 1, running: 0, done: 120, dead: 2, lastDoneAt: now, dueSince: null },
];
const jobs: ProblemJob[] = [
  {
    id: "job-1",
    kind: "sync_member",
    key: "member-1",
    status: "dead",
    attempts: 8,
    lastError: "Access denied for metafieldsSet",
    failedAt: new Date("2026-11-10T11:58:00Z"),
    nextRunAt: null,
  },
];
const loaderData = {
  now,
  overview: {
    program: "live" as const,
    kinds,
    health: assessHealth("live", kinds, now),
    webhooks: {
      topics: [{ topic: "orders/paid", lastDay: 3, lastWeek: 11, lastReceivedAt: now }],
      latest: [{ id: "w1", topic: "orders/paid", receivedAt: now, triggeredAt: null }],
    },
  },
  failed: { jobs, page: 1, hasNext: false },
};

function renderPage(locale: Locale, action = vi.fn(async () => ({ ok: true, retried: 1 }))) {
  const Stub = createRemixStub([
    {
      path: "/app/operations",
      Component: () => (
        <AppProvider i18n={polarisTranslations[locale]}>
          <I18nProvider locale={locale}>
            <Operations />
          </I18nProvider>
        </AppProvider>
      ),
      loader: () => loaderData,
      action,
    },
  ]);
  render(<Stub initialEntries={["/app/operations"]} />);
  return action;
}

describe("operations page", () => {
  it.each([
    ["en", "Operations", "Something needs your attention", "Member balances to Shopify", "Retry now", "Retry 2 failed"],
    [
      "ru",
      "Работа системы",
      "Нужно ваше внимание",
      "Балансы участников в Shopify",
      "Повторить сейчас",
      "Повторить с ошибкой: 2",
    ],
  ])("renders in %s", async (locale, title, banner, kind, retry, retryAll) => {
    renderPage(locale as Locale);
    expect(await screen.findByRole("heading", { name: title })).toBeTruthy();
    expect(screen.getByText(banner)).toBeTruthy();
    expect(screen.getAllByText(kind).length).toBeGreaterThan(0);
    expect(screen.getByText("Access denied for metafieldsSet")).toBeTruthy();
    expect(screen.getByRole("button", { name: retry })).toBeTruthy();
    expect(screen.getByRole("button", { name: retryAll })).toBeTruthy();
    expect(screen.getAllByText("orders/paid").length).toBe(2);
  });

  it("names the reasons in the banner", async () => {
    renderPage("en");
    await screen.findByRole("heading", { name: "Operations" });
    expect(
      screen.getByText("Jobs that failed after every retry: 2. They won't run again until you retry them."),
    ).toBeTruthy();
    expect(screen.getByText("Jobs that failed and will be retried automatically: 1.")).toBeTruthy();
  });

  it("posts the job to retry and shows the outcome", async () => {
    const action = renderPage("en");
    const row = (await screen.findByText("member-1")).closest("tr")!;
    fireEvent.click(within(row).getByRole("button", { name: "Retry now" }));
    expect(await screen.findByText("Jobs queued to run again: 1.")).toBeTruthy();
    const { request } = (action.mock.calls[0] as unknown as [{ request: Request }])[0];
    expect(Object.fromEntries(await request.formData())).toEqual({ intent: "retry", jobId: "job-1" });
  });
});
