// Laurel's own strings, in English and Russian. Keys are flat ("home.title"); values may hold
// {placeholders}. A test keeps the two catalogs' keys and placeholders identical. Each admin
// area keeps its strings in its own pair of files (areas/<area>.<locale>.json).
import auditEn from "./areas/audit.en.json";
import auditRu from "./areas/audit.ru.json";
import dashboardEn from "./areas/dashboard.en.json";
import dashboardRu from "./areas/dashboard.ru.json";
import earnEn from "./areas/earn.en.json";
import earnRu from "./areas/earn.ru.json";
import membersEn from "./areas/members.en.json";
import membersRu from "./areas/members.ru.json";
import onboardingEn from "./areas/onboarding.en.json";
import onboardingRu from "./areas/onboarding.ru.json";
import operationsEn from "./areas/operations.en.json";
import operationsRu from "./areas/operations.ru.json";
import programEn from "./areas/program.en.json";
import programRu from "./areas/program.ru.json";
import rewardsEn from "./areas/rewards.en.json";
import rewardsRu from "./areas/rewards.ru.json";
import segmentsEn from "./areas/segments.en.json";
import segmentsRu from "./areas/segments.ru.json";
import tiersEn from "./areas/tiers.en.json";
import tiersRu from "./areas/tiers.ru.json";
import transferEn from "./areas/transfer.en.json";
import transferRu from "./areas/transfer.ru.json";
import baseEn from "./en.json";
import baseRu from "./ru.json";
import type { Locale } from "./locale";

const en = {
  ...baseEn,
  ...onboardingEn,
  ...auditEn,
  ...earnEn,
  ...operationsEn,
  ...programEn,
  ...rewardsEn,
  ...membersEn,
  ...dashboardEn,
  ...transferEn,
  ...tiersEn,
  ...segmentsEn,
};
const ru = {
  ...baseRu,
  ...onboardingRu,
  ...auditRu,
  ...earnRu,
  ...operationsRu,
  ...programRu,
  ...rewardsRu,
  ...membersRu,
  ...dashboardRu,
  ...transferRu,
  ...tiersRu,
  ...segmentsRu,
};

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

export const catalogs: Record<Locale, Messages> = { en, ru };

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const messages = catalogs[locale];
  return (key, values) =>
    messages[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      values && name in values ? String(values[name]) : whole,
    );
}
