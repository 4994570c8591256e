// @vitest-environment happy-dom
// The segments page as a merchant sees it, in English and Russian, with loader data as the loader
// returns it (segments.server.ts is covered by its integration tests): each segment's name linking
// to its members, who is in it with the shop's thresholds, and how many.
import { createRemixStub } from "@remix-run/testing";
import { AppProvider } from "@shopify/polaris";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { I18nProvider } from "../i18n/context";
import type { Locale } from "../i18n/locale";
import { polarisTranslations } from "../i18n/polaris";
import { defaultSegmentSettings } from "../loyalty/segments";
import type { SegmentsPage } from "../segments/segments.server";
import { segmentFormOf } from "../admin/segment-settings-form";
import type { SegmentSaveResult } from "../admin/segment-settings.server";
import Segments from "./app.segments";

vi.mock("../shopify.server", () => ({ authenticate: {} }));

afterEach(cleanup);

type LoaderData = SegmentsPage & { form: ReturnType<typeof segmentFormOf> };

const data = (over: Partial<SegmentsPage> = {}): LoaderData =>
  withForm({
    currency: "USD",
    settings: defaultSegmentSettings("USD"),
    members: 12_345,
    tiersOn: true,
    segments: [
      { id: "new", count: 120, tier: null },
      { id: "active", count: 4_321, tier: null },
      { id: "at-risk", count: 800, tier: null },
      { id: "lapsed", count: 7_000, tier: null },
      { id: "high-value", count: 95, tier: null },
      { id: "tier:gold", count: 12, tier: { en: "Gold", ru: "Золото" } },
    ],
    ...over,
  });

function withForm(page: SegmentsPage): LoaderData {
  return { ...page, form: segmentFormOf(page.settings, page.currency) };
}

function renderPage(
  locale: Locale,
  loaderData: LoaderData,
  action: (form: FormData) => SegmentSaveResult | Response = () => ({ ok: true, changed: true }),
) {
  const Stub = createRemixStub([
    {
      path: "/app/segments",
      Component: () => (
        <AppProvider i18n={polarisTranslations[locale]}>
          <I18nProvider locale={locale}>
            <Segments />
          </I18nProvider>
        </AppProvider>
      ),
      loader: () => loaderData,
      action: async ({ request }) => action(await request.formData()),
    },
  ]);
  render(<Stub initialEntries={["/app/segments"]} />);
}

const href = (name: string) => screen.getByRole("link", { name }).getAttribute("href");

describe("segments page", () => {
  it.each([
    [
      "en",
      {
        title: "Segments",
        atRisk: "At risk",
        gold: "Gold tier",
        atRiskText: "Last bought between 91 and 180 days ago.",
        highValueText: "Spent $500.00 or more in the last 12 months.",
        goldText: "Members in the Gold VIP tier.",
        active: "4,321",
        members: /Out of 12,345 members in the program\./,
      },
    ],
    [
      "ru",
      {
        title: "Сегменты",
        atRisk: "Под угрозой ухода",
        gold: "Уровень «Золото»",
        atRiskText: "Последняя покупка — от 91 до 180 дн. назад.",
        highValueText: "Потратили 500,00 $ или больше за последние 12 месяцев.",
        goldText: "Участники VIP-уровня «Золото».",
        active: "4 321",
        members: /Всего участников программы: 12 345\./,
      },
    ],
  ])("lists each segment with who is in it and how many, linking to its members, in %s", async (locale, text) => {
    renderPage(locale as Locale, data());
    expect(await screen.findByRole("heading", { name: text.title })).toBeTruthy();
    expect(href(text.atRisk)).toBe("/app/members?segment=at-risk");
    expect(href(text.gold)).toBe("/app/members?segment=tier%3Agold");
    expect(screen.getByText(text.atRiskText)).toBeTruthy();
    // Intl's no-break spaces ("500,00 $", "4 321") read as spaces: the matcher collapses whitespace.
    expect(screen.getByText(text.highValueText)).toBeTruthy();
    expect(screen.getByText(text.goldText)).toBeTruthy();
    expect(screen.getByText(text.active)).toBeTruthy();
    expect(screen.getByText(text.members)).toBeTruthy();
    expect(screen.getAllByRole("link")).toHaveLength(6);
  });

  it("says how to get tier segments while tiers are off", async () => {
    renderPage("en", data({ tiersOn: false, segments: data().segments.slice(0, 5) }));
    expect(await screen.findByText("Turn on VIP tiers to get a segment for each tier.")).toBeTruthy();
    expect(screen.queryByText("Gold tier")).toBeNull();
  });
});

describe("thresholds", () => {
  it("shows the shop's thresholds, the spend in its currency", async () => {
    renderPage("en", data({ currency: "JPY", settings: { ...defaultSegmentSettings("JPY"), newDays: 14 } }));
    expect(((await screen.findByLabelText("New: joined within (days)")) as HTMLInputElement).value).toBe("14");
    expect((screen.getByLabelText("Lapsed: no purchase for more than (days)") as HTMLInputElement).value).toBe("180");
    expect(
      (screen.getByLabelText("High value: spent in the last 12 months at least (JPY)") as HTMLInputElement).value,
    ).toBe("500");
  });

  it("posts every threshold and shows each field's problem in the merchant's language", async () => {
    let posted: Record<string, FormDataEntryValue> = {};
    renderPage("ru", data(), (form) => {
      posted = Object.fromEntries(form);
      return Response.json(
        { ok: false, errors: { lapsedAfterDays: "segments.error.lapsedAfterDays" } },
        { status: 400 },
      );
    });
    const lapsed = await screen.findByLabelText("Ушедшие: нет покупок больше (дней)");
    fireEvent.change(lapsed, { target: { value: "60" } });
    fireEvent.click(screen.getByRole("button", { name: "Сохранить пороги" }));
    expect(await screen.findByText("Должно быть больше дней, чем порог «под угрозой».")).toBeTruthy();
    expect(posted).toEqual({ newDays: "30", atRiskAfterDays: "90", lapsedAfterDays: "60", highValueSpend: "500.00" });
  });

  it("says when the thresholds were saved", async () => {
    renderPage("en", data());
    fireEvent.click(await screen.findByRole("button", { name: "Save thresholds" }));
    expect(await screen.findByText("Thresholds saved")).toBeTruthy();
  });
});
