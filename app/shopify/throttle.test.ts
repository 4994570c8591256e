import { describe, expect, it } from "vitest";
import { refillMs, retryThrottled } from "./throttle.server";

describe("the query cost bucket", () => {
  it("waits as long as the bucket takes to refill to what is wanted", () => {
    expect(refillMs({ throttleStatus: { currentlyAvailable: 100, restoreRate: 100 } }, 300)).toBe(2000);
    expect(refillMs({ throttleStatus: { currentlyAvailable: 500, restoreRate: 100 } }, 300)).toBe(0);
    expect(refillMs(undefined, 300)).toBe(1000);
  });

  it("tries a THROTTLED call again, and gives up on anything else or after the last try", async () => {
    const throttled = Object.assign(new Error("Throttled"), {
      body: {
        errors: "THROTTLED",
        extensions: { cost: { requestedQueryCost: 1, throttleStatus: { currentlyAvailable: 1, restoreRate: 1000 } } },
      },
    });
    let calls = 0;
    await expect(retryThrottled(async () => (++calls < 3 ? Promise.reject(throttled) : "ok"), 4, 1)).resolves.toBe(
      "ok",
    );
    expect(calls).toBe(3);
    calls = 0;
    await expect(retryThrottled(async () => (++calls, Promise.reject(throttled)), 2, 1)).rejects.toBe(throttled);
    expect(calls).toBe(2);
    calls = 0;
    const other = new Error("500");
    await expect(retryThrottled(async () => (++calls, Promise.reject(other)), 4, 1)).rejects.toBe(other);
    expect(calls).toBe(1);
  });
});
