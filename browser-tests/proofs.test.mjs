// Proof marks, from file:// with nothing but the book: every ✓ and ↻ on every
// page opens, inside the book, the test's own code.
// Needs `cargo run -- --no-open` (or --bundle) first.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BOOK, launch, open, pages } from "./support.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("every proof and replay mark opens its test's code on a proof page inside the book", async () => {
  const failures = [];
  // target page (absolute file URL without the fragment) -> [{ from, id, kind }]
  const targets = new Map();
  let marks = 0;
  // print.html repeats every chapter; the 404 page is never opened from disk.
  for (const name of pages().filter((n) => n !== "404.html" && n !== "print.html")) {
    const { page, context, problems } = await open(browser, join(BOOK, name));
    failures.push(...problems.map((p) => `${name}: ${p}`));
    const found = await page.evaluate(() =>
      [...document.querySelectorAll("sup.proof-mark a, sup.replay-mark a")].map((a) => ({
        href: a.href,
        kind: a.closest("sup").className,
        label: a.getAttribute("aria-label"),
      })),
    );
    for (const mark of found) {
      marks += 1;
      const url = new URL(mark.href);
      if (url.protocol !== "file:") {
        failures.push(`${name}: ${mark.label} leaves the book (${mark.href})`);
        continue;
      }
      const id = decodeURIComponent(url.hash.slice(1));
      const test = mark.label.split("::").pop();
      if (id !== test) failures.push(`${name}: ${mark.label} points at #${id}`);
      url.hash = "";
      const list = targets.get(url.href) ?? [];
      list.push({ from: name, id, label: mark.label });
      targets.set(url.href, list);
    }
    await context.close();
  }
  assert.ok(marks >= 100, `only ${marks} marks found: are the chapters built?`);

  for (const [target, wanted] of targets) {
    const path = fileURLToPath(target);
    const { page, context, problems } = await open(browser, path);
    failures.push(...problems.map((p) => `${path}: ${p}`));
    for (const { from, id, label } of wanted) {
      const code = await page.evaluate((id) => {
        const heading = document.getElementById(id);
        if (!heading) return null;
        // The test's code: the first code block after its heading, before
        // the next heading.
        for (let el = heading.nextElementSibling; el && !/^H[12]$/.test(el.tagName); el = el.nextElementSibling) {
          const block = el.matches("pre") ? el : el.querySelector("pre");
          if (block) return block.innerText;
        }
        return "";
      }, id);
      if (code === null) failures.push(`${from}: ${label}: no element #${id} on ${path}`);
      else if (!code.includes(`fn ${id}`)) failures.push(`${from}: ${label}: #${id} on ${path} shows no code of the test`);
    }
    await context.close();
  }
  assert.deepEqual(failures, []);
});
