import { expect, it } from "vitest";
import { loader } from "./healthz";

it("answers 200 when the database answers", async () => {
  const response = await loader();
  expect(response.status).toBe(200);
  expect(response.headers.get("Cache-Control")).toBe("no-store");
  expect(await response.json()).toEqual({ status: "ok", database: "ok" });
});
