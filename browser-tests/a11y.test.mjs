// Accessibility: axe-core (through @axe-core/playwright) on every page of the
// built book, in every theme mdBook offers. Serious and critical violations
// fail the test; the others are counted in the log.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import AxeBuilder from "@axe-core/playwright";
import { join } from "node:path";
import { BOOK, eachConcurrently, launch, open, readerPages } from "./support.mjs";

const THEMES = (process.env.THEMES ?? "light,navy,coal,ayu,rust").split(",");
// Every page a reader reads (support.mjs: readerPages): the print page repeats
// the chapters (and is checked as the PDF), the 404 page is served from the
// site root, mdBook's toc.html is the sidebar of script-less readers, loaded
// in a frame.
const PAGES = readerPages();

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test(`axe-core finds no serious or critical problem on ${PAGES.length} pages in ${THEMES.length} themes`, async () => {
  const serious = [];
  const counts = Object.fromEntries(THEMES.map((t) => [t, { serious: 0, other: 0 }]));
  // Pages are checked two at a time (support.mjs: eachConcurrently); each
  // page goes through the themes in turn, as a reader switching themes would.
  await eachConcurrently(PAGES, async (name) => {
    const { page, context } = await open(browser, join(BOOK, name));
    for (const theme of THEMES) {
      // As a reader does: open the theme menu, pick the theme.
      const choice = page.locator(`#mdbook-theme-${theme}`);
      if (!(await choice.isVisible())) await page.click("#mdbook-theme-toggle");
      await choice.click();
      const current = await page.evaluate(() => document.documentElement.className);
      assert.match(current, new RegExp(`\\b${theme}\\b`), `${name}: the theme did not switch to ${theme}`);
      // Only the violations are wanted: axe then skips detailing what passed.
      const { violations } = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).analyze();
      for (const v of violations) {
        if (v.impact === "serious" || v.impact === "critical") {
          counts[theme].serious += v.nodes.length;
          for (const node of v.nodes.slice(0, 3)) {
            serious.push(`${name} [${theme}] ${v.id}: ${node.target.join(" ")}: ${node.failureSummary.split("\n").slice(1, 2).join(" ").trim()}`);
          }
          if (v.nodes.length > 3) serious.push(`${name} [${theme}] ${v.id}: ... and ${v.nodes.length - 3} more`);
        } else {
          counts[theme].other += v.nodes.length;
        }
      }
    }
    await context.close();
  });
  for (const theme of THEMES) {
    console.log(`axe ${theme}: ${counts[theme].serious} serious or critical, ${counts[theme].other} moderate or minor (elements)`);
  }
  assert.deepEqual(serious, []);
});
