// Reading a webhook's JSON payload against the shape a handler needs; a bad payload becomes a
// clear 400 (handle.server.ts) before anything is written.
import type { z } from "zod";

export class PayloadError extends Error {}

/** Parses with a message naming the first bad field. */
export function parsePayload<T>(schema: z.ZodType<T>, payload: unknown, what: string): T {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new PayloadError(`${what}: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
}
