// The simulators' models against the real thing: the very files the book's
// pages run replay every sequence that tests/simulator/ recorded and must
// reproduce every observation. src/sim/notify-model.js against tokio's
// Notify (data/simulator-fixture.txt): each enable() and poll result, each
// wake, the final permit, queue and futures. src/sim/token-model.js against
// tokio-util's CancellationToken (data/token-fixture.txt): each poll result,
// each wake, which tokens end cancelled. Needs no browser:
// `node --test simulator.test.mjs`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fixture, model, models } from "./simulator-fixture.mjs";

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

test("the token model reproduces every sequence recorded from tokio-util's CancellationToken", () => {
  const sequences = fixture("token");
  assert.ok(sequences.filter((s) => s.scenario === null).length >= 10_000);
  const cases = sequences.filter((s) => s.scenario !== null);
  assert.ok(cases.length >= 5, `only ${cases.length} token cases from the book`);
  for (const { scenario, ops } of cases) assert.equal(models.token.format(ops), scenario);
  const wrong = sequences.filter(({ ops, expected }) => models.token.line(ops) !== expected);
  assert.equal(wrong.length, 0, `${wrong.length} of ${sequences.length} sequences disagree, first: ${wrong[0]?.expected}`);
  assert.throws(() => models.token.parse("c1"), /step 1/);
  assert.throws(() => models.token.parse("t.d1.x1"), /step 3/);
  assert.throws(() => models.token.parse("t.h1"), /step 2/);
});
