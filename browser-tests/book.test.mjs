// The built book in a real browser, from file://, as an offline reader has it.
// Needs `cargo run -- --bundle` first (it builds book/ and the offline zip).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BOOK, ROOT, SCREENSHOTS, launch, open, pages } from "./support.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test("every page loads from file:// with no error and no request leaving the book", async () => {
  const failures = [];
  // The 404 page is served by GitHub Pages from the site root; its links are
  // absolute on purpose and it is never opened from the disk.
  for (const name of pages().filter((name) => name !== "404.html")) {
    const { context, problems } = await open(browser, join(BOOK, name));
    failures.push(...problems.map((problem) => `${name}: ${problem}`));
    await context.close();
  }
  assert.deepEqual(failures, []);
});

test("search finds notify_waiters offline", async () => {
  const { page, context, problems } = await open(browser, join(BOOK, "index.html"));
  await page.click("#mdbook-search-toggle");
  await page.locator("#mdbook-searchbar").pressSequentially("notify_waiters");
  const results = page.locator("#mdbook-searchresults li");
  await results.first().waitFor({ timeout: 5000 });
  const count = await results.count();
  assert.ok(count >= 3, `only ${count} search results for notify_waiters`);
  const text = await page.locator("#mdbook-searchresults").innerText();
  assert.match(text, /notify_waiters/i);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the theme can be switched", async () => {
  const { page, context, problems } = await open(browser, join(BOOK, "ch01-what-and-why.html"));
  await page.click("#mdbook-theme-toggle");
  await page.click("#mdbook-theme-coal");
  const classes = await page.evaluate(() => document.documentElement.className);
  assert.match(classes, /\bcoal\b/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the print page holds every chapter", async () => {
  const { page, context, problems } = await open(browser, join(BOOK, "print.html"));
  const text = await page.locator("main").innerText();
  for (const title of [
    "Introduction",
    "What and why: the doorbell",
    "Examples",
    "The rules of Notify",
    "Real-world patterns",
    "Notify versus CancellationToken",
    "Testing and debugging signalling code",
    "Wiring a service",
    "Exercises",
    "How this book proves things",
    "Claims ledger",
    "API history",
  ]) {
    assert.ok(text.includes(title), `the print page lacks "${title}"`);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("a phone-sized screen needs no horizontal scrolling", async () => {
  const wide = [];
  for (const name of ["index.html", "ch01-what-and-why.html", "ch07-rules.html", "ch08-real-world.html", "ch03-notify-vs-token.html"]) {
    const { page, context } = await open(browser, join(BOOK, name), { viewport: { width: 375, height: 800 } });
    const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    if (scroll > width + 1) wide.push(`${name}: ${scroll}px wide in a ${width}px screen`);
    await context.close();
  }
  assert.deepEqual(wide, []);
});

test("offline, the play button explains how to run a listing locally", async () => {
  const { page, context, problems } = await open(browser, join(BOOK, "introduction.html"));
  const block = page.locator("pre.playground").first();
  await block.hover();
  await block.locator(".play-button").click();
  const result = block.locator(".result");
  await result.waitFor({ timeout: 5000 });
  assert.match(await result.innerText(), /offline copy[\s\S]*cargo run --bin listing-/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("screenshots of three key pages, for a maintainer to look at", async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const [name, anchor] of [
    ["introduction.html", ""],
    ["ch01-what-and-why.html", "#the-permit-model-exactly"],
    ["ch02-examples.html", "#b-a-queue"],
  ]) {
    const { page, context } = await open(browser, join(BOOK, name) );
    if (anchor) await page.evaluate((id) => document.getElementById(id)?.scrollIntoView(), anchor.slice(1));
    await page.screenshot({ path: join(SCREENSHOTS, name.replace(".html", ".png")) });
    await context.close();
  }
});

test("the offline bundle opens from file:// after unzipping", async () => {
  const zip = join(ROOT, "target", "tokio-notify-in-practice.zip");
  const dir = mkdtempSync(join(tmpdir(), "book-bundle-"));
  try {
    execFileSync("python3", ["-m", "zipfile", "-e", zip, dir]);
    const unzipped = join(dir, "tokio-notify-in-practice", "book");
    const { page, context, problems } = await open(browser, join(unzipped, "index.html"), { allowedDir: unzipped });
    await page.locator("a[rel~='next']:visible").first().click();
    await page.waitForLoadState("load");
    // The "next" link leads to the second page of the book, inside the bundle.
    assert.match(page.url(), /\/tokio-notify-in-practice\/book\/[\w-]+\.html$/);
    assert.doesNotMatch(page.url(), /index\.html$/);
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
