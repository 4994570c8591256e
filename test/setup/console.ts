// A test fails on an unexpected console.error: errors must be asserted, not scrolled past.
// A test that expects one calls `expectConsoleError()` (test/console.ts) first.
import { afterEach, beforeEach, vi, type MockInstance } from "vitest";
import { consoleErrors } from "../console.ts";

let spy: MockInstance<typeof console.error> | undefined;

beforeEach(() => {
  consoleErrors.expected = false;
  consoleErrors.seen = [];
  spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    consoleErrors.seen.push(args);
  });
});

afterEach(() => {
  spy?.mockRestore();
  if (!consoleErrors.expected && consoleErrors.seen.length > 0) {
    throw new Error(`unexpected console.error:\n${consoleErrors.seen.map((a) => a.map(String).join(" ")).join("\n")}`);
  }
});
