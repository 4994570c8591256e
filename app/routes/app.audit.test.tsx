// @vitest-environment happy-dom
// The audit log as a merchant reads it, in English and Russian: who, when (in UTC), what, and
// what changed, with labels for known actions and settings and the raw key for the rest.
import { createRemixStub } from "@remix-run/testing";
import { AppProvider } from "@shopify/polaris";
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "../i18n/context";
import type { Locale } from "../i18n/locale";
import { polarisTranslations } from "../i18n/polaris";
import AuditLog from "./app.audit";

// Rendering needs no Shopify or database; the loader is covered by app.audit.integration.test.ts.
vi.mock("../shopify.server", () => ({ authenticate: {} }));
vi.mock("../admin/audit.server", () => ({ auditLog: vi.fn() }));

afterEach(cleanup);

const entries = [
  {
    id: "e2",
    actor: "staff:42",
    action: "program.settings.update",
    subject: "program",
    at: "2026-03-02T10:05:00.000Z",
    changes: [
      { key: "pendingDays", before: 0, after: 14 },
      { key: "expiry.kind", before: "never", after: "fifo" },
      { key: "allowNegativeAfterRefund", before: false, after: true },
    ],
  },
  {
    id: "e1",
    actor: "system",
    action: "tier.recompute",
    subject: null,
    at: "2026-03-01T09:00:00.000Z",
    changes: [{ key: "threshold", before: null, after: 500 }],
  },
];

function renderLog(locale: Locale, data: object) {
  const Stub = createRemixStub([
    {
      path: "/app/audit",
      Component: () => (
        <AppProvider i18n={polarisTranslations[locale]}>
          <I18nProvider locale={locale}>
            <AuditLog />
          </I18nProvider>
        </AppProvider>
      ),
      loader: () => data,
    },
  ]);
  render(<Stub initialEntries={["/app/audit"]} />);
}

describe("audit log page", () => {
  it.each([
    [
      "en",
      {
        title: "Change history",
        who: "Staff member 42",
        when: "Mar 2, 2026, 10:05 AM UTC",
        action: "Program settings changed",
        lines: [
          "Pending period, days: 0 → 14",
          "Expiry: Points never expire → Points expire a set time after they were earned, oldest first",
          "Balance may go below zero after a refund: no → yes",
        ],
        system: "Laurel (automatic)",
        older: "Older changes",
      },
    ],
    [
      "ru",
      {
        title: "История изменений",
        who: "Сотрудник 42",
        when: "2 мар. 2026 г., 10:05 UTC",
        action: "Изменены настройки программы",
        lines: [
          "Период ожидания, дней: 0 → 14",
          "Сгорание: Баллы не сгорают → Баллы сгорают через заданный срок после начисления, начиная с самых старых",
          "Баланс может стать отрицательным после возврата: нет → да",
        ],
        system: "Laurel (автоматически)",
        older: "Более ранние",
      },
    ],
  ])("shows who changed what and when, in %s", async (locale, text) => {
    renderLog(locale as Locale, { subject: null, first: true, next: "2026-03-01T09:00:00.000Z|e1", entries });
    expect(await screen.findByRole("heading", { name: text.title })).toBeTruthy();
    expect(screen.getByText(text.who)).toBeTruthy();
    expect(screen.getByText(text.when)).toBeTruthy();
    expect(screen.getByText(text.action)).toBeTruthy();
    for (const line of text.lines) expect(screen.getByText(line)).toBeTruthy();
    // Unknown actions and fields show their keys rather than nothing.
    expect(screen.getByText(text.system)).toBeTruthy();
    expect(screen.getByText("tier.recompute")).toBeTruthy();
    expect(screen.getByText("threshold: — → 500")).toBeTruthy();
    const older = screen.getByRole("link", { name: text.older });
    expect(older.getAttribute("href")).toBe("/app/audit?cursor=2026-03-01T09%3A00%3A00.000Z%7Ce1");
    expect(screen.getByRole("link", { name: "program" }).getAttribute("href")).toBe("/app/audit?subject=program");
  });

  it.each([
    ["en", "No changes recorded yet.", "Changes to program", "Show all changes"],
    ["ru", "Изменений пока нет.", "Изменения: program", "Все изменения"],
  ])("says so when a subject has no changes, in %s", async (locale, empty, subtitle, showAll) => {
    renderLog(locale as Locale, { subject: "program", first: true, next: null, entries: [] });
    expect(await screen.findByText(empty)).toBeTruthy();
    expect(screen.getByText(subtitle)).toBeTruthy();
    expect(screen.getByRole("link", { name: showAll }).getAttribute("href")).toBe("/app/audit");
    expect((document.querySelector('input[name="subject"]') as HTMLInputElement).value).toBe("program");
  });
});
