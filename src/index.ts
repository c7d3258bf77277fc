/**
 * coherent-dcs: a typed, streaming client for Coherent Research DCS remote metering servers,
 * for browsers, Node and Deno. This entry imports nothing from `node:`.
 *
 * - {@link DcsWebApi}: the current DCS Web API (authenticated or public).
 * - {@link DcsSession}: the legacy v3 API, with the seed's "other functions" and
 *   pythondcspro's administration (users, restriction profiles; {@link metersFromGroup}).
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
  type DcsErrorCode,
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
export { ReadingStatus } from "./readings/codecs.js";
export type { ReadingsHeader, ReadingsResult } from "./readings/header.js";
export { planWindows } from "./readings/planner.js";
export { Readings } from "./readings/readings.js";
export type {
  CalibrationReading,
  CompleteReading,
  ConnectionMethod,
  DcsStatus,
  Idc,
  IdcSettings,
  LegacyReading,
  Meter,
  MeterGroup,
  MeterStatus,
  MeterSummary,
  MeterType,
  ModbusCommandResult,
  ModbusDevice,
  NewUser,
  Register,
  RegisterAlias,
  RegisterType,
  RestrictionProfile,
  SignInResult,
  StandardReading,
  User,
  UserRole,
  VirtualMeter,
} from "./schemas/types.js";
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
export type {
  LegacyReadingsOptions,
  MegaReadingsOptions,
  ModbusAction,
  NewModbusDevice,
  ReadingsDataSource,
} from "./v3/arguments.js";
export type { ImportMeteredDataOptions } from "./v3/import.js";
export { macHexToInt, macIntToHex } from "./v3/mac.js";
export { metersFromGroup } from "./v3/meter-tree.js";
export { DcsSession, type DcsSessionOptions, type LoginResult } from "./v3/session.js";
export type { ReadingsFormat, ReadingsOptions, SourceId } from "./webapi/arguments.js";
export {
  DcsWebApi,
  type DcsWebApiOptions,
  type LargeReadingsOptions,
} from "./webapi/client.js";

declare global {
  // `DcsWebApi` and `DcsSession` are async-disposable (`await using`). TypeScript declares
  // these two in its lib "esnext.disposable", which a project on `lib: ["es2022", "dom"]`
  // lacks; declared here as that lib does, so the package's types compile there too.
  interface SymbolConstructor {
    readonly asyncDispose: unique symbol;
  }
  interface AsyncDisposable {
    [Symbol.asyncDispose](): PromiseLike<void>;
  }
}
