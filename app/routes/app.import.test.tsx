// @vitest-environment happy-dom
// The import/export page as a merchant sees it, in English and Russian, with loader data as the
// loader returns it (import.server.ts is covered by its integration tests): the exports, a dry
// run's counts, rows to look up in Shopify and problems, Import and its answer, a refused upload,
// and the recent imports.
import { createRemixStub } from "@remix-run/testing";
import { AppProvider } from "@shopify/polaris";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ImportRunView } from "../admin/import.server";
import { I18nProvider } from "../i18n/context";
import type { Locale } from "../i18n/locale";
import { polarisTranslations } from "../i18n/polaris";
import ImportExport from "./app.import";

vi.mock("../shopify.server", () => ({ authenticate: {} }));

afterEach(cleanup);

const at = new Date("2026-11-10T12:00:00Z");
const preview: ImportRunView = {
  id: "run-1",
  fileName: "smile-export.csv",
  status: "previewed",
  total: 1200,
  valid: 1150,
  processed: 0,
  applied: 0,
  skipped: 0,
  lookups: 30,
  errors: [
    { row: 4, field: "points", message: "transfer.rowError.badPoints" },
    { row: 9, field: "customer", message: "transfer.rowError.noMember" },
  ],
  createdAt: at,
  updatedAt: at,
};
const running: ImportRunView = {
  ...preview,
  id: "run-0",
  fileName: "first.csv",
  status: "running",
  processed: 500,
  applied: 480,
  skipped: 20,
  errors: [],
};
const loaderData = (overrides: Record<string, unknown> = {}) => ({
  runs: [preview, running],
  preview,
  range: { from: "2026-10-11", to: "2026-11-10" },
  limits: { rows: 250_000, megabytes: 25 },
  columns: { members: ["member_id", "email"], ledger: ["entry_id", "created_at"] },
  ...overrides,
});

function renderPage(locale: Locale, loader: () => unknown, action?: () => unknown) {
  const Stub = createRemixStub([
    {
      path: "/app/import",
      Component: () => (
        <AppProvider i18n={polarisTranslations[locale]}>
          <I18nProvider locale={locale}>
            <ImportExport />
          </I18nProvider>
        </AppProvider>
      ),
      loader: loader as never,
      action: action as never,
    },
  ]);
  render(<Stub initialEntries={["/app/import?run=run-1"]} />);
}

describe("import and export page", () => {
  it.each([
    [
      "en",
      "Import and export",
      "1,200 rows: 1,150 ready to import, 50 with problems.",
      "Rows naming an email no member has: 30. Laurel will look these customers up in Shopify when you import.",
      "Points must be a whole number, such as 250.",
      "Import 1,150 balances",
      "500 of 1,200 rows: 480 imported, 20 skipped",
      "Export ledger",
      "Columns: member_id, email",
    ],
    [
      "ru",
      "Импорт и экспорт",
      "Строк: 1 200; готовы к импорту: 1 150; с ошибками: 50.",
      "Строк с эл. почтой, которой нет ни у одного участника: 30. При импорте Laurel поищет этих покупателей в Shopify.",
      "Баллы — целое число, например 250.",
      "Импортировать балансы: 1 150",
      "Обработано 500 из 1 200 строк: импортировано 480, пропущено 20",
      "Экспорт журнала",
      "Столбцы: member_id, email",
    ],
  ])("renders in %s", async (locale, title, counts, lookups, problem, apply, progress, ledger, columns) => {
    renderPage(locale as Locale, () => loaderData());
    expect(await screen.findByRole("heading", { name: title })).toBeTruthy();
    const normal = (text: string) => text.replace(/\s/g, " ");
    expect(
      screen.getByText((_, el) => el?.tagName === "P" && normal(el.textContent ?? "") === normal(counts)),
    ).toBeTruthy();
    expect(screen.getByText(lookups)).toBeTruthy();
    expect(screen.getByText(problem)).toBeTruthy();
    expect(screen.getByRole("button", { name: (name) => normal(name) === normal(apply) })).toBeTruthy();
    expect(
      screen.getByText((_, el) => el?.tagName === "SPAN" && normal(el.textContent ?? "") === normal(progress)),
    ).toBeTruthy();
    expect(screen.getByRole("button", { name: ledger })).toBeTruthy();
    expect(screen.getByText(columns)).toBeTruthy();
    expect(screen.getByRole("link", { name: "first.csv" }).getAttribute("href")).toBe("/app/import?run=run-0");
  });

  it("says nothing of lookups when every row names a member or a customer id", async () => {
    renderPage("en", () => loaderData({ preview: { ...preview, lookups: 0 } }));
    expect(await screen.findByText("Checked: smile-export.csv")).toBeTruthy();
    expect(screen.queryByText(/look these customers up/)).toBeNull();
  });

  it("queues the import and says so", async () => {
    const action = vi.fn(async () => ({ ok: true, queued: "run-1" }));
    renderPage("en", () => loaderData(), action);
    fireEvent.click(await screen.findByRole("button", { name: "Import 1,150 balances" }));
    expect(await screen.findByText(/The import is running in the background/)).toBeTruthy();
    expect(action).toHaveBeenCalledOnce();
  });

  it("shows why a file was refused", async () => {
    const action = vi.fn(async () => ({ ok: false, refused: { code: "nothingValid", row: null } }));
    renderPage("ru", () => loaderData(), action);
    fireEvent.click(await screen.findByRole("button", { name: /^Импортировать балансы: 1\s150$/ }));
    expect(await screen.findByText("Ни одну строку этого файла нельзя импортировать.")).toBeTruthy();
  });

  it("asks for a file before checking one", async () => {
    renderPage("en", () => loaderData({ preview: null, runs: [] }));
    fireEvent.click(await screen.findByRole("button", { name: "Check file" }));
    expect(await screen.findByText("Choose a CSV file first.")).toBeTruthy();
    expect(screen.getByText("No imports yet.")).toBeTruthy();
  });
});
