// Polaris's own strings (buttons, pagination, empty states) for each locale Laurel speaks.
// Polaris ships no Russian, so Laurel carries its own translation (polaris.ru.json).
import polarisEn from "@shopify/polaris/locales/en.json";
import polarisRu from "./polaris.ru.json";
import type { Locale } from "./locale";

export const polarisTranslations: Record<Locale, typeof polarisEn> = { en: polarisEn, ru: polarisRu };
