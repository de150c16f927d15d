// Shared helpers for the browser tests: one headless Chromium, pages opened
// from file://, and a record of everything a page asked for or complained
// about.
import { chromium } from "playwright-core";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const BOOK = process.env.BOOK ?? join(ROOT, "book");
export const SCREENSHOTS = join(ROOT, "target", "browser-screenshots");

/// Debian's Chromium, or CHROMIUM=/path/to/chrome.
export function chromiumPath() {
  const candidates = [process.env.CHROMIUM, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
  const found = candidates.find((path) => path && existsSync(path));
  if (!found) throw new Error("no Chromium found: install Debian's `chromium` or set CHROMIUM");
  return found;
}

export async function launch() {
  if (!existsSync(join(BOOK, "index.html"))) {
    throw new Error("book/ is not built: run `cargo run -- --no-open` first");
  }
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export function pages(dir = BOOK) {
  return readdirSync(dir).filter((name) => name.endsWith(".html")).sort();
}

/// Every page a reader reads: the chapters and the pages in folders below
/// (the proofs), not the 404 page (served from the site root), the print page
/// (all chapters at once; the PDF test reads it) or mdBook's no-script
/// table of contents.
export function readerPages(dir = BOOK) {
  const found = [];
  const walk = (sub) => {
    for (const entry of readdirSync(join(dir, sub), { withFileTypes: true })) {
      const name = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory() && !["css", "fonts", "img", "theme", "FontAwesome"].includes(entry.name)) walk(name);
      else if (entry.name.endsWith(".html")) found.push(name);
    }
  };
  walk("");
  return found.filter((n) => !["404.html", "print.html", "toc.html"].includes(n)).sort();
}

export function fileUrl(path) {
  return pathToFileURL(path).href;
}

/// Opens `path` and records console errors, uncaught exceptions, failed
/// loads, and every request that is not a file inside `allowedDir`.
/// `hash` (like "#sim=n.p1") is added to the page's address.
export async function open(browser, path, { allowedDir = BOOK, viewport, hash = "" } = {}) {
  const context = await browser.newContext({ viewport: viewport ?? { width: 1200, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  const inside = fileUrl(allowedDir) + "/";
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console error: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  page.on("requestfailed", (request) => problems.push(`failed to load ${request.url()}`));
  page.on("request", (request) => {
    const url = request.url();
    if (!(url.startsWith(inside) || /^(data|about|blob):/.test(url))) {
      problems.push(`request outside the book: ${url}`);
    }
  });
  await page.goto(fileUrl(path) + hash, { waitUntil: "load" });
  // Let the scripts that run after `load` (playground, search, print) act.
  await page.evaluate(() => new Promise((done) => setTimeout(done, 150)));
  return { page, context, problems };
}

/// How many pages a test checks at once. Each page runs in a renderer
/// process of its own, and most of a check is spent waiting for one, so two
/// at a time roughly halves a test's time on a 2-core machine.
export const CONCURRENCY = Number(process.env.PAGE_CONCURRENCY ?? 2);

/// Runs `work(item)` for every item, `limit` at a time, and returns the
/// results in the order of `items`.
export async function eachConcurrently(items, work, limit = CONCURRENCY) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
