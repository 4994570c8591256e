// The storefront API client both extensions use. Every request carries a fresh session token
// (they live a minute or five) and the shopper's language; every failure becomes an ApiError
// with a machine code, so the UI can branch on it and show the server's translated message.
import { BACKEND_URL } from "./backend";
import type {
  ApiErrorBody,
  BirthdayResponse,
  EstimateRequest,
  EstimateResponse,
  HistoryResponse,
  LoyaltyResponse,
  RedeemRequest,
  RedeemResponse,
} from "./contract";

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  /** The server's message, already in the shopper's language; null when none came (offline). */
  readonly serverMessage: string | null;
  readonly field?: string;
  readonly shortBy?: number;
  readonly seconds?: number;

  constructor(status: number, body: ApiErrorBody["error"] | null, fallbackCode: string) {
    super(body?.message ?? fallbackCode);
    this.name = "ApiError";
    this.status = status;
    this.code = body?.code ?? fallbackCode;
    this.serverMessage = body?.message ?? null;
    this.field = body?.field;
    this.shortBy = body?.shortBy;
    this.seconds = body?.seconds;
  }
}

export interface ClientOptions {
  /** `shopify.sessionToken.get`: a fresh token per request. */
  token: () => Promise<string>;
  /** The shopper's language (`en`, `ru-RU`…), sent as Accept-Language. */
  language: () => string;
  baseUrl?: string;
  fetch?: typeof fetch;
}

export type StorefrontClient = ReturnType<typeof createClient>;

export function createClient(options: ClientOptions) {
  const base = (options.baseUrl ?? BACKEND_URL).replace(/\/$/, "");
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function call<T>(path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      const token = await options.token();
      response = await doFetch(`${base}/api/storefront/${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: {
          Authorization: `Bearer ${token}`,
          "Accept-Language": options.language(),
          ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, null, "network_error");
    }
    let parsed: unknown = null;
    try {
      parsed = await response.json();
    } catch {
      // An HTML error page from a proxy, or an empty body: handled below by status.
    }
    if (!response.ok) {
      const error = (parsed as ApiErrorBody | null)?.error;
      throw new ApiError(response.status, error && typeof error.code === "string" ? error : null, "server_error");
    }
    if (parsed === null) throw new ApiError(response.status, null, "server_error");
    return parsed as T;
  }

  return {
    loyalty: (subtotal?: string) =>
      call<LoyaltyResponse>(subtotal === undefined ? "loyalty" : `loyalty?subtotal=${encodeURIComponent(subtotal)}`),
    history: (cursor?: string | null) =>
      call<HistoryResponse>(cursor ? `history?cursor=${encodeURIComponent(cursor)}` : "history"),
    redeem: (request: RedeemRequest) => call<RedeemResponse>("redeem", request),
    estimate: (request: EstimateRequest) => call<EstimateResponse>("estimate", request),
    setBirthday: (birthday: string) => call<BirthdayResponse>("birthday", { birthday }),
  };
}

/** What a client reads of the `shopify` global both extensions get. */
interface ClientHost {
  sessionToken: { get(): Promise<string> };
  localization: { language: { value: { isoCode: string } } };
}

/**
 * The client as an extension uses it, from its `shopify` global (`host`): a fresh session token
 * per request and the shopper's language (not the extension's), so server messages and reward
 * titles match the page.
 */
export function hostClient(host: () => ClientHost): StorefrontClient {
  return createClient({
    token: () => host().sessionToken.get(),
    language: () => host().localization.language.value.isoCode,
  });
}

/** A key for one redemption attempt (a click); its retries reuse it. */
export function idempotencyKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
