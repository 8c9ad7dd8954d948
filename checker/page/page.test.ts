// The page in a real browser: Debian's chromium, driven by playwright-core.
// On a developer's machine without a browser the test is skipped, and says
// why; in CI (CI set) a missing browser fails, so CI never passes by skipping.

import { existsSync, mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTraceFile } from "../cli/replay.ts";
import { pageHtml } from "./write-page.ts";

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

  it("steps to the violation, branches from a middle step, and takes a screenshot", async () => {
    const loaded = readTraceFile("counterexamples/no-dedup.json");
    if (!loaded.ok) throw new Error(loaded.error.message);
    const { file } = loaded.value;
    const html = join(dir, "no-dedup.html");
    writeFileSync(html, await pageHtml({ title: file.property, spec: file.spec, config: file.config, steps: file.steps, start: "initial" }));

    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(pathToFileURL(html).href);
    await expect.poll(() => page.textContent("#position")).toBe(`step 0 of ${file.steps.length}`);
    expect(await page.locator("#invariants .violated").count()).toBe(0);

    // Step to the end with the keyboard: the violation is shown.
    for (let i = 0; i < file.steps.length; i++) await page.keyboard.press("j");
    expect(await page.textContent("#position")).toBe(`step ${file.steps.length} of ${file.steps.length}`);
    expect(await page.textContent("#invariants .violated")).toContain(file.property);
    expect(await page.locator("svg .violation").count()).toBe(1);

    // Back to a middle step, and take another action there.
    const back = Math.floor(file.steps.length / 2);
    for (let i = 0; i < back; i++) await page.keyboard.press("k");
    expect(await page.textContent("#position")).toBe(`step ${file.steps.length - back} of ${file.steps.length}`);
    const first = page.locator("#enabled button").first();
    const label = await first.textContent();
    await first.click();
    const branched = file.steps.length - back + 1;
    expect(await page.textContent("#position")).toBe(`step ${branched} of ${branched}`);
    expect(await page.textContent("#steps li.current")).toBe(`${branched}. ${label}`);

    const shot = join(dir, "branched.png");
    await page.screenshot({ path: shot });
    expect(statSync(shot).size).toBeGreaterThan(10_000);
    expect(errors).toEqual([]);
  }, 60_000);

  it("shows the state by node with tooltips, the violation in words, branches, comes back, exports, and fits at 1280×720 and 1920×1080", async () => {
    const loaded = readTraceFile("counterexamples/no-backup-ack.json");
    if (!loaded.ok) throw new Error(loaded.error.message);
    const { file } = loaded.value;
    const html = join(dir, "no-backup-ack.html");
    writeFileSync(html, await pageHtml({ title: `${file.property} · ${file.configName}`, configName: file.configName, spec: file.spec, config: file.config, steps: file.steps, start: "end" }));
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(pathToFileURL(html).href);

    // The bar names the property and says why; the state is one card per node, fields explained on hover.
    expect(await page.textContent("#verdict")).toContain(`${file.property} is violated after step ${file.steps.length}: ${file.explanation}`);
    expect(await page.locator(".card h3").allTextContents()).toEqual(["VS", "S1", "S2", "S3", "C1", "C2", "in flight", "cut links", "faults left"]);
    // The Forward S1 sent and S2 never got is drawn, where it was sent.
    expect(await page.locator("svg .row[data-step='5'] text").allTextContents()).toContain("5. Forward(C1#1 Append x=1, view 2) (sent, never delivered)");
    expect(await page.getAttribute(".card:has(h3:text-is('S2')) tr:has(th:text-is('entered'))", "title")).toContain("PB-2");

    const fits = () =>
      page.evaluate(() => {
        const boxes = [...document.querySelectorAll<HTMLElement>(".card, #verdict, #steps li, #enabled button")].filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.outerHTML.slice(0, 80));
        const clipped = [...document.querySelectorAll<SVGTextElement>("svg text")].filter((t) => t.getBBox().x < 0).map((t) => t.textContent);
        return { boxes, clipped };
      });
    expect(await fits()).toEqual({ boxes: [], clipped: [] });
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
    expect(await fits()).toEqual({ boxes: [], clipped: [] });
    await page.screenshot({ path: join(dir, "1920x1080.png") });
    expect(statSync(join(dir, "1920x1080.png")).size).toBeGreaterThan(10_000);
    expect(errors).toEqual([]);
  }, 90_000);
});
