/**
 * `GET /readings` of the current API (and `/public/readings`): validated as the vendor's
 * documentation describes, answered with a streamed readings result whose `readings` array
 * comes last.
 */
import { parseReadingsId } from "../../core/ids.js";
import {
  addPeriods,
  DAY_MS,
  describeGrid,
  isAligned,
  MINUTE_MS,
  PERIOD_TYPES,
  type PeriodType,
} from "../../core/periods.js";
import { formatUtcSeconds } from "../../core/time.js";
import type { Principal } from "../auth.js";
import type { EstateStore } from "../estate/store.js";
import { HttpError, type Query } from "../http.js";
import { streamedJsonResponse } from "../readings/body.js";
import { jsonNumber, StampWriter } from "../readings/format.js";
import type { ProvisionalWindow } from "../readings/provisional.js";
import { gridOf, type Rows } from "../readings/rows.js";
import {
  findSource,
  isInstantaneous,
  parseInstantParam,
  rowsOf,
  type Source,
} from "../readings/sources.js";
import { checkDataAccess } from "../sign-in.js";

const MIN_TIME = Date.UTC(1900, 0, 1);
const MAX_TIME = Date.UTC(9999, 11, 31);

/**
 * The readings `who` asked for; `rangeLimitDays` 0 is no limit; the half hours of
 * `provisional` are shown as estimates.
 */
export function webApiReadings(
  store: EstateStore,
  who: Principal,
  query: Query,
  rangeLimitDays: number,
  provisional?: ProvisionalWindow,
): Response {
  const idText = query.get("id");
  if (idText === undefined)
    throw new HttpError(
      400,
      "The id parameter is required (R<register id> or VM<virtual meter id>).",
    );
  const parsed = parseReadingsId(idText.trim());
  if (!parsed) {
    throw new HttpError(
      400,
      `The id '${idText}' is not valid: use R<register id> or VM<virtual meter id>, e.g. R733 or VM9.`,
    );
  }
  const label = parsed.wire;
  const format = query.choice("format", ["standard", "complete"] as const, "standard");
  const period = query.choice("periodType", PERIOD_TYPES, "halfHour");
  const calibrated = query.boolean("calibrated", false);
  const interpolated = query.boolean("interpolated", false);
  const { start, end } = requestedRange(query, period);

  const source = findSource(store, who, parsed.kind, parsed.id, label);
  checkDataAccess(who, start, end);
  if (isInstantaneous(source) && period !== "halfHour") {
    throw new HttpError(400, `${label} is instantaneous: its periodType can only be halfHour.`);
  }
  if (format === "complete" && source.kind === "virtualMeter") {
    throw new HttpError(400, "The complete format is not valid for virtual meters.");
  }
  const days = (end - start) / DAY_MS;
  if (rangeLimitDays > 0 && days > rangeLimitDays) {
    throw new HttpError(
      400,
      `The requested range of ${Number(days.toFixed(2))} days exceeds the maximum of ${rangeLimitDays} days.`,
    );
  }

  const fill = { calibrated, interpolated };
  const rows = rowsOf(source, store, gridOf(period, false), start, end, fill, provisional);
  const consumption = source.kind === "virtualMeter" && !isInstantaneous(source);
  const readingDuration = consumption ? (addPeriods(start, period, 1) - start) / MINUTE_MS : 0;
  const name =
    source.kind === "register"
      ? store.registerFullName(source.register.id)
      : source.virtualMeter.name;
  const unit = source.kind === "register" ? source.register.unit : source.virtualMeter.unit;
  const head =
    `{"startTime":"${formatUtcSeconds(start)}","endTime":"${formatUtcSeconds(end)}",` +
    `"name":${JSON.stringify(name)},"periodType":"${period}","unit":${JSON.stringify(unit)},` +
    `"readingDuration":${readingDuration},"readings":[`;
  const stamps = new StampWriter(false);
  const row = rowWriter(source, format, stamps);
  return streamedJsonResponse({ head, tail: "]}", source: rows, row });
}

/** Start and end from exactly two of startTime, endTime and periodCount, on the period grid. */
function requestedRange(query: Query, period: PeriodType): { start: number; end: number } {
  const startText = query.get("startTime");
  const endText = query.get("endTime");
  const count = query.integer("periodCount", 1, 10_000_000);
  const given = [startText, endText, count].filter((x) => x !== undefined).length;
  if (given !== 2) {
    throw new HttpError(
      400,
      `Exactly two of startTime, endTime and periodCount must be given (${given === 3 ? "all three were" : given === 0 ? "none was" : "only one was"}).`,
    );
  }
  const parse = (text: string | undefined, name: string) => {
    if (text === undefined) return undefined;
    const t = parseInstantParam(text, name, "utc");
    if (t < MIN_TIME || t > MAX_TIME) throw new HttpError(400, `${name} ${text} is out of range.`);
    if (!isAligned(t, period)) {
      throw new HttpError(
        400,
        `${name} ${formatUtcSeconds(t)} is not on the ${period} grid: it must fall on ${describeGrid(period)}.`,
      );
    }
    return t;
  };
  let start = parse(startText, "startTime");
  let end = parse(endText, "endTime");
  if (start === undefined && end !== undefined && count !== undefined)
    start = addPeriods(end, period, -count);
  if (end === undefined && start !== undefined && count !== undefined)
    end = addPeriods(start, period, count);
  if (start === undefined || end === undefined || !(start >= MIN_TIME && end <= MAX_TIME)) {
    throw new HttpError(400, "The requested range is out of range.");
  }
  if (end <= start) {
    throw new HttpError(
      400,
      `endTime ${formatUtcSeconds(end)} must be after startTime ${formatUtcSeconds(start)}.`,
    );
  }
  return { start, end };
}

function rowWriter(
  source: Source,
  format: "standard" | "complete",
  stamps: StampWriter,
): (rows: Rows, i: number) => string {
  if (source.kind === "virtualMeter") {
    return (rows, i) =>
      `{"timestamp":"${stamps.format(rows.time[i] as number)}","value":${jsonNumber(rows.period[i] as number)},"status":${rows.status[i]}}`;
  }
  if (format === "complete") {
    return (rows, i) =>
      `{"timestamp":"${stamps.format(rows.time[i] as number)}","totalValue":${jsonNumber(rows.total[i] as number)},"periodValue":${jsonNumber(rows.period[i] as number)},"status":${rows.status[i]}}`;
  }
  return (rows, i) =>
    `{"timestamp":"${stamps.format(rows.time[i] as number)}","value":${jsonNumber(rows.total[i] as number)},"status":${rows.status[i]}}`;
}
