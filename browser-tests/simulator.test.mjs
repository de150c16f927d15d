// The simulator's model against the real Notify: the very file the book's
// page runs (src/sim/notify-model.js) replays every sequence that
// tests/simulator.rs recorded from tokio (data/simulator-fixture.txt) and
// must reproduce every observation: each enable() and poll result, each
// wake, and the final permit, queue and futures. Needs no browser:
// `node --test simulator.test.mjs`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fixture, model } from "./simulator-fixture.mjs";

test("the model reproduces every sequence recorded from tokio's Notify", () => {
  const sequences = fixture();
  const random = sequences.filter((s) => s.scenario === null);
  assert.ok(random.length >= 10_000, `only ${random.length} random sequences`);
  const wrong = [];
  for (const { ops, expected } of sequences) {
    const got = model.line(ops);
    if (got !== expected) wrong.push(`tokio: ${expected}\nmodel: ${got}`);
  }
  assert.equal(wrong.length, 0, `${wrong.length} of ${sequences.length} sequences disagree, first:\n${wrong.slice(0, 5).join("\n")}`);
});

test("the book's scenarios are in the fixture, as the book links them", () => {
  const scenarios = fixture().filter((s) => s.scenario !== null);
  assert.ok(scenarios.length >= 8, `only ${scenarios.length} scenarios`);
  for (const { scenario, ops } of scenarios) assert.equal(model.format(ops), scenario);
});

test("a scenario that cannot happen is refused, with the step that fails", () => {
  assert.throws(() => model.parse("p1"), /step 1/);
  assert.throws(() => model.parse("n.d1.p1"), /step 3/);
  assert.throws(() => model.parse("n.n.n.n.n.n.n"), /at most 6/);
  assert.throws(() => model.parse("n.x"), /`x` is no operation/);
  assert.deepEqual(model.parse("N.P1.o"), [{ op: "n", n: 1 }, { op: "p", n: 1 }, { op: "o" }]);
});
