// End-to-end tests run the production build, so build it first (as `npm run build` does).
import { spawnSync } from "node:child_process";

export default function setup() {
  const run = spawnSync("npx", ["remix", "vite:build"], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`npm run build failed:\n${run.stdout}\n${run.stderr}`);
}
