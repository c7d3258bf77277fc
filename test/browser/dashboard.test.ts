/**
 * The dashboard example (examples/dashboard) in real headless Chromium: built with Vite's JS
 * API, served from one loopback origin, pointed at the simulator on another by `?server=`.
 */
import { mkdir, rm, stat } from "node:fs/promises";
import { resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningDcsSimulator, startDcsSimulator } from "../../src/simulator/index.js";
import {
  collectPageErrors,
  launchChromium,
  type StaticServer,
  sampleSources,
  serveStatic,
} from "./harness.js";

const OUT_DIR = resolve(".tmp/dashboard-dist");
const SCREENSHOT = resolve(".tmp/screenshots/dashboard.png");

let site: StaticServer;
let server: RunningDcsSimulator;
let browser: Browser;
let register: string;
let virtualMeter: string;

beforeAll(async () => {
  await build({
    configFile: resolve("examples/dashboard/vite.config.ts"),
    build: { outDir: OUT_DIR, emptyOutDir: true },
    logLevel: "warn",
  });
  site = await serveStatic(OUT_DIR);
  server = await startDcsSimulator({ port: 0, cors: { origins: [site.origin] } });
  ({ register, virtualMeter } = sampleSources(server));
  browser = await launchChromium();
}, 60_000); // bundling and starting Chromium take longer on a busy machine

afterAll(async () => {
  await browser?.close();
  await Promise.all([server?.close(), site?.close()]);
});

async function openDashboard(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
  await page.goto(`${site.origin}/?server=${encodeURIComponent(server.webApiUrl)}`);
  return page;
}

/** Connects (signed in when a user is given), picks a source and plots 2024. */
async function plotYear(page: Page, source: string, user?: [string, string]): Promise<void> {
  if (user) {
    await page.fill("#connect [name=username]", user[0]);
    await page.fill("#connect [name=password]", user[1]);
  }
  await page.click("#connect button");
  await page.waitForSelector("#plot:not([hidden])");
  await page.selectOption("#plot [name=source]", source);
  await page.fill("#plot [name=start]", "2024-01-01");
  await page.fill("#plot [name=end]", "2025-01-01");
  await page.selectOption("#plot [name=period]", "halfHour");
  // Record every progress text the page shows while the stream loads (each `textContent =`
  // adds a new text node, so the records hold every value, however fast they come).
  await page.evaluate(() => {
    const seen: string[] = [];
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) seen.push(node.textContent ?? "");
      }
    }).observe(document.querySelector("#progress-text")!, { childList: true });
    Object.assign(window, { progressSeen: seen });
  });
  await page.click("#plot button");
  await page.waitForSelector("#chart[data-state=done]", { timeout: 15_000 });
}

describe("examples/dashboard in Chromium", { timeout: 30_000 }, () => {
  it("signs in, streams a year into a uPlot chart with progress, and screenshots it", async () => {
    const page = await openDashboard();
    try {
      expect(await page.inputValue("#connect [name=server]")).toBe(server.webApiUrl);
      await plotYear(page, register, ["user", "password"]);

      const result = await page.evaluate(() => {
        const chart = document.querySelector<HTMLElement>("#chart")!;
        const canvas = chart.querySelector("canvas");
        return {
          message: document.querySelector("#message")!.textContent,
          points: Number(chart.dataset.points),
          canvas: canvas ? { width: canvas.width, height: canvas.height } : undefined,
          progress: document.querySelector("progress")!.value,
          finalText: document.querySelector("#progress-text")!.textContent,
          seen: (window as unknown as { progressSeen: string[] }).progressSeen,
          sourceOptions: document.querySelectorAll("#plot [name=source] option").length,
        };
      });
      expect(result.message).toMatch(
        /^Signed in as user \(Viewer\): 20 meters, 5 virtual meters\.$/,
      );
      expect(result.sourceOptions).toBeGreaterThan(25); // every register and virtual meter
      expect(result.points).toBe(17_568); // 2024 has 366 days of 48 half hours
      expect(result.canvas?.width).toBeGreaterThan(300);
      expect(result.canvas?.height).toBeGreaterThan(300);
      expect(result.progress).toBe(1);
      expect(result.finalText).toBe(
        "17,568 readings, 2024-01-01 to 2025-01-01 (UTC), kWh per half hour",
      );
      // Progress was shown as the readings arrived, in thousands.
      expect(result.seen).toContain("2,048 readings…");
      expect(result.seen).toContain("16,384 readings…");

      await mkdir(resolve(".tmp/screenshots"), { recursive: true });
      await rm(SCREENSHOT, { force: true });
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      expect((await stat(SCREENSHOT)).size).toBeGreaterThan(20_000);
    } finally {
      await page.close();
    }
  });

  it("plots a virtual meter in public mode without console errors or page errors", async () => {
    const page = await openDashboard();
    const errors = collectPageErrors(page);
    try {
      await plotYear(page, virtualMeter);
      const state = await page.evaluate(() => ({
        message: document.querySelector("#message")!.textContent,
        points: Number(document.querySelector<HTMLElement>("#chart")!.dataset.points),
      }));
      expect(state.message).toMatch(/^Public mode: /);
      expect(state.points).toBe(17_568);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
