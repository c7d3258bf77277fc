/**
 * coherent-dcs: a typed, streaming client for Coherent Research DCS remote metering servers,
 * for browsers, Node and Deno. This entry imports nothing from `node:`.
 *
 * - {@link DcsWebApi}: the current DCS Web API (authenticated or public).
 * - {@link DcsSession}: the legacy v3 API, with the seed's "other functions".
 *
 * @packageDocumentation
 */

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
  type CompleteReading,
  type LegacyReading,
  ReadingStatus,
  type StandardReading,
} from "./readings/codecs.js";
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
  AfterResponseHook,
  AttemptOutcome,
  BeforeRequestHook,
  DcsLogger,
  RequestAttempt,
  RequestLogEntry,
  TransportHooks,
} from "./transport/hooks.js";
export type { RetryOptions } from "./transport/retry.js";
export type { RateLimitInfo, TransportOptions } from "./transport/transport.js";
export type { LegacyReadingsOptions, ReadingsDataSource } from "./v3/arguments.js";
export { macHexToInt, macIntToHex } from "./v3/mac.js";
export {
  DcsSession,
  type DcsSessionOptions,
  type LoginResult,
  type MegaReadingsOptions,
  type ModbusAction,
  type NewModbusDevice,
} from "./v3/session.js";
export type { ReadingsFormat, ReadingsOptions, SourceId } from "./webapi/arguments.js";
export {
  DcsWebApi,
  type DcsWebApiOptions,
  type LargeReadingsOptions,
} from "./webapi/client.js";
export type { ReadingsHeader, ReadingsResult } from "./webapi/result.js";
