/**
 * coherent-dcs: a typed, streaming client for Coherent Research DCS remote metering servers,
 * for browsers, Node and Deno. This entry imports nothing from `node:`.
 *
 * - {@link DcsWebApi}: the current DCS Web API (authenticated or public).
 * - {@link DcsSession}: the legacy v3 API, with the seed's "other functions".
 *
 * @packageDocumentation
 */

export type { CallOptions } from "./client/endpoints.js";
export {
  DcsAbortError,
  DcsArgumentError,
  DcsAuthError,
  DcsBadRequestError,
  DcsConcurrencyError,
  DcsError,
  type DcsErrorInit,
  DcsForbiddenError,
  DcsNetworkError,
  DcsNotFoundError,
  DcsProtocolError,
  DcsRateLimitError,
  DcsServerError,
  DcsTimeoutError,
  DcsValidationError,
  type DcsValidationIssue,
} from "./core/errors.js";
export { PERIOD_TYPES, type PeriodType, type PeriodTypeInput } from "./core/periods.js";
export type { DateInput } from "./core/time.js";
export {
  type MeteredDataCsvOptions,
  type MeteredDataReading,
  toMeteredDataCsv,
} from "./formats/metered-data.js";
export {
  type CompleteReading,
  type LegacyReading,
  ReadingStatus,
  type StandardReading,
} from "./readings/codecs.js";
export type { ReadingsHeader, ReadingsResult } from "./readings/header.js";
export { planWindows } from "./readings/planner.js";
export { Readings } from "./readings/readings.js";
export type { DcsStatus, SignInResult } from "./schemas/account.js";
export type {
  ConnectionMethod,
  Meter,
  MeterStatus,
  Register,
  RegisterAlias,
  VirtualMeter,
} from "./schemas/estate.js";
export type {
  CalibrationReading,
  Idc,
  IdcSettings,
  MeterGroup,
  MeterSummary,
  MeterType,
  ModbusCommandResult,
  ModbusDevice,
  RegisterType,
} from "./schemas/unofficial.js";
export type {
  DcsLogger,
  RateLimitInfo,
  RequestLogEntry,
  RetryOptions,
  TransportOptions,
} from "./transport/transport.js";
export type {
  LegacyReadingsOptions,
  MegaReadingsOptions,
  ModbusAction,
  NewModbusDevice,
  ReadingsDataSource,
} from "./v3/arguments.js";
export type { ImportMeteredDataOptions } from "./v3/import.js";
export { macHexToInt, macIntToHex } from "./v3/mac.js";
export { DcsSession, type DcsSessionOptions, type LoginResult } from "./v3/session.js";
export type { ReadingsFormat, ReadingsOptions, SourceId } from "./webapi/arguments.js";
export {
  DcsWebApi,
  type DcsWebApiOptions,
  type LargeReadingsOptions,
} from "./webapi/client.js";
