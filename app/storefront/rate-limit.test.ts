import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limit";

describe("RateLimiter", () => {
  it("allows `limit` hits per window per key, then says how long to wait", () => {
    const limiter = new RateLimiter(2, 1_000);
    expect(limiter.take("a", 0)).toBe(0);
    expect(limiter.take("a", 100)).toBe(0);
    expect(limiter.take("a", 200)).toBe(800);
    expect(limiter.take("b", 200)).toBe(0);
    expect(limiter.take("a", 1_001)).toBe(0);
  });

  it("forgets idle keys when it grows large", () => {
    const limiter = new RateLimiter(1, 10);
    for (let i = 0; i < 10_001; i++) limiter.take(`k${i}`, 0);
    expect(limiter.take("k0", 100)).toBe(0);
  });
});
