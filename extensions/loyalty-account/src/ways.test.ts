import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createI18n } from "../../host/i18n";
import { localeFiles } from "../../host/testing";
import type { EarnWay } from "../../shared/contract";
import { describeWay } from "./ways";

const files = localeFiles(path.resolve(path.dirname(fileURLToPath(import.meta.url)), ".."));
const purchase: EarnWay = { kind: "purchase", points: 1, text: "server", amount: "1.00", currency: "USD" };

describe("describeWay", () => {
  it("words built-in ways with plural forms and local money", () => {
    const en = createI18n(files, "en");
    expect(describeWay(en, purchase)).toBe("1 point for every $1.00 spent");
    expect(describeWay(en, { kind: "signup", points: 100, text: "server" })).toBe("100 points for joining");
    const ru = createI18n(files, "ru");
    expect(describeWay(ru, { ...purchase, points: 5 })).toBe("5 баллов за каждые 1,00\u00a0$ покупок");
    expect(describeWay(ru, { kind: "birthday", points: 21, text: "server" })).toBe("21 балл в день рождения");
  });

  it("keeps the server's words for custom actions, campaigns and a purchase rule without amounts", () => {
    const en = createI18n(files, "en");
    expect(describeWay(en, { kind: "custom", points: 20, text: "20 points — Follow us" })).toBe(
      "20 points — Follow us",
    );
    expect(describeWay(en, { kind: "campaign", points: 0, text: "Black Friday: ×2" })).toBe("Black Friday: ×2");
    expect(describeWay(en, { kind: "purchase", points: 1, text: "server" })).toBe("server");
  });
});
