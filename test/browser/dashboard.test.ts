/**
 * The dashboard example (examples/dashboard) in real headless Chromium: built with Vite's JS
 * API, served from one loopback origin, pointed at the simulator on another by `?server=`,
 * and used as an energy manager would. Its figures are checked against the same modules run
 * in Node on readings the SDK fetched in Node, and its CSV against `dcs readings`.
 */
import { mkdir, readFile, rm, stat } from "node:fs/promises";
import { resolve } from "node:path";
import type { Browser, Download, Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSeries, type Series } from "../../examples/dashboard/src/series.js";
import { listSources, type SourceInfo } from "../../examples/dashboard/src/sources.js";
import {
  describeChange,
  describeSummary,
  type Summary,
  summarise,
} from "../../examples/dashboard/src/summary.js";
import { type DateSpan, dayOf, rangeOf, yearEarlier } from "../../examples/dashboard/src/zone.js";
import { DcsWebApi } from "../../src/index.js";
import {
  DEFAULT_USERS,
  type RunningDcsSimulator,
  startDcsSimulator,
} from "../../src/simulator/index.js";
import { runDcs } from "../cli/run-dcs.js";
import { collectPageErrors, launchChromium, type StaticServer, serveStatic } from "./harness.js";

const OUT_DIR = resolve(".tmp/dashboard-dist");
const SCREENSHOTS = resolve(".tmp/screenshots");

let site: StaticServer;
let server: RunningDcsSimulator;
let limited: RunningDcsSimulator; // a server whose range limit is shorter than a half hour
let browser: Browser;
let sources: SourceInfo[];
/** Moves the simulator's clock (account expiry) without waiting. */
let clockSkewMs = 0;
const EXPIRES = Date.now() + 10 * 60_000;

beforeAll(async () => {
  await build({
    configFile: resolve("examples/dashboard/vite.config.ts"),
    build: { outDir: OUT_DIR, emptyOutDir: true },
    logLevel: "warn",
  });
  site = await serveStatic(OUT_DIR);
  const cors = { origins: [site.origin] };
  server = await startDcsSimulator({
    port: 0,
    cors,
    users: [
      ...DEFAULT_USERS,
      { username: "expiring", password: "expiring-password", expiresAt: EXPIRES },
    ],
    clock: { now: () => Date.now() + clockSkewMs },
  });
  limited = await startDcsSimulator({ port: 0, cors, rangeLimitDays: 0.01 });
  const dcs = new DcsWebApi(server.webApiUrl);
  sources = listSources(await dcs.meters(), await dcs.virtualMeters());
  browser = await launchChromium();
  await mkdir(SCREENSHOTS, { recursive: true });
}, 60_000); // bundling and starting Chromium take longer on a busy machine

afterAll(async () => {
  await browser?.close();
  await Promise.all([server?.close(), limited?.close(), site?.close()]);
});

const source = (id: string): SourceInfo => sources.find((s) => s.id === id)!;

async function openDashboard(width = 1200, api = server.webApiUrl): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, acceptDownloads: true });
  await page.goto(`${site.origin}/?server=${encodeURIComponent(api)}`);
  return page;
}

async function connect(page: Page, user?: [string, string]): Promise<void> {
  if (user) {
    await page.fill("#connect [name=username]", user[0]);
    await page.fill("#connect [name=password]", user[1]);
  }
  await page.click("#connect button");
  await page.waitForSelector("#view:not([hidden]), [data-testid=error]:not([hidden])");
}

/** Finds a source by typing words into the picker, and ticks it. */
async function pick(page: Page, words: string, id: string): Promise<void> {
  await page.fill("#find", words);
  await page.check(`[data-testid=source-picker] input[value="${id}"]`);
}

async function setDates(page: Page, from: string, to: string): Promise<void> {
  await page.fill("#view [name=from]", from);
  await page.fill("#view [name=to]", to);
}

type State = "done" | "error" | "cancelled";

/** Waits for the page to settle after a load. */
async function settled(page: Page, timeout = 20_000): Promise<State> {
  await page.waitForSelector("body:not([data-state=loading]):not([data-state=idle])", { timeout });
  return (await page.getAttribute("body", "data-state")) as State;
}

async function showAndWait(page: Page): Promise<State> {
  await page.click("#view button[type=submit]");
  return settled(page);
}

interface CardFigures {
  value: string | null;
  shown: string;
  note: string;
}

/** What a summary card shows: each figure's `data-value`, headline and note. */
async function cardOf(page: Page, id: string): Promise<Record<string, CardFigures>> {
  return page.evaluate((sourceId) => {
    const card = document.querySelector(`.card[data-source="${sourceId}"]`)!;
    const figures: Record<string, { value: string | null; shown: string; note: string }> = {};
    for (const div of card.querySelectorAll<HTMLElement>("[data-testid]")) {
      figures[div.dataset.testid!] = {
        value: div.dataset.value ?? null,
        shown: div.querySelector(".value")!.textContent!,
        note: [...div.querySelectorAll(".note")].map((n) => n.textContent).join(" | "),
      };
    }
    return figures;
  }, id);
}

/** The same card computed in Node: the SDK's readings through the dashboard's own modules. */
function expectedCard(summary: Summary, earlier?: Summary): Record<string, CardFigures> {
  const text = describeSummary(summary, "uk");
  const change = earlier && describeChange(summary, earlier);
  const value = (v: number | undefined) => (v === undefined ? null : String(v));
  return {
    "summary-total": {
      value: value(summary.total),
      shown: text.total.value,
      note: [text.total.note, ...(change ? [change] : [])].join(" | "),
    },
    "summary-peak": {
      value: value(summary.peak?.rate),
      shown: text.peak.value,
      note: text.peak.note,
    },
    "summary-baseload": {
      value: value(summary.baseLoad),
      shown: text.baseLoad.value,
      note: text.baseLoad.note,
    },
    "summary-interpolated": {
      value: value(summary.interpolated / summary.readings),
      shown: text.interpolated.value,
      note: text.interpolated.note,
    },
  };
}

async function nodeSeries(id: string, span: DateSpan): Promise<Series> {
  const dcs = new DcsWebApi(server.webApiUrl);
  await dcs.signIn("user", "password");
  try {
    return await loadSeries(dcs, source(id), rangeOf(span, "uk"));
  } finally {
    await dcs.signOut();
  }
}

async function screenshot(page: Page, name: string): Promise<void> {
  const path = resolve(SCREENSHOTS, name);
  await rm(path, { force: true });
  await page.screenshot({ path, fullPage: true });
  expect((await stat(path)).size).toBeGreaterThan(20_000);
}

/** Nothing sticks out sideways: the page does not scroll, and no element ends past the edge. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    if (document.documentElement.scrollWidth > width) {
      out.push(`page scrolls: ${document.documentElement.scrollWidth} > ${width}`);
    }
    for (const el of document.querySelectorAll<HTMLElement>("body *")) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.right > width + 0.5 && !el.closest(".matches")) {
        out.push(`${el.tagName.toLowerCase()}.${el.className} ends at ${box.right}`);
      }
    }
    return out;
  });
}

/** Presses Tab until `selector` has the focus (a keyboard user's way there). */
async function tabTo(page: Page, selector: string): Promise<void> {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

const YEAR_2024: DateSpan = { from: dayOf(2024, 1, 1), to: dayOf(2024, 12, 31) };

describe("examples/dashboard in Chromium", { timeout: 60_000 }, () => {
  it("signs in, picks two sources by name, and shows the figures Node computes from the SDK", async () => {
    const page = await openDashboard();
    const errors = collectPageErrors(page);
    try {
      await connect(page, ["user", "password"]);
      // Registers are found by meter and register name: every incomer has "Active Energy (import)".
      await page.fill("#find", "medical main incomer active energy");
      const listed = await page.locator("#matches label").allTextContents();
      expect(listed).toEqual([
        expect.stringMatching(/^Medical School Main IncomerActive Energy \(import\)kWh · R701$/),
      ]);
      await pick(page, "medical main incomer active energy", "R701");
      await pick(page, "site electricity", "VM11"); // a virtual meter, by its name
      expect(await page.locator("#chosen li").allTextContents()).toEqual([
        "Medical School Main Incomer: Active Energy (import) · R701×",
        "Site Electricity · VM11×",
      ]);
      await setDates(page, "01/01/2024", "31/12/2024");
      expect(await showAndWait(page)).toBe("done");

      const [register, virtualMeter] = await Promise.all([
        nodeSeries("R701", YEAR_2024),
        nodeSeries("VM11", YEAR_2024),
      ]);
      expect(register.length).toBe(17_568); // 366 days of 48 half hours
      const registerSummary = summarise(register);
      const vmSummary = summarise(virtualMeter);
      expect(await cardOf(page, "R701")).toEqual(expectedCard(registerSummary));
      expect(await cardOf(page, "VM11")).toEqual(expectedCard(vmSummary));
      // The figures mean what they say: kWh in the peak half hour × 2 = kW, a total in kWh.
      expect(registerSummary.peak!.rate).toBe(registerSummary.peak!.consumption! * 2);
      expect((await cardOf(page, "R701"))["summary-total"]!.shown).toMatch(/^[\d,]+ kWh$/);
      expect((await cardOf(page, "R701"))["summary-peak"]!.shown).toMatch(/ kW$/);

      // A year at once is shown per day, not as a band of 17,568 half hours.
      expect(await page.textContent("#view [name=period] option[value=auto]")).toBe(
        "automatic (day)",
      );
      expect(await page.textContent("#chart-title")).toBe(
        "Per day, 01/01/2024 to 31/12/2024 (UK time)",
      );
      const legend = await page.locator("#chart .u-legend .u-series .u-label").allTextContents();
      expect(legend).toEqual([
        "Period",
        "Medical School Main Incomer: Active Energy (import) · R701",
        "Site Electricity · VM11",
      ]);

      // The same range a year earlier, on the same chart, and the change on the card.
      await page.check("[data-testid=compare-year]");
      expect(await settled(page)).toBe("done");
      const before = summarise(await nodeSeries("R701", yearEarlier(YEAR_2024)));
      expect(await cardOf(page, "R701")).toEqual(expectedCard(registerSummary, before));
      expect(await page.locator("#chart .u-legend .u-series .u-label").allTextContents()).toEqual([
        "Period",
        "Medical School Main Incomer: Active Energy (import) · R701",
        "Medical School Main Incomer: Active Energy (import) · R701, a year earlier",
        "Site Electricity · VM11",
        "Site Electricity · VM11, a year earlier",
      ]);
      await screenshot(page, "dashboard.png");

      // The user can still choose the period.
      await page.selectOption("#view [name=period]", "month");
      expect(await page.textContent("#chart-title")).toMatch(/^Per month, /);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("compares up to six sources of any units; levels get no total", async () => {
    const page = await openDashboard();
    const errors = collectPageErrors(page);
    try {
      await connect(page);
      const six: [string, string][] = [
        ["medical main incomer active energy", "R701"],
        ["medical main incomer active power", "R703"], // a level, kW
        ["site electrical demand", "VM16"], // an instantaneous virtual meter
        ["medical gas volume", "R715"], // m³
        ["gas volume corrected", "VM13"],
        ["languages main incomer active energy", "R731"],
      ];
      for (const [words, id] of six) await pick(page, words, id);
      await page.fill("#find", "library main incomer active energy");
      expect(await page.isDisabled("[data-testid=source-picker] input[value=R768]")).toBe(true);
      expect(await page.textContent("#matches-note")).toBe("6 chosen: remove one to add another.");
      const week: DateSpan = { from: dayOf(2024, 2, 5), to: dayOf(2024, 2, 11) };
      await setDates(page, "05/02/2024", "11/02/2024");
      expect(await showAndWait(page)).toBe("done");
      for (const [, id] of six) {
        expect(await cardOf(page, id)).toEqual(expectedCard(summarise(await nodeSeries(id, week))));
      }
      const level = await cardOf(page, "R703");
      expect(level["summary-total"]).toEqual({
        value: null,
        shown: "–",
        note: "A level (kW), not consumption: nothing to add up",
      });
      expect(
        await page.textContent('.card[data-source="R703"] [data-testid=summary-peak] dt'),
      ).toBe("Highest level");
      // One axis per unit: kWh per half hour, kW, m³ per half hour.
      expect(await page.locator("#chart .u-axis").count()).toBe(4);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("fits 420 px: nothing overflows sideways", async () => {
    const page = await openDashboard(420);
    const errors = collectPageErrors(page);
    try {
      await connect(page, ["user", "password"]);
      expect(await overflowing(page)).toEqual([]);
      await pick(page, "library main incomer active energy", "R768");
      await pick(page, "observatory main incomer active energy", "R744");
      await page.check("[data-testid=compare-year]");
      await setDates(page, "01/01/2024", "31/12/2024");
      expect(await showAndWait(page)).toBe("done");
      expect(await overflowing(page)).toEqual([]);
      const carpetWidth = await page.locator("[data-testid=carpet]").evaluate((c) => c.clientWidth);
      expect(carpetWidth).toBeGreaterThan(300);
      expect(carpetWidth).toBeLessThanOrEqual(420);
      await screenshot(page, "dashboard-420.png");
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("shows UK time by default, UTC on the toggle: clock-change days have 46 and 50 half hours", async () => {
    const page = await openDashboard();
    try {
      await connect(page);
      await pick(page, "medical main incomer active energy", "R701");
      await setDates(page, "30/03/2024", "28/10/2024");
      expect(await showAndWait(page)).toBe("done");
      const readout = () => page.textContent("#carpet-readout");
      await page.focus("[data-testid=carpet]");
      await page.keyboard.press("Home");
      await page.keyboard.press("ArrowRight");
      expect(await readout()).toMatch(
        /^Sun 31\/03\/2024: 46 half hours \(the clocks went forward\) · 00:00–00:30: [\d.,]+ kW \(GMT\)$/,
      );
      for (let i = 0; i < 2; i++) await page.keyboard.press("ArrowDown"); // to 01:00
      expect(await readout()).toBe(
        "Sun 31/03/2024: 46 half hours (the clocks went forward) · 01:00–01:30: never happens that day",
      );
      await page.keyboard.press("End");
      await page.keyboard.press("ArrowLeft");
      expect(await readout()).toMatch(
        /^Sun 27\/10\/2024: 50 half hours \(the clocks went back\) · 01:00–01:30: [\d.,]+ kW, the mean of 2 readings/,
      );
      const peakNote = () => page.textContent("[data-testid=summary-peak] .note");
      expect(await peakNote()).toMatch(/ (GMT|BST)$/);
      expect(await page.textContent(".zone-name")).toBe("(UK date)");

      await page.check("[data-testid=timezone-toggle]");
      expect(await settled(page)).toBe("done");
      expect(await page.textContent(".zone-name")).toBe("(UTC date)");
      expect(await page.textContent("#chart-title")).toBe(
        "Per day, 30/03/2024 to 28/10/2024 (UTC)",
      );
      expect(await peakNote()).toMatch(/ UTC$/);
      await page.focus("[data-testid=carpet]");
      await page.keyboard.press("Home");
      await page.keyboard.press("ArrowRight");
      expect(await readout()).toMatch(/^Sun 31\/03\/2024: 48 half hours · 00:00–00:30: /);
      await page.keyboard.press("End");
      await page.keyboard.press("ArrowLeft");
      expect(await readout()).toMatch(/^Sun 27\/10\/2024: 48 half hours · /);
    } finally {
      await page.close();
    }
  });

  it("downloads what is shown as CSV, column for column what dcs readings prints", async () => {
    const page = await openDashboard();
    try {
      await connect(page, ["user", "password"]);
      await pick(page, "medical main incomer active energy", "R701");
      await pick(page, "languages main incomer active energy", "R731");
      await pick(page, "site electricity", "VM11");
      await setDates(page, "01/06/2024", "07/06/2024"); // BST: the range starts 23:00 UTC
      expect(await showAndWait(page)).toBe("done");
      expect(await page.inputValue("#view [name=period]")).toBe("auto");
      expect(await page.textContent("#chart-title")).toMatch(/^Per half hour, /);

      // Registers and a virtual meter share dcs readings' columns: one file, as it prints them.
      const downloads: Download[] = [];
      page.on("download", (download) => downloads.push(download));
      await page.click("[data-testid=download-csv]");
      await expect.poll(() => downloads.length).toBe(1);
      const download = downloads[0]!;
      expect(download.suggestedFilename()).toBe(
        "R701-R731-VM11-2024-06-01-to-2024-06-07-halfHour.csv",
      );
      const text = await readFile((await download.path())!, "utf8");
      const range = ["--start", "2024-05-31T23:00:00Z", "--end", "2024-06-07T23:00:00Z"];
      expectSameColumns(text, await dcsReadings(["R701", "R731", "VM11", ...range]));
      expect(text.split("\n")[0]).toBe("id,timestamp,value,consumption,status");
    } finally {
      await page.close();
    }
  });

  it("cancels a long stream: nothing half-loaded is shown, and the server stops sending", async () => {
    const page = await openDashboard();
    try {
      await connect(page);
      await pick(page, "medical main incomer active energy", "R701");
      await pick(page, "languages main incomer active energy", "R731");
      await setDates(page, "01/01/2015", "31/12/2026"); // twelve years of two registers
      await page.click("#view button[type=submit]");
      await page.waitForFunction(() =>
        /readings…$/.test(document.querySelector("#progress-text")?.textContent ?? ""),
      );
      await page.click("[data-testid=cancel]");
      expect(await settled(page)).toBe("cancelled");
      const cancelled =
        /^Cancelled after ([\d,]+) readings: nothing is shown, as the figures would be incomplete\.$/.exec(
          (await page.textContent("#message")) ?? "",
        );
      // It counts what had arrived, the source still loading included: at least one batch.
      expect(Number(cancelled?.[1]?.replaceAll(",", ""))).toBeGreaterThanOrEqual(2048);
      expect(await page.isHidden("#results")).toBe(true);
      expect(await page.isHidden("#status")).toBe(true);
      await expect.poll(() => server.simulator.stats.inFlight, { timeout: 5000 }).toBe(0);

      // The client is free again: a short range loads at once.
      await setDates(page, "01/01/2024", "07/01/2024");
      expect(await showAndWait(page)).toBe("done");
    } finally {
      await page.close();
    }
  });

  it("works with the keyboard alone", async () => {
    const page = await openDashboard();
    const errors = collectPageErrors(page);
    try {
      await tabTo(page, "#connect [name=username]");
      await page.keyboard.type("user");
      await page.keyboard.press("Tab");
      await page.keyboard.type("password");
      await page.keyboard.press("Enter");
      await page.waitForSelector("#view:not([hidden])");

      await tabTo(page, "#find");
      await page.keyboard.type("library main incomer active");
      await page.keyboard.press("Enter"); // adds the first match
      await page.keyboard.type("observatory main incomer active");
      await page.keyboard.press("ArrowDown"); // into the matches
      await page.keyboard.press("Space");
      await page.keyboard.press("Tab"); // past the whole list at once
      expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("from");
      await page.keyboard.press("Control+A");
      await page.keyboard.type("01/01/2024");
      await page.keyboard.press("Tab");
      await page.keyboard.press("Control+A");
      await page.keyboard.type("31/03/2024");
      await page.keyboard.press("Tab");
      await page.keyboard.press("ArrowDown"); // period: half hour
      await page.keyboard.press("ArrowDown"); // hour
      await page.keyboard.press("ArrowDown"); // day
      await page.keyboard.press("Tab");
      await page.keyboard.press("Space"); // compare with a year earlier
      await tabTo(page, "#view button[type=submit]");
      await page.keyboard.press("Enter");
      expect(await settled(page)).toBe("done");
      expect(await page.locator("#chosen li").allTextContents()).toEqual([
        "Library Main Incomer: Active Energy (import) · R768×",
        "Observatory Main Incomer: Active Energy (import) · R744×",
      ]);
      expect(await page.textContent("#chart-title")).toBe(
        "Per day, 01/01/2024 to 31/03/2024 (UK time)",
      );
      expect(await page.isChecked("[data-testid=compare-year]")).toBe(true);

      await tabTo(page, "[data-testid=download-csv]");
      const download = page.waitForEvent("download");
      await page.keyboard.press("Enter");
      expect((await download).suggestedFilename()).toBe(
        "R768-R744-2024-01-01-to-2024-03-31-day.csv",
      );
      await tabTo(page, "#carpet-source");
      await page.keyboard.press("ArrowDown"); // the carpet of the second source
      await tabTo(page, "[data-testid=carpet]");
      await page.keyboard.press("ArrowRight");
      expect(await page.textContent("#carpet-readout")).toMatch(
        /^Tue 02\/01\/2024: 48 half hours · 00:00–00:30: [\d.,]+ kW \(GMT\)$/,
      );
      expect(await page.getAttribute("[data-testid=carpet]", "aria-label")).toMatch(
        /^Carpet plot of R744,/,
      );

      // A chosen source is removed with its button.
      await tabTo(page, "#chosen button");
      await page.keyboard.press("Enter");
      expect(await page.locator("#chosen li").count()).toBe(1);
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });

  describe("typed errors, each as one readable line", () => {
    const errorLine = async (page: Page) => {
      const text = (await page.textContent("[data-testid=error]")) ?? "";
      expect(await page.isVisible("[data-testid=error]")).toBe(true);
      expect(text).not.toMatch(/\n/);
      return text;
    };

    it("wrong password", async () => {
      const page = await openDashboard();
      try {
        await connect(page, ["user", "not-the-password"]);
        const text = await errorLine(page);
        expect(text).toMatch(
          /^Wrong user name or password, or the session has expired: sign in again\./,
        );
        expect(text).not.toContain("not-the-password");
        expect(await page.isVisible("#connect")).toBe(true);
      } finally {
        await page.close();
      }
    });

    it("forbidden (the account expired after signing in)", async () => {
      const page = await openDashboard();
      try {
        await connect(page, ["expiring", "expiring-password"]);
        await pick(page, "medical main incomer active energy", "R701");
        await setDates(page, "01/01/2024", "07/01/2024");
        clockSkewMs = EXPIRES - Date.now() + 60_000;
        expect(await showAndWait(page)).toBe("error");
        expect(await errorLine(page)).toBe(
          "Forbidden: this account may not see that meter, or it has expired. The server said: The account 'expiring' has expired.",
        );
        expect(await page.isHidden("#results")).toBe(true);
      } finally {
        clockSkewMs = 0;
        await page.close();
      }
    });

    it("rate limit", async () => {
      const page = await openDashboard();
      // Retry-After longer than the SDK's longest wait: it gives up at once, with the wait.
      const removeFault = server.simulator.addFault({
        path: "/readings",
        fault: { kind: "rateLimit", retryAfterSeconds: 180 },
      });
      try {
        await connect(page);
        await pick(page, "medical main incomer active energy", "R701");
        await setDates(page, "01/01/2024", "07/01/2024");
        expect(await showAndWait(page)).toBe("error");
        expect(await errorLine(page)).toMatch(
          /^The server is limiting requests: try again in 3 min\. The server said: /,
        );
      } finally {
        removeFault();
        await page.close();
      }
    });

    it("range limit", async () => {
      const page = await openDashboard(1200, limited.webApiUrl);
      try {
        await connect(page);
        await pick(page, "medical main incomer active energy", "R701");
        await setDates(page, "01/01/2024", "07/01/2024");
        expect(await showAndWait(page)).toBe("error");
        expect(await errorLine(page)).toBe(
          "The server refused the request. The server said: The requested range of 0.02 days exceeds the maximum of 0.01 days.",
        );
      } finally {
        await page.close();
      }
    });

    it("a date that is not a date, before anything is sent", async () => {
      const page = await openDashboard();
      try {
        await connect(page);
        await pick(page, "medical main incomer active energy", "R701");
        await setDates(page, "12/31/2024", "31/12/2024"); // US order
        await page.click("#view button[type=submit]");
        expect(await errorLine(page)).toBe("From is not a date: write it as dd/mm/yyyy.");
      } finally {
        await page.close();
      }
    });
  });
});

/** `dcs readings …` against the simulator, signed in; its stdout. */
async function dcsReadings(args: string[]): Promise<string> {
  const { code, stdout, stderr } = await runDcs(["readings", ...args], {
    DCS_URL: server.webApiUrl,
    DCS_USERNAME: "user",
    DCS_PASSWORD: "password",
  });
  expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
  return stdout;
}

/** Two CSV texts hold the same columns, compared one column at a time (a mismatch names it). */
function expectSameColumns(actual: string, expected: string): void {
  const table = (text: string) => {
    const [header, ...rows] = text
      .trimEnd()
      .split("\n")
      .map((line) => line.split(","));
    return { header: header!, rows };
  };
  const a = table(actual);
  const e = table(expected);
  expect(a.header).toEqual(e.header);
  expect(a.rows.length).toBe(e.rows.length);
  e.header.forEach((column, i) => {
    expect({ column, cells: a.rows.map((row) => row[i]) }).toEqual({
      column,
      cells: e.rows.map((row) => row[i]),
    });
  });
  expect(actual).toBe(expected);
}
