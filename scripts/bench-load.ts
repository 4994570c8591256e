// The benchmark's load generator, in a worker thread of its own. The bench process also hosts the
// Shopify emulator, whose heap holds the seeded shop: its garbage collections paused the sending
// loop for 20–40 ms about once a second, and every request in flight then looked slow (measured
// with an event-loop probe beside the paced loop). A worker has its own heap and event loop.
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";
import { Agent } from "undici";

/** A request as the bench signs it: plain data, so it can cross to the worker. */
export interface Call {
  url: string;
  init: { method?: string; body?: string; headers?: Record<string, string> };
}

export type LoadSpec =
  /** Closed loop: `concurrency` clients, each sending its next request when the last one answers. */
  | { mode: "closed"; calls: Call[]; concurrency: number }
  /** Open loop: requests leave at a steady `rate` a second whatever the answers, as Shopify sends. */
  | { mode: "paced"; calls: Call[]; rate: number; connections: number };

export interface Measured {
  /** Each request's latency in ms, sorted. */
  latencies: number[];
  seconds: number;
  failures: number;
}

/** The nearest-rank `q` quantile of `sorted` latencies. */
export const percentile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function send(agent: Agent, call: Call, latencies: number[]): Promise<boolean> {
  const t = performance.now();
  // @ts-expect-error undici's dispatcher option is accepted by Node's fetch
  const response = await fetch(call.url, { ...call.init, dispatcher: agent });
  await response.arrayBuffer();
  latencies.push(performance.now() - t);
  return response.ok;
}

async function generate(spec: LoadSpec): Promise<Measured> {
  const { calls } = spec;
  // In the paced loop a request finding every connection busy waits for one, and the wait counts.
  const agent = new Agent({
    connections: spec.mode === "closed" ? spec.concurrency : spec.connections,
    keepAliveTimeout: 10_000,
  });
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  if (spec.mode === "closed") {
    let next = 0;
    await Promise.all(
      Array.from({ length: spec.concurrency }, async () => {
        while (next < calls.length) if (!(await send(agent, calls[next++]!, latencies))) failures += 1;
      }),
    );
  } else {
    const inFlight: Promise<void>[] = [];
    for (let i = 0; i < calls.length; i++) {
      const wait = started + (i * 1000) / spec.rate - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      inFlight.push(
        send(agent, calls[i]!, latencies).then((ok) => {
          if (!ok) failures += 1;
        }),
      );
    }
    await Promise.all(inFlight);
  }
  const seconds = (performance.now() - started) / 1000;
  await agent.close();
  return { latencies: latencies.sort((a, b) => a - b), seconds, failures };
}

/** Runs `spec` in a fresh worker thread and returns what it measured. */
export function measure(spec: LoadSpec): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { laurelLoad: spec } });
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => code !== 0 && reject(new Error(`load generator exited with ${code}`)));
  });
}

if (!isMainThread && workerData?.laurelLoad) {
  parentPort!.postMessage(await generate(workerData.laurelLoad as LoadSpec));
}
