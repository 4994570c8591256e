import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { overLocalSocket } from "./postgres.ts";

describe("overLocalSocket", () => {
  const dirs: string[] = [];
  const socketDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-socket-"));
    fs.writeFileSync(path.join(dir, ".s.PGSQL.5432"), "");
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("reaches a database on this machine through its socket, which node-postgres understands", () => {
    const dir = socketDir();
    const { url, transport } = overLocalSocket("postgresql://postgres@127.0.0.1:5432/laurel_bench", dir);
    expect(transport).toBe("unix socket");
    const config = new pg.Client({ connectionString: url });
    expect(config.host).toBe(dir);
    expect(config.database).toBe("laurel_bench");
    expect(config.user).toBe("postgres");
  });

  it("keeps TCP for another host or a port without a socket", () => {
    const dir = socketDir();
    expect(overLocalSocket("postgresql://u@db.example:5432/x", dir).transport).toBe("tcp");
    expect(overLocalSocket("postgresql://u@127.0.0.1:5433/x", dir).transport).toBe("tcp");
    expect(overLocalSocket("postgresql://u@127.0.0.1:5433/x", dir).url).toBe("postgresql://u@127.0.0.1:5433/x");
  });
});
