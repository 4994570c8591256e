// The emulator's HTTP server: what a development store answers at https://<shop>.myshopify.com
// (Admin GraphQL, OAuth token exchange), plus the control API under /_emulator and the UI
// extensions' preview under /_emulator/preview.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { exchangeToken, mintSessionToken } from "../auth/tokens.ts";
import { AdminApi } from "../graphql/admin-api.ts";
import { loadAdminSchema } from "../graphql/schema.ts";
import { PreviewBundles } from "../preview/bundles.ts";
import { servePreview } from "../preview/routes.ts";
import { Store } from "../state/store.ts";
import type { AppConfig, ShopRecord } from "../state/types.ts";
import { WebhookDeliverer, type DelivererOptions } from "../webhooks/deliverer.ts";
import { control } from "./control.ts";

export interface EmulatorOptions {
  app: AppConfig;
  schemaFile: string;
  /** The Admin API version the schema file is for (requests for others get 404). */
  apiVersion: string;
  port?: number;
  host?: string;
  webhooks?: DelivererOptions;
  now?: () => Date;
  /** Whether creating a shop opens the app in its admin (the app then holds its offline token). */
  openAppOnInstall?: boolean;
}

export interface Emulator {
  url: string;
  store: Store;
  api: AdminApi;
  webhooks: WebhookDeliverer;
  close(): Promise<void>;
}

const MAX_BODY = 5 * 1024 * 1024;

export const BROWSER_USER_AGENT =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) reject(new Error("request body too large"));
      else chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function send(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  response.writeHead(status, { "Content-Type": "application/json; charset=utf-8", ...headers });
  response.end(text);
}

/** The shop a request is for: Shopify's host name, as the app addresses it. */
function shopDomain(request: http.IncomingMessage): string | undefined {
  const host = (request.headers["x-forwarded-host"] ?? request.headers.host ?? "").toString().split(":")[0]!;
  if (host.endsWith(".myshopify.com")) return host;
  const header = request.headers["x-shopify-shop-domain"];
  return typeof header === "string" ? header : undefined;
}

function parseBody(text: string, contentType: string | undefined): Record<string, unknown> {
  if (!text) return {};
  if (contentType?.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  return JSON.parse(text) as Record<string, unknown>;
}

/** The App Bridge stand-in, served where Shopify's CDN would serve App Bridge. */
const APP_BRIDGE = fs.readFileSync(new URL("../cdn/app-bridge.js", import.meta.url), "utf8");

const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
  "Access-Control-Allow-Headers": "Content-Type, Authorization",
};

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const store = new Store(options.app, options.now);
  const api = new AdminApi(loadAdminSchema(options.schemaFile), store);
  const webhooks = new WebhookDeliverer(store, options.webhooks);
  const preview = { store, bundles: new PreviewBundles(options.app.appUrl) };

  /** Loads the app as the admin would right after install, so it trades for its token now. */
  const openApp = async (shop: ShopRecord) => {
    if (options.openAppOnInstall === false) return false;
    const url = new URL("/app", options.app.appUrl);
    url.searchParams.set("embedded", "1");
    url.searchParams.set("shop", shop.domain);
    url.searchParams.set(
      "host",
      Buffer.from(`admin.shopify.com/store/${shop.domain.split(".")[0]}`).toString("base64url"),
    );
    url.searchParams.set("id_token", mintSessionToken(options.app, shop, "admin"));
    try {
      // The admin loads the app in the merchant's browser; the app turns bots away.
      const response = await fetch(url, {
        redirect: "manual",
        headers: { "User-Agent": BROWSER_USER_AGENT },
        signal: AbortSignal.timeout(15_000),
      });
      await response.arrayBuffer();
      return response.status < 400;
    } catch {
      return false;
    }
  };

  const server = http.createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? "/", "http://emulator");
      const method = request.method ?? "GET";
      if (url.pathname === "/cdn/app-bridge.js") {
        response.writeHead(200, { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-cache" });
        return response.end(APP_BRIDGE);
      }
      if (url.pathname === "/_emulator/preview" || url.pathname.startsWith("/_emulator/preview/")) {
        return await servePreview(preview, request, response, url, () => readBody(request));
      }
      if (url.pathname.startsWith("/_emulator/")) {
        if (method === "OPTIONS") return send(response, 204, {}, CORS);
        const text = await readBody(request);
        let body: Record<string, unknown>;
        try {
          body = parseBody(text, "application/json");
        } catch {
          return send(response, 400, { error: "body must be JSON" }, CORS);
        }
        const [status, result] = await control(
          { store, webhooks, openApp, adminFaults: api.faults },
          method,
          url.pathname,
          body,
        );
        return send(response, status, result, CORS);
      }
      const domain = shopDomain(request);
      const shop = domain ? store.shops.get(domain) : undefined;
      if (!shop) return send(response, 404, { errors: "Not Found" });

      if (method === "POST" && url.pathname === "/admin/oauth/access_token") {
        const params = parseBody(await readBody(request), request.headers["content-type"]) as Record<string, string>;
        const result = exchangeToken(store, shop, params);
        return send(response, result.status, result.body);
      }
      const graphql = /^\/admin\/api\/([^/]+)\/graphql\.json$/.exec(url.pathname);
      if (graphql && method === "POST") {
        if (graphql[1] !== options.apiVersion) {
          return send(response, 404, {
            errors: `The emulator serves Admin API ${options.apiVersion}, not ${graphql[1]}`,
          });
        }
        const token = request.headers["x-shopify-access-token"];
        const auth = typeof token === "string" ? store.byAccessToken(shop.domain, token) : undefined;
        if (!auth)
          return send(response, 401, {
            errors: "[API] Invalid API key or access token (unrecognized login or wrong password)",
          });
        let body: Record<string, unknown>;
        try {
          body = parseBody(await readBody(request), "application/json");
        } catch {
          return send(response, 400, { errors: { query: "Required parameter missing or invalid" } });
        }
        const result = await api.handle(auth.shop, auth.installation, body);
        return send(response, result.status, result.body, { "X-Request-Id": crypto.randomUUID() });
      }
      return send(response, 404, { errors: "Not Found" });
    } catch (error) {
      send(response, 500, { errors: (error as Error).message });
    }
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${address.port}`,
    store,
    api,
    webhooks,
    async close() {
      webhooks.close();
      api.faults.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
