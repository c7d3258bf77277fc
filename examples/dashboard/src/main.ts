/**
 * The dashboard page: connect to a DCS Web API (signed in, or in public mode), pick up to six
 * registers and virtual meters, and see for a range of dates their summary figures, one chart
 * overlaying them (and a year earlier), a carpet plot, and a CSV of what is shown.
 *
 * Everything it computes lives in small modules that Node runs too (summary, aggregate,
 * carpet, csv, series): this file only wires them to the page.
 */
import { DcsAbortError, DcsWebApi } from "coherent-dcs";
import type uPlot from "uplot";
import {
  type Aggregate,
  aggregate,
  alignYearEarlier,
  autoPeriod,
  leftOut,
  PERIOD_NAMES,
  periodGrid,
} from "./aggregate.js";
import { carpet } from "./carpet.js";
import { CarpetView, RAMP_CSS } from "./carpet-view.js";
import { CHART_HEIGHT, COLOURS, chartWidth, drawChart, type Line } from "./chart.js";
import { csvFile } from "./csv.js";
import { describeError } from "./errors.js";
import { SourcePicker } from "./picker.js";
import { loadSeries, type Series } from "./series.js";
import { listSources, type SourceInfo, sourceLabel } from "./sources.js";
import { describeChange, describeSummary, type Summary, summarise } from "./summary.js";
import {
  type DateSpan,
  dateOfDay,
  dayOf,
  formatDay,
  HALF_HOUR_MS,
  localDay,
  type Period,
  parseDate,
  type Range,
  rangeOf,
  yearEarlier,
  type Zone,
} from "./zone.js";
import "./style.css";

function element<T extends Element>(selector: string, type: { new (): T; prototype: T }): T {
  const found = document.querySelector(selector);
  if (!(found instanceof type)) throw new Error(`The page has no ${selector}`);
  return found;
}

const connectForm = element("#connect", HTMLFormElement);
const session = element("#session", HTMLDivElement);
const who = element("#who", HTMLSpanElement);
const viewForm = element("#view", HTMLFormElement);
const periodSelect = element("#view [name=period]", HTMLSelectElement);
const compareBox = element("#view [name=compare]", HTMLInputElement);
const utcBox = element("#view [name=utc]", HTMLInputElement);
const status = element("#status", HTMLDivElement);
const progressBar = element("#status progress", HTMLProgressElement);
const progressText = element("#progress-text", HTMLSpanElement);
const message = element("#message", HTMLParagraphElement);
const errorLine = element("#error", HTMLParagraphElement);
const results = element("#results", HTMLElement);
const cards = element("#cards", HTMLDivElement);
const chartTitle = element("#chart-title", HTMLHeadingElement);
const chartBox = element("#chart", HTMLDivElement);
const chartNote = element("#chart-note", HTMLParagraphElement);
const carpetChoice = element("#carpet-choice", HTMLLabelElement);
const carpetSource = element("#carpet-source", HTMLSelectElement);

const picker = new SourcePicker({
  find: element("#find", HTMLInputElement),
  matches: element("#matches", HTMLUListElement),
  note: element("#matches-note", HTMLParagraphElement),
  chosen: element("#chosen", HTMLUListElement),
  count: element("#chosen-count", HTMLSpanElement),
});
const carpetView = new CarpetView({
  canvas: element("[data-testid=carpet]", HTMLCanvasElement),
  readout: element("#carpet-readout", HTMLParagraphElement),
  low: element("#carpet-low", HTMLSpanElement),
  high: element("#carpet-high", HTMLSpanElement),
});
element(".legend .ramp", HTMLSpanElement).style.background = RAMP_CSS;

let dcs: DcsWebApi | undefined;
let loading: AbortController | undefined;
let chart: uPlot | undefined;

/** What is on the page: the request it answers and the series behind it. */
interface Shown {
  span: DateSpan;
  zone: Zone;
  range: Range;
  current: Series[];
  earlier: Series[] | undefined;
}
let shown: Shown | undefined;

/** Series already loaded, by source and range: toggling back and forth loads nothing twice. */
const loaded = new Map<string, Series>();
const KEEP_LOADED = 24;

const count = new Intl.NumberFormat("en-GB");

// Defaults: the server from `?server=`, and last calendar year (in the UK).
const params = new URLSearchParams(location.search);
const lastYear = dateOfDay(localDay(Date.now(), "uk")).year - 1;
setField(connectForm, "server", params.get("server") ?? "http://127.0.0.1:8080/DCSWebApi");
setField(viewForm, "from", formatDay(dayOf(lastYear, 1, 1)));
setField(viewForm, "to", formatDay(dayOf(lastYear, 12, 31)));

connectForm.addEventListener("submit", (event) => {
  event.preventDefault();
  void connect();
});
element("#sign-out", HTMLButtonElement).addEventListener("click", () => void signOut());
viewForm.addEventListener("submit", (event) => {
  event.preventDefault();
  void show();
});
// A zone reads the dates anew, and a comparison needs the year before: both load (what is
// not loaded yet). A period only regroups what is there.
utcBox.addEventListener("change", () => {
  for (const name of document.querySelectorAll(".zone-name")) {
    name.textContent = utcBox.checked ? "(UTC date)" : "(UK date)";
  }
  if (shown) void show();
});
compareBox.addEventListener("change", () => {
  if (shown) void show();
});
periodSelect.addEventListener("change", render);
carpetSource.addEventListener("change", renderCarpet);
element("#cancel", HTMLButtonElement).addEventListener("click", () => loading?.abort());
element("#download", HTMLButtonElement).addEventListener("click", download);
window.addEventListener("resize", () => {
  chart?.setSize({ width: chartWidth(chartBox), height: CHART_HEIGHT });
  carpetView.draw();
});

async function connect(): Promise<void> {
  const form = new FormData(connectForm);
  const server = String(form.get("server") ?? "").trim();
  const username = String(form.get("username") ?? "").trim();
  const password = String(form.get("password") ?? "");
  setField(connectForm, "password", ""); // don't keep it in the page longer than needed
  await signOut();
  showMessage(`Connecting to ${server}…`);
  try {
    const client = new DcsWebApi(server);
    // In a browser the session cookie is the browser's: it goes with `credentials: "include"`.
    if (username) await client.signIn(username, password);
    const meters = await client.meters();
    const virtualMeters = await client.virtualMeters();
    picker.setSources(listSources(meters, virtualMeters));
    dcs = client;
    connectForm.hidden = true;
    session.hidden = false;
    viewForm.hidden = false;
    who.textContent = `${client.user ? `Signed in as ${client.user.username} (${client.user.role})` : "Public mode"} at ${server}`;
    showMessage(
      `${count.format(meters.length)} meters, ${count.format(virtualMeters.length)} virtual meters.`,
    );
  } catch (error) {
    showError(error);
  }
}

async function signOut(): Promise<void> {
  loading?.abort();
  const previous = dcs;
  dcs = undefined;
  loaded.clear();
  clearResults();
  viewForm.hidden = true;
  session.hidden = true;
  connectForm.hidden = false;
  await previous?.signOut();
}

/** Reads the form; undefined (with the reason shown) when it does not make sense yet. */
function request(): { sources: SourceInfo[]; span: DateSpan; zone: Zone } | undefined {
  const form = new FormData(viewForm);
  const from = parseDate(String(form.get("from")));
  const to = parseDate(String(form.get("to")));
  const problem =
    picker.chosen.length === 0
      ? "Pick at least one register or virtual meter."
      : from === undefined
        ? "From is not a date: write it as dd/mm/yyyy."
        : to === undefined
          ? "To is not a date: write it as dd/mm/yyyy."
          : to < from
            ? "To is before From."
            : undefined;
  if (problem || from === undefined || to === undefined) {
    showErrorLine(problem ?? "");
    return undefined;
  }
  return { sources: [...picker.chosen], span: { from, to }, zone: utcBox.checked ? "utc" : "uk" };
}

async function show(): Promise<void> {
  const client = dcs;
  const wanted = request();
  if (!client || !wanted) return;
  const { sources, span, zone } = wanted;
  const range = rangeOf(span, zone);
  const earlierRange = compareBox.checked ? rangeOf(yearEarlier(span), zone) : undefined;
  const jobs = [
    ...sources.map((source) => ({ source, range })),
    ...(earlierRange ? sources.map((source) => ({ source, range: earlierRange })) : []),
  ];
  const key = (job: { source: SourceInfo; range: Range }) =>
    `${job.source.id} ${job.range.start} ${job.range.end}`;
  const halfHours = (r: Range) => (r.end - r.start) / HALF_HOUR_MS;
  const expected = jobs
    .filter((job) => !loaded.has(key(job)))
    .reduce((n, job) => n + halfHours(job.range), 0);

  loading?.abort(); // a newer request replaces the one still loading
  const controller = new AbortController();
  loading = controller;
  setState("loading");
  hideError();
  status.hidden = false;
  let received = 0; // by the sources loaded so far, and the one loading
  let receiving = 0;
  const progress = (text: string) => {
    progressBar.value = expected > 0 ? Math.min(1, (received + receiving) / expected) : 1;
    progressText.textContent = text;
  };
  try {
    const got: Series[] = [];
    for (const [i, job] of jobs.entries()) {
      let series = loaded.get(key(job));
      if (!series) {
        const what = `${sourceLabel(job.source)} (${i + 1} of ${jobs.length})`;
        progress(`Loading ${what}…`);
        series = await loadSeries(client, job.source, job.range, {
          signal: controller.signal,
          onProgress: (n) => {
            receiving = n;
            progress(`Loading ${what}: ${count.format(n)} readings…`);
          },
        });
        received += series.length;
        receiving = 0;
        remember(key(job), series);
      }
      got.push(series);
    }
    shown = {
      span,
      zone,
      range,
      current: got.slice(0, sources.length),
      earlier: earlierRange ? got.slice(sources.length) : undefined,
    };
    status.hidden = true;
    render();
    showMessage(
      `${count.format(got.reduce((n, s) => n + s.length, 0))} readings of ${count.format(sources.length)} source${sources.length > 1 ? "s" : ""}${earlierRange ? ", and a year earlier" : ""}.`,
    );
    setState("done");
  } catch (error) {
    if (loading !== controller) return; // replaced by a newer request: it owns the page now
    clearResults();
    status.hidden = true;
    if (error instanceof DcsAbortError) {
      // Half a load would give figures that look whole: show none.
      setState("cancelled");
      showMessage(
        `Cancelled after ${count.format(received + receiving)} readings: nothing is shown, as the figures would be incomplete.`,
      );
    } else {
      setState("error");
      showError(error);
    }
  } finally {
    if (loading === controller) loading = undefined;
  }
}

function remember(key: string, series: Series): void {
  loaded.set(key, series);
  for (const old of loaded.keys()) {
    if (loaded.size <= KEEP_LOADED) break;
    loaded.delete(old);
  }
}

/** The automatic period leaves the chart about 3 px per point. */
const PX_PER_POINT = 3;

function currentPeriod(range: Range): Period {
  const auto = autoPeriod(range, chartWidth(chartBox) / PX_PER_POINT);
  const option = periodSelect.querySelector<HTMLOptionElement>("option[value=auto]");
  if (option) option.textContent = `automatic (${PERIOD_NAMES[auto]})`;
  return periodSelect.value === "auto" ? auto : (periodSelect.value as Period);
}

function render(): void {
  if (!shown) return;
  const { current, earlier, range, zone, span } = shown;
  results.hidden = false; // before measuring the chart's width
  const period = currentPeriod(range);
  const grid = periodGrid(range, period, zone);

  const summaries = current.map(summarise);
  const earlierSummaries = earlier?.map(summarise);
  cards.replaceChildren(...summaries.map((s, i) => card(s, earlierSummaries?.[i], zone)));

  const lines: Line[] = [];
  const aggregates: Aggregate[] = current.map((series) => aggregate(series, grid));
  current.forEach((series, i) => {
    const colour = COLOURS[i % COLOURS.length] as string;
    const unit = series.source.instantaneous
      ? series.source.unit
      : `${series.source.unit} per ${PERIOD_NAMES[period]}`;
    const label = `${sourceLabel(series.source)} · ${series.source.id}`;
    lines.push({
      label,
      unit,
      values: [...(aggregates[i] as Aggregate).value],
      colour,
      dashed: false,
    });
    const before = earlier?.[i];
    if (before) {
      const values = alignYearEarlier(
        aggregate(before, periodGrid(before.range, period, zone)),
        grid,
      );
      lines.push({ label: `${label}, a year earlier`, unit, values, colour, dashed: true });
    }
  });
  chart?.destroy();
  chartBox.replaceChildren();
  chartTitle.textContent = `Per ${PERIOD_NAMES[period]}, ${formatDay(span.from)} to ${formatDay(span.to)} (${zone === "uk" ? "UK time" : "UTC"})`;
  chart = drawChart(chartBox, grid, lines);
  const cut = leftOut(grid, range).map(
    (part) => `${formatDay(localDay(part.start, zone))}–${formatDay(localDay(part.end - 1, zone))}`,
  );
  chartNote.textContent =
    cut.length > 0
      ? `Left out of the chart and the CSV, as not a whole ${PERIOD_NAMES[period]}: ${cut.join(" and ")} (the cards count them).`
      : "";

  carpetSource.replaceChildren(
    ...current.map(
      (series) =>
        new Option(`${sourceLabel(series.source)} · ${series.source.id}`, series.source.id),
    ),
  );
  carpetChoice.hidden = current.length < 2;
  renderCarpet();
}

function renderCarpet(): void {
  if (!shown) return;
  const series = shown.current.find((s) => s.source.id === carpetSource.value) ?? shown.current[0];
  carpetView.show(series && carpet(series, shown.span, shown.zone));
}

function card(summary: Summary, before: Summary | undefined, zone: Zone): HTMLElement {
  const text = describeSummary(summary, zone);
  const level = summary.source.instantaneous;
  const article = document.createElement("article");
  article.className = "card";
  article.dataset.source = summary.source.id;
  const title = document.createElement("h3");
  title.textContent = sourceLabel(summary.source);
  const id = document.createElement("span");
  id.className = "id";
  id.textContent = `${summary.source.id} · ${summary.source.unit}`;
  title.append(" ", id);
  const figures = document.createElement("dl");
  const figure = (
    testId: string,
    name: string,
    shownText: { value: string; note: string },
    value: number | undefined,
    tip: string,
  ) => {
    const div = document.createElement("div");
    div.dataset.testid = testId;
    if (value !== undefined) div.dataset.value = String(value);
    div.title = tip;
    const dt = document.createElement("dt");
    dt.textContent = name;
    const dd = document.createElement("dd");
    dd.className = "value";
    dd.textContent = shownText.value;
    const note = document.createElement("dd");
    note.className = "note";
    note.textContent = shownText.note;
    div.append(dt, dd, note);
    figures.append(div);
    return div;
  };
  const total = figure(
    "summary-total",
    "Total consumption",
    text.total,
    summary.total,
    "The sum of the consumption of every half hour: a register's periodValue, a virtual meter's value",
  );
  const change = before && describeChange(summary, before);
  if (change) {
    const compare = document.createElement("dd");
    compare.className = "note compare";
    compare.textContent = change;
    total.append(compare);
  }
  const peak = figure(
    "summary-peak",
    level ? "Highest level" : "Peak demand",
    text.peak,
    summary.peak?.rate,
    level
      ? "The highest half-hourly reading"
      : "The half hour with the most consumption, as a rate: kWh in the half hour × 2 = kW",
  );
  if (summary.peak) peak.dataset.time = new Date(summary.peak.time).toISOString();
  figure(
    "summary-baseload",
    level ? "Night-time level" : "Base load",
    text.baseLoad,
    summary.baseLoad,
    "The 10th percentile (nearest rank) of the half-hourly demand between 00:00 and 05:00 UK time, whatever zone is shown",
  );
  figure(
    "summary-interpolated",
    "Interpolated",
    text.interpolated,
    summary.readings ? summary.interpolated / summary.readings : undefined,
    "The share of readings DCS filled in by interpolation (status bit 1)",
  );
  article.append(title, figures);
  return article;
}

function download(): void {
  if (!shown) return;
  const file = csvFile(shown.current, {
    span: shown.span,
    period: currentPeriod(shown.range),
    zone: shown.zone,
  });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([file.text], { type: "text/csv" }));
  link.download = file.name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

function clearResults(): void {
  shown = undefined;
  chart?.destroy();
  chart = undefined;
  chartBox.replaceChildren();
  cards.replaceChildren();
  carpetView.show(undefined);
  results.hidden = true;
}

function setState(state: "loading" | "done" | "error" | "cancelled"): void {
  document.body.dataset.state = state;
}

function showMessage(text: string): void {
  hideError();
  message.textContent = text;
}

function showError(error: unknown): void {
  showErrorLine(describeError(error, location.origin));
}

function showErrorLine(text: string): void {
  errorLine.textContent = text;
  errorLine.hidden = false;
}

function hideError(): void {
  errorLine.hidden = true;
  errorLine.textContent = "";
}

function setField(form: HTMLFormElement, name: string, value: string): void {
  const field = form.elements.namedItem(name);
  if (field instanceof HTMLInputElement) field.value = value;
}
