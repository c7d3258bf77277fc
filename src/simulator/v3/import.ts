/**
 * `POST /api/registerReadings/import` (undocumented, reverse engineered from the DCS web UI):
 * metered data in DCS's CSV Format 1 or 2 (formats/metered-data.ts), read and checked whole
 * before any of it is stored, by an Administrator. Each reading then shows, in both APIs,
 * instead of what its register had in that half hour.
 */
import { HALF_HOUR_MS } from "../../core/periods.js";
import { FileFormatError } from "../../formats/csv.js";
import { formatDayMonthYear, formatTimeOfDay } from "../../formats/dates.js";
import { type ImportRow, readMeteredDataCsv } from "../../formats/metered-data.js";
import type { Principal } from "../auth.js";
import type { Handler } from "../context.js";
import type { EstateStore } from "../estate/store.js";
import { emptyResponse, HttpError, isRecord, readJsonBody } from "../http.js";
import { notAllowed } from "../sign-in.js";
import { v3Administrator } from "./checks.js";

/** The simulator's one data import plugin: metered data from CSV, id 1 as on a standard install. */
const METERED_DATA_CSV = 1;

export const importMeteredData: Handler = async (ctx) => {
  const who = v3Administrator(ctx, "import data");
  const body = await readJsonBody(ctx.request);
  if (!isRecord(body)) {
    throw new HttpError(400, "The body must be a JSON object with dataImportPluginId and data.");
  }
  if (body.dataImportPluginId !== METERED_DATA_CSV) {
    throw new HttpError(
      400,
      `Data import plugin ${String(body.dataImportPluginId)} is not known: the simulator has one, the metered data CSV plugin (${METERED_DATA_CSV}).`,
    );
  }
  if (typeof body.data !== "string") throw new HttpError(400, "data must be the file's text.");
  let rows: ImportRow[];
  try {
    rows = readMeteredDataCsv(body.data).rows;
  } catch (error) {
    if (!(error instanceof FileFormatError)) throw error;
    throw new HttpError(400, `The file cannot be imported: ${error.message}.`);
  }
  const readings = rows.map((row) => storedReading(ctx.store, who, row));
  ctx.store.importReadings(readings);
  return emptyResponse(204);
};

/** What a row stores, or the 400 (403) that says why it cannot be imported (by this user). */
function storedReading(store: EstateStore, who: Principal, row: ImportRow) {
  const fail = (reason: string) =>
    new HttpError(400, `The file cannot be imported: row ${row.row}: ${reason}.`);
  const registerId = registerOf(store, who, row, fail);
  if (row.durationMinutes !== 30) {
    throw fail(
      `Duration ${row.durationMinutes}: the simulator's registers are read every 30 minutes`,
    );
  }
  if (row.start % HALF_HOUR_MS !== 0) {
    throw fail(
      `${formatTimeOfDay(row.start)} is not the start of a half hour (a reading must start on a metering period boundary)`,
    );
  }
  const { dataStart, dataEnd } = store.estate;
  if (row.start < dataStart || row.start >= dataEnd) {
    const last = formatDayMonthYear(dataEnd - 1);
    throw fail(
      `the simulator holds readings from ${formatDayMonthYear(dataStart)} to ${last} only`,
    );
  }
  const record = store.register(registerId);
  const instantaneous = record?.register.isInstantaneous ?? false;
  return {
    registerId,
    slot: (row.start - dataStart) / HALF_HOUR_MS,
    total: row.totalValue,
    period: instantaneous ? 0 : row.periodValue,
  };
}

/** The register a row names: by id (Format 2), or by its meter's id and its name (Format 1). */
function registerOf(
  store: EstateStore,
  who: Principal,
  row: ImportRow,
  fail: (reason: string) => HttpError,
): number {
  if ("registerId" in row) {
    if (!store.register(row.registerId)) throw fail(`there is no register ${row.registerId}`);
    if (!store.canSeeRegister(who, row.registerId))
      throw notAllowed(who, `register ${row.registerId}`);
    return row.registerId;
  }
  const meter = store.meter(row.meterId);
  if (!meter) throw fail(`there is no meter ${row.meterId}`);
  if (!store.canSeeMeter(who, row.meterId)) throw notAllowed(who, `meter ${row.meterId}`);
  const wanted = row.registerName.toLowerCase();
  const register = meter.meter.registers.find((r) => r.name.toLowerCase() === wanted);
  if (!register) throw fail(`meter ${row.meterId} has no register named "${row.registerName}"`);
  return register.id;
}
