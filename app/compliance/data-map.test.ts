// Every model is accounted for by the compliance webhooks: a new model that is not in the data
// map fails here, so shop/redact and customers/redact can never silently miss it.
import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { dataMap } from "./data-map.server";

it("lists exactly the models in prisma/models.prisma", () => {
  const models = fs.readFileSync(path.join(process.cwd(), "prisma", "models.prisma"), "utf8");
  const names = [...models.matchAll(/^model (\w+) \{/gm)].map((m) => m[1]).sort();
  expect(names.length).toBeGreaterThan(0);
  expect(Object.keys(dataMap).sort()).toEqual(names);
});
