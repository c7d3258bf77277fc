/**
 * Importing metered data (`POST /api/registerReadings/import`, undocumented, reverse
 * engineered from the DCS web UI): a file's text, read by one of the server's data import
 * plugins as if DCS had collected the readings.
 */
import type { CallOptions, Endpoints } from "../client/endpoints.js";
import { checkId } from "../core/checks.js";
import { DcsArgumentError } from "../core/errors.js";
import type { paths } from "../generated/dcs-v3.js";

/** Options of `DcsSession.importMeteredData`. */
export interface ImportMeteredDataOptions extends CallOptions {
  /**
   * The data import plugin to read the file with. Default 1, the metered data CSV plugin of a
   * standard install (Format 1 and Format 2).
   */
  pluginId?: number;
}

/**
 * Sends the file. A refusal is a typed error: `DcsForbiddenError` (403) for an account that
 * may not import (DCS lets Administrators only), `DcsBadRequestError` (400) with the server's
 * `details` for a file it cannot read.
 */
export async function importMeteredData(
  api: Endpoints<paths>,
  csv: string,
  options: ImportMeteredDataOptions,
): Promise<void> {
  if (typeof csv !== "string") {
    throw new DcsArgumentError(`importMeteredData needs the file's text, got ${typeof csv}`);
  }
  const body = { dataImportPluginId: checkId(options.pluginId ?? 1, "pluginId"), data: csv };
  return api.send("POST /api/registerReadings/import", { body }, options);
}
