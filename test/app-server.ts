// Starts the production build as `npm start` does, alone or wired to an in-process emulator, for
// end-to-end tests and the bench.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { ADMIN_API_VERSION } from "../app/shopify/api-version.ts";
import { DEMO_CREDENTIALS, laurelApp } from "../emulator/config.ts";
import { startEmulator, type Emulator } from "../emulator/http/server.ts";
import type { DelivererOptions } from "../emulator/webhooks/deliverer.ts";
import { setup as migrate } from "../scripts/db.ts";
import { schemaPath } from "../scripts/shopify-schemas.ts";

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningApp {
  child: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
  url: string;
  stop: () => void;
}

/** Spawns the production server (`npm start`: server.js) with exactly `env` (plus PATH). */
export function spawnApp(env: NodeJS.ProcessEnv, port: number): RunningApp {
  const child: ChildProcess = spawn(process.execPath, ["server.js"], {
    env: { PATH: process.env.PATH, PORT: String(port), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { child, exited, output: () => output, url: `http://127.0.0.1:${port}`, stop: () => child.kill("SIGTERM") };
}

/** Spawns the app and waits until it answers HTTP. */
export async function startApp(env: NodeJS.ProcessEnv, port?: number): Promise<RunningApp> {
  const app = spawnApp(env, port ?? (await freePort()));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (app.child.exitCode !== null) throw new Error(`app exited:\n${app.output()}`);
    try {
      await fetch(`${app.url}/healthz`);
      return app;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  app.stop();
  throw new Error(`app did not listen:\n${app.output()}`);
}

/**
 * The emulator (Laurel's app config, the admin schema) and the production build on `databaseUrl`
 * wired to it with the demo credentials. `env` adds to the app's environment (the emulator's URL
 * is known by then). A failed start closes the emulator again.
 */
export async function startAppOnEmulator(options: {
  databaseUrl: string;
  env?: (emulatorUrl: string) => Record<string, string>;
  webhooks?: DelivererOptions;
}): Promise<{ app: RunningApp; emulator: Emulator }> {
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  const emulator = await startEmulator({
    app: laurelApp({ appUrl }),
    schemaFile: schemaPath("admin"),
    apiVersion: ADMIN_API_VERSION,
    webhooks: options.webhooks,
  });
  try {
    const app = await startApp(
      {
        NODE_ENV: "production",
        SHOPIFY_API_KEY: DEMO_CREDENTIALS.apiKey,
        SHOPIFY_API_SECRET: DEMO_CREDENTIALS.apiSecret,
        SHOPIFY_APP_URL: appUrl,
        DATABASE_URL: options.databaseUrl,
        SHOPIFY_EMULATOR_URL: emulator.url,
        ...options.env?.(emulator.url),
      },
      port,
    );
    return { app, emulator };
  } catch (error) {
    await emulator.close();
    throw error;
  }
}

/** Applies the migrations to the SQLite file at `file`; returns its URL. */
export function migratedSqlite(file: string): string {
  const databaseUrl = `file:${file}`;
  migrate({ quiet: true, databaseUrl });
  return databaseUrl;
}
