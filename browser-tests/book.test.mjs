// The built book in a real browser, from file://, as an offline reader has it.
// Needs `cargo run -- --bundle` first (it builds book/ and the offline zip).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BOOK, ROOT, SCREENSHOTS, eachConcurrently, launch, open, pages, readerPages } from "./support.mjs";

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/// Every reader page, visited once at a width, with what each per-page check
/// below needs from it. Loading a page costs about half a second of work in
/// a GPU-less Chromium; one visit serves all the checks instead of one visit
/// each. Memoized per width: the first check to ask pays for the visits.
const surveys = new Map();
function survey(width) {
  if (!surveys.has(width)) {
    surveys.set(
      width,
      eachConcurrently(readerPages(), async (name) => {
        const { page, context, problems } = await open(browser, join(BOOK, name), { viewport: { width, height: 900 } });
        const seen = {
          name,
          problems,
          unfitting: await page.evaluate(unfitting),
          elements: await page.evaluate(() => document.querySelectorAll("body *").length),
          mentions: await page.evaluate(listingMentions),
          listings: await page.evaluate(listingAnchors),
          marks: await page.evaluate(() =>
            [...document.querySelectorAll("sup.proof-mark a, sup.replay-mark a")].map((a) => ({
              href: a.href,
              label: a.getAttribute("aria-label"),
            })),
          ),
        };
        await context.close();
        return seen;
      }),
    );
  }
  return surveys.get(width);
}

test("every page loads from file:// with no error and no request leaving the book", async () => {
  const failures = [];
  for (const { name, problems } of await survey(1280)) {
    failures.push(...problems.map((problem) => `${name}: ${problem}`));
  }
  // The pages the survey leaves out. The 404 page is served by GitHub Pages
  // from the site root; its links are absolute on purpose and it is never
  // opened from the disk.
  const surveyed = new Set(readerPages());
  for (const name of pages().filter((name) => name !== "404.html" && !surveyed.has(name))) {
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

/// In the page: every element whose content does not fit its box, unless the
/// box scrolls and (sideways) shows a cue that it does (head.hbs sets
/// data-scroll on such boxes, reader.css fades their edge). Hidden elements
/// and visually-hidden text (1px boxes) are skipped.
function unfitting() {
  const problems = [];
  const describe = (el) => {
    let name = el.tagName.toLowerCase();
    if (el.id) name += `#${el.id}`;
    else if (el.classList.length) name += `.${[...el.classList].slice(0, 2).join(".")}`;
    const text = (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 50);
    return `${name} "${text}"`;
  };
  // mdBook's sidebar resize handle sits astride the sidebar's edge by design.
  document.getElementById("mdbook-sidebar-resize-handle")?.style.setProperty("display", "none");
  const hidden = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const box = e.getBoundingClientRect();
      if (box.width <= 1 || box.height <= 1) return true; // visually-hidden text
    }
    return false;
  };
  for (const el of document.querySelectorAll("body, body *")) {
    if (!el.getClientRects().length || hidden(el)) continue;
    const style = getComputedStyle(el);
    if (style.visibility !== "visible" || style.display === "inline" || style.display === "contents") continue;
    // The sidebar, when it is closed, sits off-screen on purpose.
    const sidebar = el.closest("#mdbook-sidebar");
    if (sidebar && sidebar.getBoundingClientRect().right <= 0) continue;
    for (const [axis, over, overflow] of [
      ["sideways", el.scrollWidth - el.clientWidth, style.overflowX],
      ["downwards", el.scrollHeight - el.clientHeight, style.overflowY],
    ]) {
      if (over <= 1) continue;
      if (overflow === "auto" || overflow === "scroll") {
        if (axis === "sideways" && !el.hasAttribute("data-scroll")) {
          problems.push(`${describe(el)} scrolls ${axis} (${over}px) with no cue`);
        }
      } else if (overflow === "hidden" || overflow === "clip") {
        problems.push(`${describe(el)} is clipped ${axis} by ${over}px`);
      } else {
        problems.push(`${describe(el)} spills ${axis} by ${over}px`);
      }
    }
  }
  return problems;
}

for (const width of [375, 1280]) {
  test(`at ${width} px, no element on any page is clipped or spills out of its box`, async () => {
    const problems = [];
    let checked = 0;
    for (const { name, unfitting, elements } of await survey(width)) {
      problems.push(...unfitting.map((p) => `${name}: ${p}`));
      checked += elements;
    }
    console.log(`${width} px: ${readerPages().length} pages, ${checked} elements, ${problems.length} clipped or spilling`);
    assert.deepEqual(problems, []);
  });
}

/// In the page: every "Listing N-M" (and each number of "Listings N-M and
/// N-M") in the text of <main>, and the link it is in, if any. A caption's own
/// "Listing N-M:" is its name, not a mention; code is not prose.
function listingMentions() {
  const nodes = [];
  let text = "";
  const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.parentElement.closest("pre, code, script, style")) continue;
    nodes.push({ node, start: text.length });
    text += node.textContent;
  }
  const nodeAt = (offset) => {
    let lo = 0;
    let hi = nodes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (nodes[mid].start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return nodes[lo].node;
  };
  const found = [];
  const mention = /\bListings?\s+\d+-\d+(?:(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s+to\s+|\s*–\s*)\d+-\d+)*/g;
  for (const match of text.matchAll(mention)) {
    const caption = nodeAt(match.index).parentElement.closest(".caption");
    const after = text.slice(match.index + match[0].length);
    if (caption && caption.textContent.trimStart().startsWith(match[0]) && after.startsWith(":")) continue;
    for (const number of match[0].matchAll(/\d+-\d+/g)) {
      const at = nodeAt(match.index + number.index).parentElement;
      let link = at.closest("a[href]");
      // In a folded question the link is just below it: a link inside a
      // <summary> would be a control inside a control.
      const summary = at.closest("summary");
      if (!link && summary) {
        link = [...summary.parentElement.querySelectorAll(":scope > .fold-refs a[href]")]
          .find((a) => a.getAttribute("href").endsWith(`#listing-${number[0]}`)) ?? null;
      }
      found.push({ mention: `Listing ${number[0]}`, href: link?.getAttribute("href") ?? null });
    }
  }
  return found;
}

test("every mention of a listing links to it", async () => {
  const unlinked = [];
  const wrong = [];
  let total = 0;
  for (const { name, mentions } of await survey(1280)) {
    total += mentions.length;
    for (const { mention, href } of mentions) {
      const anchor = `#${mention.toLowerCase().replace(" ", "-")}`;
      if (href === null) unlinked.push(`${name}: ${mention}`);
      // A link to a listing goes to that listing (a mention inside another
      // link, such as a question in the index of questions, is a link too).
      else if (/#listing-\d+-\d+$/.test(href) && !href.endsWith(anchor)) wrong.push(`${name}: ${mention} -> ${href}`);
    }
  }
  console.log(`listing mentions: ${total - unlinked.length} of ${total} are links`);
  assert.ok(total >= 50, `only ${total} mentions found: does the check still read the pages?`);
  assert.deepEqual(unlinked, [], "mentions of listings that are not links");
  assert.deepEqual(wrong, [], "links to the wrong listing");
});

/// In the page: every listing's caption inside its anchor, and every output
/// block with a visible label; and how many listings there are.
function listingAnchors() {
  const found = [];
  let count = 0;
  for (const caption of document.querySelectorAll("main .caption")) {
    const number = /^Listing (\d+)-(\d+):/.exec(caption.textContent.trim());
    if (!number) continue;
    count++;
    const id = `listing-${number[1]}-${number[2]}`;
    const anchor = document.getElementById(id);
    if (!anchor || !(anchor === caption || anchor.contains(caption))) found.push(`${id}: no anchor around its caption`);
  }
  for (const output of document.querySelectorAll("main .listing-output")) {
    const label = output.querySelector(".output-label");
    if (!label || !label.checkVisibility() || !/^(output|compiler error)$/i.test(label.innerText.trim())) {
      found.push(`an output block with no visible label, after ${output.previousElementSibling?.textContent.slice(0, 40)}`);
    }
  }
  return [found, count];
}

test("every listing has an anchor, and its output a visible label", async () => {
  const problems = [];
  let listings = 0;
  for (const { name, listings: [found, count] } of await survey(1280)) {
    listings += count;
    problems.push(...found.map((p) => `${name}: ${p}`));
  }
  assert.ok(listings >= 50, `only ${listings} listings found`);
  assert.deepEqual(problems, []);
});

// Proof marks, from file:// with nothing but the book: every ✓ and ↻ on every
// page opens, inside the book, the test's own code.
test("every proof and replay mark opens its test's code on a proof page inside the book", async () => {
  const failures = [];
  // target page (absolute file URL without the fragment) -> [{ from, id, label }]
  const targets = new Map();
  let marks = 0;
  for (const { name, marks: found } of await survey(1280)) {
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
  }
  assert.ok(marks >= 100, `only ${marks} marks found: are the chapters built?`);

  const checked = await eachConcurrently([...targets], async ([target, wanted]) => {
    const failures = [];
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
    return failures;
  });
  for (const found of checked) failures.push(...found);
  console.log(`proof and replay marks: ${marks}, on ${targets.size} proof pages`);
  assert.deepEqual(failures, []);
});

test("offline, the play button names the listing it belongs to", async () => {
  const { page, context, problems } = await open(browser, join(BOOK, "ch07-rules.html"));
  const listings = page.locator(".listing:has(pre.playground):has(.listing-run)");
  assert.ok((await listings.count()) >= 2, "chapter 7 has no runnable listings");
  // The second one, so that an answer fixed to the first listing would fail.
  const listing = listings.nth(1);
  const command = (await listing.locator(".listing-run code").innerText()).trim();
  const block = listing.locator("pre.playground").first();
  await block.hover();
  await block.locator(".play-button").click();
  const result = block.locator(".result");
  await result.waitFor({ timeout: 5000 });
  const said = await result.innerText();
  assert.match(said, /offline copy/);
  assert.ok(said.includes(command), `the play button said ${JSON.stringify(said)}, not ${command}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("screenshots of key pages on a phone and a desktop, for a maintainer to look at", async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  for (const [name, selector] of [
    ["introduction.html", ""],
    ["ch01-what-and-why.html", "#the-permit-model-exactly"],
    ["ch02-examples.html", "#b-a-queue"],
    ["ch07-rules.html", "#listing-7-1"],
    ["ch08-real-world.html", ".book-table"],
    ["ch09-costs.html", ".table-numeric"],
    ["appendix-claims-ledger.html", ".book-table"],
  ]) {
    for (const width of [375, 1280]) {
      const { page, context } = await open(browser, join(BOOK, name), { viewport: { width, height: 900 } });
      if (selector) await page.evaluate((s) => document.querySelector(s)?.scrollIntoView(), selector);
      await page.screenshot({ path: join(SCREENSHOTS, `${name.replace(".html", "")}-${width}.png`) });
      await context.close();
    }
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
