/**
 * A small readings dashboard on `coherent-dcs`: connect to a DCS Web API (signed in, or in
 * public mode), pick a register or virtual meter, and watch its readings stream into a uPlot
 * line chart.
 */
import {
  DcsAuthError,
  DcsError,
  DcsNetworkError,
  DcsWebApi,
  type Meter,
  type PeriodType,
  type VirtualMeter,
} from "coherent-dcs";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import "./style.css";

const HOUR_MS = 3_600_000;
/** Roughly how long a period is, for the progress bar only. */
const PERIOD_MS: Record<PeriodType, number> = {
  halfHour: HOUR_MS / 2,
  hour: HOUR_MS,
  day: 24 * HOUR_MS,
  week: 7 * 24 * HOUR_MS,
  month: 730 * HOUR_MS,
};
const PERIOD_NAMES: Record<PeriodType, string> = {
  halfHour: "half hour",
  hour: "hour",
  day: "day",
  week: "week",
  month: "month",
};
/** Update the progress display every this many readings (cheap, and shows steady progress). */
const PROGRESS_EVERY = 2048;
/** Redraw the growing chart at most this often while loading. */
const REDRAW_MS = 250;
const CHART_HEIGHT = 380;

function element<T extends Element>(selector: string, type: { new (): T; prototype: T }): T {
  const found = document.querySelector(selector);
  if (!(found instanceof type)) throw new Error(`The page has no ${selector}`);
  return found;
}

const connectForm = element("#connect", HTMLFormElement);
const plotForm = element("#plot", HTMLFormElement);
const sourceSelect = element("#plot select[name=source]", HTMLSelectElement);
const measureSelect = element("#plot select[name=measure]", HTMLSelectElement);
const periodSelect = element("#plot select[name=period]", HTMLSelectElement);
const message = element("#message", HTMLParagraphElement);
const progress = element("#progress", HTMLDivElement);
const progressBar = element("#progress progress", HTMLProgressElement);
const progressText = element("#progress-text", HTMLSpanElement);
const chartBox = element("#chart", HTMLDivElement);

let dcs: DcsWebApi | undefined;
let loading: AbortController | undefined;
let chart: uPlot | undefined;
/**
 * What each source id is. Cumulative registers can show their consumption per period (the
 * "complete" format's periodValue) or the meter's total; instantaneous sources (V, kW) only
 * have half-hourly samples; virtual meters have one value per period.
 */
const sourceKinds = new Map<string, "cumulative" | "instantaneous" | "virtual">();

const numberFormat = new Intl.NumberFormat("en-GB");
const count = (n: number): string => numberFormat.format(n);

// Defaults: the server from `?server=`, and the last full calendar year (UTC).
const params = new URLSearchParams(location.search);
const thisYear = new Date().getUTCFullYear();
setField(connectForm, "server", params.get("server") ?? "http://127.0.0.1:8080/DCSWebApi");
setField(plotForm, "start", `${thisYear - 1}-01-01`);
setField(plotForm, "end", `${thisYear}-01-01`);

connectForm.addEventListener("submit", (event) => {
  event.preventDefault();
  void connect();
});
sourceSelect.addEventListener("change", fitOptionsToSource);
plotForm.addEventListener("submit", (event) => {
  event.preventDefault();
  void plot();
});
window.addEventListener("resize", () =>
  chart?.setSize({ width: chartWidth(), height: CHART_HEIGHT }),
);

async function connect(): Promise<void> {
  const form = new FormData(connectForm);
  const server = String(form.get("server") ?? "").trim();
  const username = String(form.get("username") ?? "").trim();
  const password = String(form.get("password") ?? "");
  setField(connectForm, "password", ""); // don't keep it in the page longer than needed
  loading?.abort();
  const previous = dcs;
  dcs = undefined;
  plotForm.hidden = true;
  await previous?.signOut();
  showMessage(`Connecting to ${server}…`);
  try {
    const client = new DcsWebApi(server);
    // In a browser the session cookie is the browser's: it goes with `credentials: "include"`.
    if (username) await client.signIn(username, password);
    const meters = await client.meters();
    const virtualMeters = await client.virtualMeters();
    fillSources(meters, virtualMeters);
    dcs = client;
    plotForm.hidden = false;
    const who = client.user
      ? `Signed in as ${client.user.username} (${client.user.role})`
      : "Public mode";
    showMessage(
      `${who}: ${count(meters.length)} meters, ${count(virtualMeters.length)} virtual meters.`,
    );
  } catch (error) {
    showError(error);
  }
}

function fillSources(meters: readonly Meter[], virtualMeters: readonly VirtualMeter[]): void {
  sourceSelect.replaceChildren();
  sourceKinds.clear();
  for (const meter of meters) {
    if (meter.registers.length === 0) continue;
    const group = document.createElement("optgroup");
    group.label = meter.name;
    for (const register of meter.registers) {
      const id = `R${register.id}`;
      sourceKinds.set(id, register.isInstantaneous ? "instantaneous" : "cumulative");
      group.append(new Option(`${register.name} (${register.unit}) · ${id}`, id));
    }
    sourceSelect.append(group);
  }
  if (virtualMeters.length > 0) {
    const group = document.createElement("optgroup");
    group.label = "Virtual meters";
    for (const virtualMeter of virtualMeters) {
      const id = `VM${virtualMeter.id}`;
      sourceKinds.set(id, virtualMeter.isInstantaneous ? "instantaneous" : "virtual");
      group.append(new Option(`${virtualMeter.name} (${virtualMeter.unit}) · ${id}`, id));
    }
    sourceSelect.append(group);
  }
  fitOptionsToSource();
}

/** Offers only the choices the selected source supports. */
function fitOptionsToSource(): void {
  const kind = sourceKinds.get(sourceSelect.value);
  measureSelect.disabled = kind !== "cumulative";
  for (const option of periodSelect.options) {
    option.disabled = kind === "instantaneous" && option.value !== "halfHour";
  }
  if (periodSelect.selectedOptions[0]?.disabled) periodSelect.value = "halfHour";
}

async function plot(): Promise<void> {
  const client = dcs;
  if (!client) return;
  const form = new FormData(plotForm);
  const id = String(form.get("source"));
  const startTime = String(form.get("start"));
  const endTime = String(form.get("end"));
  const periodType = String(form.get("period")) as PeriodType;
  const perPeriod = sourceKinds.get(id) === "cumulative" && form.get("measure") === "period";

  loading?.abort(); // a newer choice replaces the stream still loading
  const controller = new AbortController();
  loading = controller;
  const xs: number[] = []; // uPlot's time scale counts seconds
  const ys: (number | null)[] = [];
  setChartState("loading", 0);
  if (message.classList.contains("error")) showMessage(""); // keep "Signed in as …"
  showProgress(0, "Requesting…");
  try {
    // largeReadings splits long ranges into windows the server accepts.
    const options = { startTime, endTime, periodType, signal: controller.signal };
    const res = perPeriod
      ? await client.largeReadings(id, { ...options, format: "complete" })
      : await client.largeReadings(id, options);
    const start = res.startTime.getTime();
    const span = res.endTime.getTime() - start;
    const unit = perPeriod ? `${res.unit} per ${PERIOD_NAMES[periodType]}` : res.unit;
    const plotted = drawChart(`${res.name} · ${id}`, unit, xs, ys);
    let lastDraw = performance.now();
    for await (const reading of res.readings) {
      const t = reading.timestamp.getTime();
      xs.push(t / 1000);
      const value = "periodValue" in reading ? reading.periodValue : reading.value;
      ys.push(Number.isFinite(value) ? value : null); // NaN: a gap
      if (xs.length % PROGRESS_EVERY === 0) {
        showProgress((t + PERIOD_MS[periodType] - start) / span, `${count(xs.length)} readings…`);
        setChartState("loading", xs.length);
        if (performance.now() - lastDraw >= REDRAW_MS) {
          plotted.setData([xs, ys]);
          lastDraw = performance.now();
        }
      }
    }
    plotted.setData([xs, ys]);
    showProgress(1, `${count(xs.length)} readings, ${startTime} to ${endTime} (UTC), ${unit}`);
    setChartState("done", xs.length);
  } catch (error) {
    if (controller.signal.aborted) return; // replaced by a newer plot or connection
    progress.hidden = true;
    if (xs.length === 0) removeChart(); // keep what did arrive, else no empty frame
    showError(error);
    setChartState("error", xs.length);
  } finally {
    if (loading === controller) loading = undefined;
  }
}

function drawChart(label: string, unit: string, xs: number[], ys: (number | null)[]): uPlot {
  removeChart();
  chartBox.hidden = false; // before measuring its width
  chart = new uPlot(
    {
      width: chartWidth(),
      height: CHART_HEIGHT,
      // DCS timestamps are instants; show them in UTC, not the viewer's zone.
      tzDate: (seconds) => uPlot.tzDate(new Date(seconds * 1000), "UTC"),
      // Day-month dates and a 24-hour clock, as UK meter data is usually read.
      fmtDate: (template) => uPlot.fmtDate(ukTemplate(template)),
      scales: { x: { time: true } },
      series: [
        { label: "UTC" },
        {
          label,
          stroke: "#2563eb",
          width: 1,
          points: { show: false },
          value: (_chart, value) => (value == null ? "–" : `${value.toFixed(3)} ${unit}`),
        },
      ],
      axes: [{}, { label: unit, size: 90 }],
    },
    [xs, ys],
    chartBox,
  );
  return chart;
}

function removeChart(): void {
  chart?.destroy();
  chart = undefined;
  chartBox.replaceChildren();
  chartBox.hidden = true;
}

function ukTemplate(template: string): string {
  return template
    .replaceAll("{M}/{D}/{YY}", "{D} {MMM} {YYYY}")
    .replaceAll("{M}/{D}", "{D} {MMM}")
    .replaceAll("{h}:{mm}{aa}", "{HH}:{mm}")
    .replaceAll("{h}{aa}", "{HH}:00");
}

function chartWidth(): number {
  return Math.max(320, chartBox.clientWidth - 16);
}

function setChartState(state: "loading" | "done" | "error", points: number): void {
  chartBox.dataset.state = state;
  chartBox.dataset.points = String(points);
}

function showProgress(fraction: number, text: string): void {
  progress.hidden = false;
  progressBar.value = Math.min(1, Math.max(0, fraction));
  progressText.textContent = text;
}

function showMessage(text: string): void {
  message.classList.remove("error");
  message.textContent = text;
}

function showError(error: unknown): void {
  let text = error instanceof DcsError ? `${error.name}: ${error.message}` : String(error);
  if (error instanceof DcsAuthError) text += " (check the user and password)";
  if (error instanceof DcsNetworkError) {
    text += ` (is the server up, and does it allow ${location.origin} by CORS with credentials?)`;
  }
  message.textContent = text;
  message.classList.add("error");
}

function setField(form: HTMLFormElement, name: string, value: string): void {
  const field = form.elements.namedItem(name);
  if (field instanceof HTMLInputElement) field.value = value;
}
