// `npm start`: the production server. remix-serve's set-up (compression, the build's assets,
// public/, an access log, then Remix), except that Shopify's webhooks and the storefront API come
// first: they are Laurel's hottest paths (benchmarked), answer small JSON, and gain nothing from a
// static-file lookup on every call, compressing a few hundred bytes, or a log line per call
// (deliveries are recorded in the database; errors are still logged). Those that are resource
// routes at a fixed path are answered by their route module directly, as Remix answers a
// resource route (loader for GET and HEAD, action otherwise, a thrown Response sent as it is):
// Remix would otherwise match the path against every route on every call.
import { createRequestHandler } from "@remix-run/express";
import { installGlobals } from "@remix-run/node";
import compression from "compression";
import express from "express";
import morgan from "morgan";
import path from "node:path";
import { pathToFileURL } from "node:url";

process.env.NODE_ENV = process.env.NODE_ENV ?? "production";
const build = await import(pathToFileURL(path.resolve("build/server/index.js")).href);
installGlobals({ nativeFetch: build.future.v3_singleFetch });

const handler = createRequestHandler({ build, mode: process.env.NODE_ENV });

/** Resource routes (no component) at a fixed path, by that path. */
function fixedResourceRoutes() {
  const routes = new Map();
  for (const route of Object.values(build.routes)) {
    if (route.module.default || !route.path) continue;
    let full = route.path;
    for (let parent = build.routes[route.parentId]; parent; parent = build.routes[parent.parentId]) {
      if (parent.path) full = `${parent.path}/${full}`;
    }
    if (!/[:*]/.test(full)) routes.set(`/${full}`.replace(/\/+/g, "/"), route.module);
  }
  return routes;
}
const fixed = fixedResourceRoutes();

async function toRequest(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
  const host = req.get("X-Forwarded-Host") ?? req.get("host");
  const body = req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks);
  return new Request(`${req.protocol}://${host}${req.originalUrl}`, { method: req.method, headers, body });
}

async function send(res, response) {
  res.status(response.status);
  for (const [name, value] of response.headers) res.append(name, value);
  if (response.body) for await (const chunk of response.body) res.write(chunk);
  res.end();
}

/** A fixed resource route answers directly; anything else goes to Remix. */
async function direct(req, res, next) {
  const module = fixed.get(req.path);
  const run = req.method === "GET" || req.method === "HEAD" ? module?.loader : module?.action;
  if (!run) return handler(req, res, next);
  try {
    let response;
    try {
      const result = await run({ request: await toRequest(req), params: {}, context: {} });
      response = result instanceof Response ? result : Response.json(result ?? null);
    } catch (thrown) {
      if (!(thrown instanceof Response)) throw thrown;
      response = thrown;
    }
    await send(res, response);
  } catch (error) {
    console.error(error);
    if (!res.headersSent) res.status(500).end("Unexpected Server Error");
  }
}

const app = express();
app.disable("x-powered-by");
app.all(["/webhooks/*", "/api/*"], direct);
app.use(compression());
app.use(build.publicPath, express.static(build.assetsBuildDirectory, { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.use(morgan("tiny"));
app.all("*", handler);

const port = Number(process.env.PORT ?? 3000);
const onListen = () => console.log(`[laurel] http://${process.env.HOST ?? "localhost"}:${port}`);
const server = process.env.HOST ? app.listen(port, process.env.HOST, onListen) : app.listen(port, onListen);
for (const signal of ["SIGTERM", "SIGINT"]) process.once(signal, () => server.close(console.error));
