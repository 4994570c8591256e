// Shared with test/setup/console.ts: what console.error printed during the current test.
export const consoleErrors: { expected: boolean; seen: unknown[][] } = { expected: false, seen: [] };

/** Declares that the current test expects console.error output (it is kept for assertions). */
export function expectConsoleError(): unknown[][] {
  consoleErrors.expected = true;
  return consoleErrors.seen;
}
