// The simulators' models (the very files the book's pages run) and the
// sequences tests/simulator/ recorded from the real Notify and tokens.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);

export const models = {
  notify: require(join(ROOT, "src", "sim", "notify-model.js")),
  token: require(join(ROOT, "src", "sim", "token-model.js")),
};
export const model = models.notify;
const FILES = { notify: "simulator-fixture.txt", token: "token-fixture.txt" };

/// Every line of a fixture: { scenario (the book's case, or null for a
/// random sequence), ops, expected (the line after its key) }.
export function fixture(kind = "notify") {
  const text = readFileSync(join(ROOT, "data", FILES[kind]), "utf8");
  return text
    .split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const scenario = line.startsWith("book:") ? line.slice(5, line.indexOf(" ")) : null;
      const expected = scenario === null ? line : line.slice(line.indexOf(" ") + 1);
      // The trace without its results and wakes is the sequence of operations.
      const ops = models[kind].parse(expected.split(" ")[0].replace(/\+\d/g, ""));
      return { scenario, ops, expected };
    });
}
