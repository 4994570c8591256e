// Shopify's query cost bucket, as every Admin caller outside a request watches it (balance sync,
// tier sync, the import's customer lookups): after a call, wait until the bucket holds enough
// again; after a THROTTLED answer, wait for the cost Shopify asked for and try again a few times.
export interface QueryCost {
  requestedQueryCost?: number;
  throttleStatus?: { currentlyAvailable: number; restoreRate: number };
}

/** Points of query cost kept in the bucket before the next call, unless a caller asks for more. */
export const LOW_WATER = 200;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How long until the bucket holds `wanted` points again (a second when Shopify didn't say). */
export function refillMs(cost: QueryCost | undefined, wanted: number): number {
  const status = cost?.throttleStatus;
  if (!status || status.restoreRate <= 0) return 1000;
  return Math.max(0, ((wanted - status.currentlyAvailable) / status.restoreRate) * 1000);
}

/** After an Admin call: waits until the bucket holds `lowWater` points again if it fell below. */
export async function respectThrottle(body: unknown, lowWater = LOW_WATER): Promise<void> {
  const cost = (body as { extensions?: { cost?: QueryCost } } | null)?.extensions?.cost;
  if (cost?.throttleStatus && cost.throttleStatus.currentlyAvailable < lowWater) await sleep(refillMs(cost, lowWater));
}

/** The cost Shopify reported with a THROTTLED answer, or null for any other failure. */
function throttled(error: unknown): { cost?: QueryCost } | null {
  const body = (error as { body?: { errors?: unknown; extensions?: { cost?: QueryCost } } } | null)?.body;
  const text = `${error instanceof Error ? error.message : ""} ${JSON.stringify(body?.errors ?? "")}`;
  return /THROTTLED|Throttled/.test(text) ? { cost: body?.extensions?.cost } : null;
}

/**
 * Runs `call`; a THROTTLED refusal waits for the bucket and tries again, up to `tries` in all.
 * Anything else, or still throttled, is thrown.
 */
export async function retryThrottled<T>(call: () => Promise<T>, tries = 4, minWaitMs = 250): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const refused = throttled(error);
      if (!refused || attempt >= tries) throw error;
      const wanted = refused.cost?.requestedQueryCost ?? LOW_WATER;
      await sleep(Math.max(minWaitMs, refillMs(refused.cost, wanted)));
    }
  }
}
