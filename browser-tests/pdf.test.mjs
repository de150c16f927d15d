// The PDF made by `cargo run -- --pdf` (headless Chromium printing a dressed
// copy of book/print.html, see tools/src/pdf.rs), read with poppler-utils:
// pdfinfo (metadata), pdftotext (the text, page by page) and pdftohtml -xml
// (the outline, i.e. the bookmarks, with their pages). What the PDF must hold
// is read from the HTML book, in the browser, so that the checks follow the
// book as it grows.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { BOOK, ROOT, launch, open } from "./support.mjs";

const PDF = process.env.PDF ?? join(ROOT, "target", "tokio-notify-in-practice.pdf");

const run = (tool, args) => execFileSync(tool, args, { encoding: "utf8", maxBuffer: 256 << 20 });
/// Text without any whitespace: line wraps, page layout and indentation differ
/// between the HTML and the PDF; the characters do not.
const squeeze = (text) => text.replace(/\s+/g, "");

/// The PDF's pages as text (content-stream order, so a table cell's lines stay
/// together), without the page number each footer adds.
/// `mode`: "-raw" keeps content-stream order (a table cell's lines stay
/// together); "-layout" keeps each printed line whole (a contents line and
/// its page number); "" (reading order) keeps each block of text together.
function pdfPages(mode) {
  return run("pdftotext", [...(mode ? [mode] : []), PDF, "-"])
    .split("\f")
    .map((page, i) =>
      page
        .split("\n")
        .filter((line) => line.trim() !== String(i + 1))
        .join("\n"),
    );
}

/// The bookmarks: [{ title, page, depth }], in order.
function outline() {
  const xml = run("pdftohtml", ["-xml", "-stdout", "-i", "-q", PDF]);
  const start = xml.indexOf("<outline>");
  assert.ok(start >= 0, "the PDF has no outline (bookmarks)");
  const items = [];
  let depth = 0;
  const decode = (s) =>
    s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
  for (const match of xml.slice(start).matchAll(/<outline>|<\/outline>|<item page="(\d+)">([^<]*)<\/item>/g)) {
    if (match[0] === "<outline>") depth++;
    else if (match[0] === "</outline>") depth--;
    else items.push({ page: Number(match[1]), title: decode(match[2]).trim(), depth });
  }
  return items;
}

let browser;
let book; // what the HTML print page holds
before(async () => {
  browser = await launch();
  const { page, context } = await open(browser, join(BOOK, "print.html"));
  book = await page.evaluate(() => {
    const text = (node) => {
      const copy = node.cloneNode(true);
      // Part I's proof marks are never printed (theme/listings.css).
      copy.querySelectorAll(".boring, .buttons, .fold-label, sup.core-mark, script, style").forEach((n) => n.remove());
      return copy.textContent;
    };
    const main = document.querySelector("main");
    return {
      chapters: [...main.querySelectorAll("h1")].map((h) => h.textContent.trim()),
      headings: [...main.querySelectorAll("h1, h2, h3, h4")].map((h) => h.textContent.trim()),
      code: [...main.querySelectorAll("pre > code")].map(text),
      diagrams: [...main.querySelectorAll("img")].map((img) => img.getAttribute("src")),
      sections: [...main.querySelectorAll("h2")].map((h) => h.textContent.trim()),
      folded: [...main.querySelectorAll("details")].map((d) => ({
        question: d.querySelector("summary")?.textContent.trim() ?? "",
        answer: [...d.children].filter((c) => c.tagName !== "SUMMARY" && !c.matches(".fold-label")).map(text).join(" "),
      })),
      cells: [...main.querySelectorAll("table")].map((table, i) => ({
        table: i + 1,
        near: (table.closest(".book-table") ?? table.closest(".table-wrapper"))?.previousElementSibling?.textContent.trim().slice(0, 60) ?? "",
        cells: [...table.querySelectorAll("th, td")].map(text),
      })),
    };
  });
  await context.close();
});
after(async () => {
  await browser?.close();
});

test("the PDF has the whole book, its code and its diagrams, as text", () => {
  const info = run("pdfinfo", [PDF]);
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  assert.ok(pages >= 80, `only ${pages} pages`);
  assert.match(info, /^Title:\s+Tokio Notify in Practice/m);
  assert.match(info, /^Page size:.*\((A4|letter)\)/m, "the paper is neither A4 nor Letter");

  const text = run("pdftotext", ["-layout", PDF, "-"]);
  assert.ok(text.length > 100_000, `only ${text.length} characters of text`);
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

test("the title page names the book, the versions and the date of the build", () => {
  const first = pdfPages("-raw")[0];
  assert.ok(squeeze(first).includes("TokioNotifyinPractice"), "no title on the first page");
  assert.match(first, /tokio\s+1\.\d+\.\d+/, "no tokio version on the title page");
  assert.match(first, /tokio-util\s+0\.\d+\.\d+/, "no tokio-util version on the title page");
  assert.match(first, /mdBook\s+0\.\d+\.\d+/, "no mdBook version on the title page");
  assert.match(first, /\d{4}-\d{2}-\d{2}/, "no date of build on the title page");
});

test("the bookmarks hold every part, chapter and section, with their pages", () => {
  const items = outline();
  const titles = new Set(items.map((i) => squeeze(i.title)));
  const missing = [...book.chapters, ...book.sections].filter((t) => !titles.has(squeeze(t)));
  assert.deepEqual(missing, [], "headings with no bookmark");
  const summary = readFileSync(join(ROOT, "src", "SUMMARY.md"), "utf8");
  const parts = [...summary.matchAll(/^# (?!Summary)(.+)$/gm)].map((m) => m[1].trim());
  assert.ok(parts.length >= 2, "SUMMARY.md has no parts");
  for (const part of parts) {
    const item = items.find((i) => new RegExp(`^Part [IVX]+: ${part}$`).test(i.title));
    assert.ok(item, `no bookmark for the part "${part}"`);
    assert.equal(item.depth, 1, `the part "${part}" is not a top-level bookmark`);
  }
  // Chapters nest under their part (depth 2), their sections below.
  const rules = items.find((i) => i.title === "The rules of Notify");
  assert.equal(rules?.depth, 2, "chapters do not nest under their part");
  // Every bookmark's page is a page of the document.
  const pages = Number(/^Pages:\s+(\d+)/m.exec(run("pdfinfo", [PDF]))[1]);
  assert.deepEqual(items.filter((i) => !(i.page >= 1 && i.page <= pages)), []);
});

test("a table of contents lists every chapter with the page it starts on", () => {
  const pages = pdfPages("-layout");
  const items = outline();
  // The contents run from their bookmark to the next one.
  const at = items.findIndex((i) => i.title === "Contents");
  assert.ok(at >= 0, "no bookmark for the table of contents");
  const first = items[at].page;
  const last = (items[at + 1]?.page ?? first + 1) - 1;
  const tocPages = pages.slice(first - 1, Math.max(first, last)).map((text) => ({ text }));
  assert.match(tocPages[0]?.text ?? "", /^\s*Contents\b/, "the table of contents does not start with \"Contents\"");
  const toc = tocPages.map((p) => p.text).join("\n");
  const lines = toc.split("\n").map((l) => l.trim());
  const problems = [];
  for (const chapter of book.chapters.filter((c) => c !== "Contents" && !/^Part [IVX]+:/.test(c))) {
    const bookmark = items.find((i) => squeeze(i.title) === squeeze(chapter));
    // A TOC line: the title (maybe numbered, maybe wrapped), then its page.
    const line = lines.find((l) => squeeze(l).replace(/^[\d.]+/, "").startsWith(squeeze(chapter).slice(0, 18)) && /\d+$/.test(l));
    if (!line) {
      problems.push(`"${chapter}" is not in the table of contents`);
    } else if (Number(/(\d+)$/.exec(line)[1]) !== bookmark?.page) {
      problems.push(`"${chapter}": the contents say page ${/(\d+)$/.exec(line)[1]}, it starts on page ${bookmark?.page}`);
    }
  }
  assert.deepEqual(problems, []);
});

test("every page after the title page shows its number in the footer", () => {
  const raw = run("pdftotext", ["-raw", PDF, "-"]).split("\f").filter((p, i, all) => i < all.length - 1 || p.trim());
  const unnumbered = raw
    .map((text, i) => ({ page: i + 1, numbered: text.split("\n").some((l) => l.trim() === String(i + 1)) }))
    .filter(({ page, numbered }) => page > 1 && !numbered)
    .map(({ page }) => page);
  assert.deepEqual(unnumbered, [], "pages with no page number");
});

test("every folded answer and solution is printed, after its question", () => {
  assert.ok(book.folded.length >= 20, `only ${book.folded.length} folded sections in the book`);
  const text = squeeze(pdfPages("").join("\n"));
  const missing = [];
  for (const { question, answer } of book.folded) {
    const q = text.indexOf(squeeze(question));
    const a = text.indexOf(squeeze(answer), q);
    if (!squeeze(answer)) continue;
    if (q < 0 || a < 0) missing.push(`${question.slice(0, 70)}${q < 0 ? " (question missing)" : " (answer missing)"}`);
  }
  assert.deepEqual(missing, [], `${missing.length} of ${book.folded.length} folded sections are not printed open`);
});

test("no table text is cut: every cell of every table is in the PDF", () => {
  const text = squeeze(pdfPages("-raw").join("\n"));
  const cut = [];
  for (const { table, near, cells } of book.cells) {
    for (const cell of cells) {
      if (squeeze(cell) && !text.includes(squeeze(cell))) cut.push(`table ${table} (after "${near}"): "${cell.trim().slice(0, 60)}"`);
    }
  }
  assert.deepEqual(cut, []);
});

test("every code block is printed whole: no line is cut", () => {
  // A wrapped line's end may come out of pdftotext in another order in one
  // mode or another; a cut line is in none.
  const texts = ["-raw", "", "-layout"].map((mode) => squeeze(pdfPages(mode).join("\n")));
  const cut = book.code.filter((code) => squeeze(code) && !texts.some((text) => text.includes(squeeze(code))));
  assert.ok(book.code.length >= 100, `only ${book.code.length} code blocks in the book`);
  assert.deepEqual(cut.map((c) => c.trim().split("\n")[0].slice(0, 70)), [], "code blocks whose text is not all in the PDF");
});

test("every diagram is printed, as vector graphics with its labels", () => {
  const text = squeeze(pdfPages("").join("\n"));
  const missing = [];
  assert.ok(book.diagrams.length >= 4, `only ${book.diagrams.length} diagrams`);
  for (const src of book.diagrams) {
    const svg = readFileSync(join(BOOK, src), "utf8");
    const labels = [...svg.matchAll(/<text[^>]*>([^<]+)<\/text>/g)].map((m) => m[1].replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">"));
    const label = labels.find((l) => l.trim().length > 3);
    if (label && !text.includes(squeeze(label))) missing.push(`${src}: "${label}"`);
  }
  assert.deepEqual(missing, []);
});

test("no page ends on a heading: headings stay with what follows", () => {
  // Headings long enough not to be mistaken for the end of a wrapped line,
  // and that no table repeats (the claims ledger names the proof pages'
  // tests).
  const cells = new Set(book.cells.flatMap((t) => t.cells.map(squeeze)));
  const headings = new Set(book.headings.map(squeeze).filter((h) => h.length >= 12 && !cells.has(h)));
  const stranded = [];
  pdfPages("-layout").forEach((text, i) => {
    const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
    const last = lines.at(-1);
    // The ledger's "Chapter title: Section" cells wrap after the colon: a
    // section's name on the last line, under a line ending in ":", is a cell.
    const inCell = (lines.at(-2) ?? "").endsWith(":");
    if (last && headings.has(squeeze(last)) && !inCell) stranded.push(`page ${i + 1} ends on "${last}"`);
  });
  assert.deepEqual(stranded, []);
});
