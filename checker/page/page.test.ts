// The page in a real browser: Debian's chromium, driven by playwright-core.
// On a developer's machine without a browser the test is skipped, and says
// why; in CI (CI set) a missing browser fails, so CI never passes by skipping.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTraceFile } from "../cli/replay.ts";
import { sequenceSvg } from "./sequence-svg.ts";
import { pageDataOf, type PageData } from "./page-data.ts";
import { pageHtml, STYLE } from "./write-page.ts";

const CHROMIUM = "/usr/bin/chromium";
const hasBrowser = existsSync(CHROMIUM);
if (!hasBrowser) console.warn(`page.test.ts: SKIPPED: no browser at ${CHROMIUM} (apt-get install -y chromium)`);

// Registered only when it must fail, so that it never shows up as skipped.
if (!hasBrowser && process.env.CI) {
  describe("in CI", () => {
    it("has a browser for the page test", () => {
      expect.fail(`no browser at ${CHROMIUM}: .ci/run must install chromium (apt-get install -y chromium)`);
    });
  });
}

/** Boxes whose content is wider than they are. Runs in the page. */
function overflowingBoxes(): string[] {
  return [...document.querySelectorAll<HTMLElement>(".card, #verdict, #steps li, #enabled button")].filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.outerHTML.slice(0, 80));
}

/** Diagram words cut at either edge of the picture, words (other than the node names heading them) crossing a lifeline, node names on top of each other, and a picture wider than its box (words hidden past the right edge). Runs in the page. */
function diagramProblems(): { clipped: string[]; overLifelines: string[]; namesOverlapping: string[]; widerThanItsBox: boolean } {
  const svg = document.querySelector<SVGSVGElement>("svg.sequence");
  if (svg === null) return { clipped: ["no diagram"], overLifelines: [], namesOverlapping: [], widerThanItsBox: false };
  const width = svg.width.baseVal.value;
  const lifelines = [...svg.querySelectorAll<SVGLineElement>("line.lifeline")].map((l) => l.x1.baseVal.value);
  const texts = [...svg.querySelectorAll<SVGTextElement>("text")];
  const clipped = texts.filter((t) => t.getBBox().x < 0 || t.getBBox().x + t.getBBox().width > width).map((t) => t.textContent ?? "");
  const overLifelines = texts.filter((t) => !t.classList.contains("node") && lifelines.some((x) => t.getBBox().x < x && x < t.getBBox().x + t.getBBox().width)).map((t) => t.textContent ?? "");
  const names = texts.filter((t) => t.classList.contains("node")).map((t) => ({ name: t.textContent ?? "", box: t.getBBox() }));
  const overlap = (a: DOMRect, b: DOMRect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  const namesOverlapping = names.filter((a, i) => names.some((b, j) => i !== j && overlap(a.box, b.box))).map((a) => a.name);
  const widerThanItsBox = svg.getBoundingClientRect().width > svg.parentElement!.clientWidth;
  return { clipped, overLifelines, namesOverlapping, widerThanItsBox };
}

describe.skipIf(!hasBrowser)("the counterexample page, in chromium", () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), "splitbrain-page-"));

  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      // Run as root in a sandbox-less container, and never reach for the network.
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** The page `view` writes for a catalog trace, opened in a new tab that collects the page's errors. */
  const openTrace = async (name: string, viewport: { width: number; height: number }, start: PageData["start"] = "end", path = `counterexamples/${name}.json`) => {
    const loaded = readTraceFile(path);
    if (!loaded.ok) throw new Error(loaded.error.message);
    const { file } = loaded.value;
    const html = join(dir, `${name}.html`);
    writeFileSync(html, await pageHtml(pageDataOf(file, start)));
    const page = await browser.newPage({ viewport, acceptDownloads: true });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(pathToFileURL(html).href);
    return { file, page, errors };
  };

  it("shows a deadlock as the verdict, with the bounds of the configuration that stop the run", async () => {
    const path = join(dir, "deadlock.json");
    const run = spawnSync(process.execPath, ["bin/splitbrain.js", "check", "--config", "tiny", "--deadlock", "--quiet", "--trace-out", path], { encoding: "utf8", timeout: 60_000 });
    expect(run.status, run.stderr).toBe(1);
    const { file, page, errors } = await openTrace("deadlock", { width: 1400, height: 1000 }, "end", path);
    expect(await page.textContent("#verdict")).toContain(`deadlock after step ${file.steps.length}: no action is enabled and the state is not final, and bounds of the configuration are reached`);
    expect(await page.locator("#enabled button").count()).toBe(0);
    expect(await page.locator("svg .violation").count()).toBe(1);
    expect(errors).toEqual([]);
  }, 60_000);

  it("steps to the violation, branches from a middle step, and takes a screenshot", async () => {
    const { file, page, errors } = await openTrace("no-dedup", { width: 1400, height: 1000 }, "initial");
    await expect.poll(() => page.textContent("#position")).toBe(`step 0 of ${file.steps.length}`);
    expect(await page.locator("#invariants .violated").count()).toBe(0);

    // Step to the end with the keyboard: the violation is shown.
    for (let i = 0; i < file.steps.length; i++) await page.keyboard.press("j");
    expect(await page.textContent("#position")).toBe(`step ${file.steps.length} of ${file.steps.length}`);
    expect(await page.textContent("#invariants .violated")).toContain(file.property);
    expect(await page.locator("svg .violation").count()).toBe(1);

    // Step on past the violation: the bar still names the step where it began.
    await page.locator("#enabled button").first().click();
    expect(await page.textContent("#verdict")).toContain(`is violated after step ${file.steps.length} (and still at step ${file.steps.length + 1}, where this path ends)`);
    await page.click("#back");
    await page.keyboard.press("End");

    // Back to a middle step, and take another action there.
    const back = Math.floor(file.steps.length / 2);
    for (let i = 0; i < back; i++) await page.keyboard.press("k");
    expect(await page.textContent("#position")).toBe(`step ${file.steps.length - back} of ${file.steps.length}`);
    const first = page.locator("#enabled button").first();
    const label = await first.textContent();
    await first.click();
    const branched = file.steps.length - back + 1;
    expect(await page.textContent("#position")).toBe(`step ${branched} of ${branched}`);
    expect(await page.textContent("svg .row.current text")).toBe(`${branched}. ${label}`);

    const shot = join(dir, "branched.png");
    await page.screenshot({ path: shot });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    expect(errors).toEqual([]);
  }, 60_000);

  it("shows the state by node with tooltips, the violation in words, branches, comes back, exports, and fits at 1280×720 and 1920×1080", async () => {
    const { file, page, errors } = await openTrace("no-backup-ack", { width: 1280, height: 720 });

    // The bar names the property and says why; the state is one card per node, fields explained on hover.
    expect(await page.textContent("#verdict")).toContain(`${file.property} is violated after step ${file.steps.length}: ${file.explanation}`);
    expect(await page.locator(".card h3").allTextContents()).toEqual(["VS", "S1", "S2", "S3", "C1", "C2", "in flight", "cut links", "faults left"]);
    // The Forward S1 sent and S2 never got is drawn from where it was sent to an "in flight at the end" row.
    const forward = "S1 → S2 Forward(C1#1 Append x=1, view 2)";
    expect(await page.textContent("svg .flow.in-flight title")).toBe(`${forward}: sent in step 5, never delivered: still in flight at the end`);
    expect(await page.locator("svg .row text").allTextContents()).toContain(`in flight at the end: ${forward}`);
    expect(await page.getAttribute(".card:has(h3:text-is('S2')) tr:has(th:text-is('entered'))", "title")).toContain("PB-2");

    const fits = async () => ({ boxes: await page.evaluate(overflowingBoxes), ...(await page.evaluate(diagramProblems)) });
    expect(await fits()).toEqual({ boxes: [], clipped: [], overLifelines: [], namesOverlapping: [], widerThanItsBox: false });
    await page.screenshot({ path: join(dir, "1280x720.png") });

    // Export the path: a trace file that replays to the same violation.
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
    const exported = join(dir, "exported.json");
    await download.saveAs(exported);
    const again = readTraceFile(exported);
    expect(again.ok && again.value.file.steps).toEqual(file.steps);

    // Branch off at step 1: the title stops claiming the violation; "back" restores the trace.
    await page.keyboard.press("Home");
    await page.keyboard.press("j");
    await page.locator("#enabled button").first().click();
    expect(await page.textContent("#title")).toMatch(/^a branch off: .*\(this branch violates nothing\)$/);
    expect(await page.textContent("#verdict")).toContain("No invariant is violated at the end of this path (2 steps)");
    expect(await page.isHidden("#export")).toBe(true);
    await page.click("#back");
    expect(await page.textContent("#title")).toBe(`${file.property} · ${file.configName}`);
    expect(await page.textContent("#position")).toBe(`step ${file.steps.length} of ${file.steps.length}`);

    await page.setViewportSize({ width: 1920, height: 1080 });
    expect(await fits()).toEqual({ boxes: [], clipped: [], overLifelines: [], namesOverlapping: [], widerThanItsBox: false });
    await page.screenshot({ path: join(dir, "1920x1080.png") });
    expect(statSync(join(dir, "1920x1080.png")).size).toBeGreaterThan(10_000);
    expect(errors).toEqual([]);
  }, 90_000);

  it("shows a lasso: the property that fails on a fair run, the way back drawn up the left edge, and an export that replay accepts", async () => {
    const { file, page, errors } = await openTrace("vs-stuck", { width: 1280, height: 720 });
    expect(await page.textContent("#verdict")).toBe(`✗ ${file.property} fails on a fair run: ${file.explanation}.`);
    expect(await page.locator("svg .loop-back title").textContent()).toBe(`after step ${file.steps.length} the run is back in the state after step ${file.loop}, forever`);
    expect(await page.locator("svg .row text").allTextContents()).toContain(`↺ back to the state after step ${file.loop}, and round again, forever`);
    // The send to the crashed S1 changes nothing, and the diagram says why.
    // (A long row wraps into lines whose text runs together, so spaces are not compared.)
    const rows = (await page.locator("svg .row text").allTextContents()).join("").replace(/\s/g, "");
    expect(rows).toContain("C1sendsRequest(#1Putx=1)toS1·nothingchanges:S1iscrashed,sothemessageislostatonce");
    expect(await page.evaluate(diagramProblems)).toEqual({ clipped: [], overLifelines: [], namesOverlapping: [], widerThanItsBox: false });
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
    const exported = join(dir, "lasso.json");
    await download.saveAs(exported);
    const again = readTraceFile(exported);
    expect(again.ok && [again.value.file.steps, again.value.file.loop]).toEqual([file.steps, file.loop]);
    expect(errors).toEqual([]);
  }, 60_000);

  it("lays out six nodes with long names and long labels with no word cut or crossing a lifeline", async () => {
    const nodes = ["ViewService", "ServerAlpha", "ServerBravo", "ServerCharlie", "ClientOne", "ClientTwo"];
    const long = (i: number) => `step ${i}: ${nodes[i % 6]} → ${nodes[(i + 3) % 6]} Forward(ClientOne#${i} Append key=${"v".repeat(40)}, view ${i})`;
    const labels = Array.from({ length: 8 }, (_, i) => long(i + 1));
    const svg = (room: { width: number }) => sequenceSvg({
      ...room,
      participants: nodes,
      labels,
      steps: labels.map((_, i) => (i % 3 === 2 ? { kind: "note", over: [nodes[0]!, nodes[5]!], text: "CUT everything" } : undefined)),
      flows: labels.map((_, i) => ({ message: { from: nodes[i % 6]!, to: nodes[(i + 3) % 6]!, text: `Forward #${i}` }, sent: i + 1, ...(i < 6 ? { ended: i + 2, end: "delivered" as const } : { end: "in flight" as const }) })),
      current: 4,
      violation: "INV-1 at most one primary per view",
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.setContent(`<style>${STYLE}</style><main><div id="diagram"></div></main>`);
    const room = await page.evaluate(() => document.getElementById("diagram")!.clientWidth);
    await page.evaluate((html) => (document.getElementById("diagram")!.innerHTML = html), svg({ width: room }));
    expect(await page.evaluate(diagramProblems)).toEqual({ clipped: [], overLifelines: [], namesOverlapping: [], widerThanItsBox: false });
    await page.screenshot({ path: join(dir, "six-long-nodes.png"), fullPage: true });
  }, 60_000);
});
