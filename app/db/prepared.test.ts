import { describe, expect, it } from "vitest";
import { prepareRepeated, statementName } from "./prepared.server";

describe("statementName", () => {
  it("names a text from its second run on, the same name every time", () => {
    const text = `SELECT ${Math.random()}`;
    expect(statementName(text)).toBeUndefined();
    const name = statementName(text);
    expect(name).toMatch(/^laurel_\d+$/);
    expect(statementName(text)).toBe(name);
    expect(statementName(`${text} `)).toBeUndefined();
  });
});

describe("prepareRepeated", () => {
  it("sends a repeated statement by name and leaves named and one-off ones alone", () => {
    const sent: unknown[] = [];
    const client = { query: (config: unknown) => sent.push(config) };
    prepareRepeated(client);
    prepareRepeated(client); // twice is harmless
    const text = `SELECT ${Math.random()}`;
    client.query({ text, rowMode: "array" });
    client.query({ text, rowMode: "array" });
    client.query({ text: "SELECT 2", name: "mine" });
    client.query("BEGIN");
    expect(sent).toEqual([
      { text, rowMode: "array" },
      { text, rowMode: "array", name: expect.stringMatching(/^laurel_/) },
      { text: "SELECT 2", name: "mine" },
      "BEGIN",
    ]);
  });
});
