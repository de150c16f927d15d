// The Notify simulator in the built book, in a real browser, from file://:
// each case the book links to opens in the state tokio recorded for it
// (data/simulator-fixture.txt), the keyboard operates it, it fits a phone and
// every theme, it prints as a list of steps, and pages without it load none
// of its files, also in the offline bundle. Needs `cargo run -- --bundle` first.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BOOK, ROOT, fileUrl, launch, open } from "./support.mjs";
import { fixture, model, models } from "./simulator-fixture.mjs";

const PAGES = ["ch01-what-and-why.html", "ch07-rules.html"];
const recorded = new Map(fixture().filter((s) => s.scenario).map((s) => [s.scenario, s.expected]));
const recordedTokens = new Map(fixture("token").filter((s) => s.scenario).map((s) => [s.scenario, s.expected]));

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

// What the first simulator of the page shows, in the fixture's encoding:
// "<trace> <permit> <queue> <futures>", read from the visible text only.
function shown(page) {
  return page.locator(".notify-sim .sim-ui").first().evaluate((ui) => {
    const text = (node) => node.textContent.replace(/\s+/g, " ").trim();
    const trace = Array.from(ui.querySelectorAll(".sim-log li")).map((li) => {
      const [call, value] = Array.from(li.querySelectorAll("code")).map(text);
      const why = text(li.querySelector(".sim-why") || li);
      let m;
      let token;
      if ((m = /^let f(\d) = notify\.notified\(\);$/.exec(call))) token = "n";
      else if ((m = /^f(\d)\.as_mut\(\)\.enable\(\)$/.exec(call))) token = { true: "E", false: "e" }[value] + m[1];
      else if ((m = /^f(\d)\.as_mut\(\)\.poll\(cx\)$/.exec(call))) token = { "Ready(())": "P", Pending: "p" }[value] + m[1];
      else if ((m = /^drop\(f(\d)\);$/.exec(call))) token = "d" + m[1];
      else token = { "notify.notify_one();": "o", "notify.notify_last();": "l", "notify.notify_waiters();": "w" }[call] ?? `?${call}?`;
      const woken = /picked f(\d) and woke it/.exec(why)?.[1] ?? /woke (f[\d, f]+)/.exec(why)?.[1] ?? "";
      return token + woken.split(", ").filter(Boolean).map((f) => "+" + f.replace("f", "")).join("");
    });
    const permit = { stored: "1", none: "0" }[text(ui.querySelector(".sim-permit"))] ?? "?";
    const queue = Array.from(ui.querySelectorAll(".sim-queue li:not(.sim-empty)")).map((li) => text(li).replace("f", ""));
    const states = [
      [/^created, not registered$/, "i"],
      [/^created; a later notify_waiters\(\) completed it$/, "b"],
      [/^registered, position (\d)/, "w"],
      [/^notified by notify_one\(\), not yet polled$/, "o"],
      [/^notified by notify_last\(\), not yet polled$/, "l"],
      [/^notified by notify_waiters\(\), not yet polled$/, "a"],
      [/^completed$/, "d"],
      [/^dropped$/, "x"],
    ];
    const futures = Array.from(ui.querySelectorAll(".sim-futures li")).map((li, i) => {
      const name = text(li.querySelector(".sim-name"));
      const state = text(li.querySelector(".sim-fstate"));
      const found = states.find(([pattern]) => pattern.test(state));
      if (name !== `f${i + 1}` || !found) return "?";
      // A registered future names its place, which must be its place in the queue.
      const position = found[0].exec(state)[1];
      if (position && queue[position - 1] !== String(i + 1)) return "?";
      return found[1];
    });
    return `${trace.join("")} ${permit} ${queue.join("") || "-"} ${futures.join("") || "-"}`;
  });
}

test("every case the book links to opens in the state tokio recorded for it", async () => {
  let checked = 0;
  for (const name of PAGES) {
    const { page, context, problems } = await open(browser, join(BOOK, name));
    // The case the simulator starts with.
    const first = await page.locator(".notify-sim").first().getAttribute("data-sim");
    assert.equal(await shown(page), recorded.get(first), `${name}: the first case, ${first}`);
    const links = page.locator("main a[href^='#sim=']:not(.sim-share)");
    const count = await links.count();
    assert.ok(count >= 5, `${name}: only ${count} links to cases`);
    for (let i = 0; i < count; i++) {
      const link = links.nth(i);
      const scenario = (await link.getAttribute("href")).slice("#sim=".length);
      assert.ok(recorded.has(scenario), `${name}: #sim=${scenario} is not in the fixture: bless`);
      await link.click();
      // The page hears of the new address a moment later (hashchange).
      await page.waitForFunction((s) => document.querySelector(".notify-sim .sim-share").getAttribute("href") === s, `#sim=${scenario}`);
      assert.equal(await shown(page), recorded.get(scenario), `${name}: #sim=${scenario}`);
      // The simulator is in view, names the case, and leads back to the link.
      assert.ok(await page.locator(".notify-sim").first().evaluate((w) => w.getBoundingClientRect().top < innerHeight));
      const label = await page.locator(".notify-sim .sim-case").first().innerText();
      assert.ok(await page.locator(".notify-sim .sim-case").first().evaluate((p) => p === document.activeElement), "the focus follows the link");
      assert.equal(label.replace(/\s+/g, " "), "Case: " + (await link.innerText()).replace(/\s+/g, " "));
      await page.locator(".notify-sim .sim-back").first().click();
      assert.ok(await link.evaluate((a) => a === document.activeElement), `${name}: back to the text`);
      checked++;
    }
    assert.deepEqual(problems, [], name);
    await context.close();
  }
  assert.ok(checked >= 8, `only ${checked} cases checked`);
});

test("a shared address opens the case it names", async () => {
  for (const [name, scenario] of [["ch07-rules.html", "o.n.w.p1.n.p2"], ["ch01-what-and-why.html", "n.n.p1.w.n.p2.p3"]]) {
    const { page, context, problems } = await open(browser, join(BOOK, name), { hash: `#sim=${scenario}` });
    assert.equal(await shown(page), recorded.get(scenario), `${name}#sim=${scenario}`);
    assert.equal(await page.locator(".notify-sim .sim-share").first().getAttribute("href"), `#sim=${scenario}`);
    assert.deepEqual(problems, []);
    await context.close();
  }
  // A case that cannot happen is refused in the log, with no script error.
  const { page, context, problems } = await open(browser, join(BOOK, "ch07-rules.html"), { hash: "#sim=n.p2" });
  assert.match(await page.locator(".notify-sim .sim-error").first().innerText(), /cannot be run: step 2/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the keyboard operates the simulator, with a visible focus", async () => {
  const { page, context, problems } = await open(browser, join(BOOK, "ch07-rules.html"));
  const widget = page.locator(".notify-sim").first();
  await widget.locator(".sim-bar button").first().focus();
  // Reset; create f1, f2; 1 p: poll f1; 2 e: enable f2; o rings, u undoes
  // it; l rings the newest; Tab to f2's poll button and press Enter... by keys.
  for (const key of ["r", "n", "n", "1", "p", "2", "e", "o", "u", "l", "1", "p", "d"]) await page.keyboard.press(key);
  const ops = model.parse("n.n.p1.e2.l.p1.d1");
  assert.equal(await shown(page), model.line(ops));
  assert.equal(await widget.locator(".sim-share").getAttribute("href"), "#sim=" + model.format(ops));
  // Buttons answer Enter and Space; arrows move between them, not to another page.
  const url = page.url();
  const one = widget.locator(".sim-bar button[data-key='o']");
  await one.focus();
  await page.keyboard.press("Enter");
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("data-key")), "l");
  await page.keyboard.press(" ");
  assert.equal(page.url(), url);
  assert.equal(await shown(page), model.line(model.parse("n.n.p1.e2.l.p1.d1.o.l")));
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, "none", "the focused button shows no outline");
  // Every control has a name a screen reader can say; the log is a live region.
  const unnamed = await widget.locator("button").evaluateAll((buttons) =>
    buttons.filter((b) => !(b.getAttribute("aria-label") || b.textContent.trim())).length);
  assert.equal(unnamed, 0);
  assert.equal(await widget.locator(".sim-log").getAttribute("aria-live"), "polite");
  assert.deepEqual(problems, []);
  await context.close();
});

test("it fits a phone's screen and reads well in all five themes", async () => {
  const { page, context, problems } = await open(browser, join(BOOK, "ch07-rules.html"), {
    hash: "#sim=n.n.n.p1.e2.p3.o.w",
    viewport: { width: 375, height: 800 },
  });
  const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
  assert.ok(scroll <= width + 1, `${scroll}px wide in a ${width}px screen`);
  const box = await page.locator(".notify-sim").first().boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= width, "the simulator is wider than the screen");
  const low = [];
  for (const theme of ["light", "rust", "coal", "navy", "ayu"]) {
    await page.evaluate((t) => {
      document.documentElement.classList.remove("light", "rust", "coal", "navy", "ayu");
      document.documentElement.classList.add(t);
    }, theme);
    // Contrast of text against what is behind it (WCAG: at least 4.5).
    const ratios = await page.locator(".notify-sim").first().evaluate((w) => {
      const rgb = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number);
      const lum = ([r, g, b]) => [r, g, b].map((v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
      const ratio = (a, b) => { const [x, y] = [lum(rgb(a)), lum(rgb(b))].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
      const bg = (node) => { for (; node; node = node.parentElement) { const c = getComputedStyle(node).backgroundColor; if (!/rgba\(.*, 0\)|transparent/.test(c)) return c; } return "rgb(255,255,255)"; };
      return [".sim-title", ".sim-bar button", ".sim-fstate", ".sim-log code", ".sim-why", ".sim-share", ".sim-keys"].map((s) => {
        const node = w.querySelector(s);
        return [s, ratio(getComputedStyle(node).color, bg(node))];
      });
    });
    for (const [selector, ratio] of ratios) if (ratio < 4.5) low.push(`${theme} ${selector}: ${ratio.toFixed(2)}`);
  }
  assert.deepEqual(low, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("in print, a list of the case's steps replaces the simulator", async () => {
  const { page, context, problems } = await open(browser, join(BOOK, "ch07-rules.html"), { hash: "#sim=o.n.w.p1.n.p2" });
  await page.emulateMedia({ media: "print" });
  const widget = page.locator(".notify-sim").first();
  assert.equal(await widget.locator(".sim-ui").isVisible(), false);
  const caption = await widget.locator(".sim-print").innerText();
  assert.match(caption, /interactive simulator/);
  const steps = await widget.locator(".sim-print li").allInnerTexts();
  assert.equal(steps.length, 6);
  assert.match(steps[3], /^f1\.as_mut\(\)\.poll\(cx\) → Ready\(\(\)\) — completed by notify_waiters\(\)/);
  assert.match(steps[5], /f2\.as_mut\(\)\.poll\(cx\) → Ready\(\(\)\) — took the stored permit/);
  assert.match(caption, /After the last step: permit none; queue empty; f1 completed; f2 completed\./);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a page without the simulator requests none of its files", async () => {
  for (const [name, expected] of [["ch02-examples.html", 0], ["index.html", 0], ["ch07-rules.html", 3], ["ch03-notify-vs-token.html", 3]]) {
    const { page, context } = await open(browser, join(BOOK, name));
    const requested = [];
    const files = fileUrl(join(BOOK, "sim")) + "/";
    page.on("request", (r) => r.url().startsWith(files) && requested.push(r.url()));
    await page.reload({ waitUntil: "load" });
    assert.equal(requested.length, expected, `${name} requested ${requested.join(", ")}`);
    assert.equal(await page.evaluate(() => "NotifyModel" in window), name === "ch07-rules.html");
    assert.equal(await page.evaluate(() => "TokenModel" in window), name === "ch03-notify-vs-token.html");
    await context.close();
  }
});

test("the offline bundle's simulator works from file://", async () => {
  const zip = join(ROOT, "target", "tokio-notify-in-practice.zip");
  const dir = mkdtempSync(join(tmpdir(), "book-bundle-"));
  try {
    execFileSync("python3", ["-m", "zipfile", "-e", zip, dir]);
    const unzipped = join(dir, "tokio-notify-in-practice", "book");
    const scenario = "n.n.p1.p2.o.d1";
    const { page, context, problems } = await open(browser, join(unzipped, "ch07-rules.html"), { allowedDir: unzipped, hash: `#sim=${scenario}` });
    assert.equal(await shown(page), recorded.get(scenario));
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// What the first token simulator of the page shows, in the fixture's
// encoding: "<trace> <tokens>", read from the visible text only.
function shownTokens(page) {
  return page.locator(".token-sim .sim-ui").first().evaluate((ui) => {
    const text = (node) => node.textContent.replace(/\s+/g, " ").trim();
    const patterns = [
      [/^let t\d = CancellationToken::new\(\);$/, () => "t"],
      [/^let t\d = t(\d)\.child_token\(\);$/, (m) => "c" + m[1]],
      [/^t(\d)\.cancel\(\);$/, (m) => "x" + m[1]],
      [/^drop\(t(\d)\);$/, (m) => "d" + m[1]],
      [/^let g(\d) = t\d\.clone\(\)\.drop_guard\(\);$/, (m) => "g" + m[1]],
      [/^drop\(g(\d)\);$/, (m) => "h" + m[1]],
      [/^g(\d)\.disarm\(\);$/, (m) => "a" + m[1]],
      [/^let f\d = t(\d)\.clone\(\)\.cancelled_owned\(\);$/, (m) => "w" + m[1]],
      [/^f(\d)\.as_mut\(\)\.poll\(cx\)$/, (m, value) => ({ "Ready(())": "P", Pending: "p" })[value] + m[1]],
      [/^drop\(f(\d)\);$/, (m) => "f" + m[1]],
    ];
    const trace = Array.from(ui.querySelectorAll(".sim-log li")).map((li) => {
      const [call, value] = Array.from(li.querySelectorAll("code")).map(text);
      const found = patterns.map(([p, f]) => [p.exec(call), f]).find(([m]) => m);
      const woken = /woke (f[\d, f]+)/.exec(text(li))?.[1] ?? "";
      const wakes = woken.split(", ").filter(Boolean).map((f) => f.slice(1)).sort().map((n) => "+" + n).join("");
      return (found ? found[1](found[0], value) : `?${call}?`) + wakes;
    });
    const tokens = Array.from(ui.querySelectorAll("[data-token]"))
      .sort((a, b) => a.getAttribute("data-token") - b.getAttribute("data-token"))
      .map((row) => {
        const state = text(row.querySelector(".sim-fstate"));
        return / dropped/.test(state) ? "x" : /^cancelled/.test(state) ? "c" : /^live/.test(state) ? "l" : "?";
      });
    return `${trace.join("")} ${tokens.join("") || "-"}`;
  });
}

test("every token case the book links to opens in the state tokio-util recorded for it", async () => {
  const { page, context, problems } = await open(browser, join(BOOK, "ch03-notify-vs-token.html"));
  const first = await page.locator(".token-sim").first().getAttribute("data-tok");
  assert.equal(await shownTokens(page), recordedTokens.get(first), `the first case, ${first}`);
  const links = page.locator("main a[href^='#tok=']:not(.sim-share)");
  const count = await links.count();
  assert.ok(count >= 5, `only ${count} links to token cases`);
  for (let i = 0; i < count; i++) {
    const link = links.nth(i);
    const scenario = (await link.getAttribute("href")).slice("#tok=".length);
    assert.ok(recordedTokens.has(scenario), `#tok=${scenario} is not in the fixture: bless`);
    await link.click();
    await page.waitForFunction((s) => document.querySelector(".token-sim .sim-share").getAttribute("href") === s, `#tok=${scenario}`);
    assert.equal(await shownTokens(page), recordedTokens.get(scenario), `#tok=${scenario}`);
    assert.ok(await page.locator(".token-sim .sim-case").first().evaluate((p) => p === document.activeElement), "the focus follows the link");
    await page.locator(".token-sim .sim-back").first().click();
    assert.ok(await link.evaluate((a) => a === document.activeElement), "back to the text");
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("the keyboard operates the token simulator; it fits a phone and prints its steps", async () => {
  const { page, context, problems } = await open(browser, join(BOOK, "ch03-notify-vs-token.html"), { viewport: { width: 375, height: 800 } });
  const widget = page.locator(".token-sim").first();
  await widget.locator(".sim-bar button").first().focus();
  // Reset; t1; child t2 of t1; wait on t2 (f1); Tab to f1's poll, Enter;
  // guard t1; drop the guard: t1 and t2 cancelled, f1 woken.
  for (const key of ["r", "t", "1", "c", "2", "w"]) await page.keyboard.press(key);
  await widget.locator("[data-key='p1']").focus();
  await page.keyboard.press("Enter");
  for (const key of ["1", "g", "h"]) await page.keyboard.press(key);
  const ops = models.token.parse("t.c1.w2.p1.g1.h1");
  assert.equal(await shownTokens(page), models.token.line(ops));
  assert.equal(await widget.locator(".sim-share").getAttribute("href"), "#tok=" + models.token.format(ops));
  const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
  assert.ok(scroll <= width + 1, `${scroll}px wide in a ${width}px screen`);
  await page.emulateMedia({ media: "print" });
  assert.equal(await widget.locator(".sim-ui").isVisible(), false);
  const steps = await widget.locator(".sim-print li").allInnerTexts();
  assert.equal(steps.length, 6);
  assert.match(steps[5], /^drop\(g1\); — the guard calls cancel\(\): cancelled t1, t2; woke f1/);
  assert.deepEqual(problems, []);
  await context.close();
});
