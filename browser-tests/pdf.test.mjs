// The PDF made by `cargo run -- --pdf` (headless Chromium printing
// book/print.html). Checked with poppler's pdfinfo and pdftotext.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./support.mjs";

const PDF = join(ROOT, "target", "tokio-notify-in-practice.pdf");

test("the PDF has the whole book, its code and its diagrams, as text", () => {
  const info = execFileSync("pdfinfo", [PDF], { encoding: "utf8" });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  assert.ok(pages >= 80, `only ${pages} pages`);
  assert.match(info, /^Title:\s+Tokio Notify in Practice/m);

  const text = execFileSync("pdftotext", ["-layout", PDF, "-"], { encoding: "utf8", maxBuffer: 64 << 20 });
  assert.ok(text.length > 100_000, `only ${text.length} characters of text`);
  for (const chapter of ["What and why: the doorbell", "The rules of Notify", "Real-world patterns", "Notify versus CancellationToken"]) {
    assert.ok(text.includes(chapter), `no chapter "${chapter}"`);
  }
  // Code blocks, with their hidden lines folded away as on screen.
  assert.ok(text.includes("doorbell.notify_one();"), "Listing 0-1's code is missing");
  assert.ok(text.includes("notified.as_mut().enable();"), "Listing 2-5's code is missing");
  // The simulators print as the steps of the case they show.
  assert.ok(text.includes("The case it shows, step by step:"), "the simulator's printed steps are missing");
  // The diagrams are vector graphics whose labels are text.
  for (const label of ["The states of a Notify", "Kept: notify_one() stores a permit", "Which primitive?"]) {
    assert.ok(text.includes(label), `diagram text "${label}" is missing`);
  }
});
