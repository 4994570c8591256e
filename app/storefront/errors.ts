// The storefront API's errors: a machine code the extensions branch on, an HTTP status, and a
// message in the shopper's language.
import { translator, type MessageKey } from "../i18n/translate";
import type { Locale } from "../i18n/locale";

export const ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  not_a_member: 403,
  not_found: 404,
  redemption_in_progress: 409,
  reward_unavailable: 409,
  insufficient_points: 422,
  rate_limited: 429,
  shopify_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; field?: string } & Record<string, unknown>;
}

export function apiError(
  code: ErrorCode,
  locale: Locale,
  extra: { field?: string; details?: Record<string, unknown>; headers?: HeadersInit } = {},
): Response {
  const t = translator(locale);
  const values = Object.fromEntries(
    Object.entries(extra.details ?? {}).filter((e): e is [string, string | number] =>
      ["string", "number"].includes(typeof e[1]),
    ),
  );
  const body: ApiErrorBody = {
    error: {
      code,
      message: t(`storefront.error.${code}` as MessageKey, values),
      ...(extra.field ? { field: extra.field } : {}),
      ...extra.details,
    },
  };
  return Response.json(body, { status: ERROR_STATUS[code], headers: extra.headers });
}

/** Input that passed the schema but not the shop's rules (a cursor, an amount's decimals). */
export class InvalidInput extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}
