// The simulator's model (the very file the book's page runs) and the
// sequences tests/simulator.rs recorded from tokio's real Notify.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export const model = createRequire(import.meta.url)(join(ROOT, "src", "sim", "notify-model.js"));

/// Every line of data/simulator-fixture.txt: { scenario (the book's link,
/// or null for a random sequence), ops, expected (the line after its key) }.
export function fixture() {
  const text = readFileSync(join(ROOT, "data", "simulator-fixture.txt"), "utf8");
  return text
    .split("\n")
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const scenario = line.startsWith("book:") ? line.slice(5, line.indexOf(" ")) : null;
      const expected = scenario === null ? line : line.slice(line.indexOf(" ") + 1);
      // The trace without its results and wakes is the sequence of operations.
      const ops = model.parse(expected.split(" ")[0].replace(/\+\d/g, ""));
      return { scenario, ops, expected };
    });
}
