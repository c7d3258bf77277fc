/**
 * The zod schemas and the OpenAPI descriptions cannot drift apart: each schema's input type
 * (the wire shape it accepts) must equal the type generated from spec/*.yaml, for both API
 * generations. Rename a field in a spec or a schema and this file stops compiling.
 */
import { describe, expectTypeOf, it } from "vitest";
import type * as z from "zod/mini";
import type { PeriodType } from "../../src/core/periods.js";
import type { components as V3 } from "../../src/generated/dcs-v3.js";
import type { components as WebApi } from "../../src/generated/dcs-webapi.js";
import type {
  errorBodySchema,
  rateLimitErrorBodySchema,
  signInResultSchema,
  statusSchema,
} from "../../src/schemas/account.js";
import type { restrictionProfileSchema, userSchema } from "../../src/schemas/admin.js";
import type {
  meterSchema,
  registerAliasSchema,
  registerSchema,
  virtualMeterSchema,
} from "../../src/schemas/estate.js";
import type {
  completeReadingsResultWire,
  completeReadingWire,
  legacyReadingWire,
  standardReadingsResultWire,
  standardReadingWire,
} from "../../src/schemas/readings.js";
import type * as Public from "../../src/schemas/types.js";
import type {
  calibrationReadingsPageSchema,
  calibrationReadingWire,
  idcSchema,
  idcSettingsSchema,
  meterSummarySchema,
  meterTypeSchema,
  modbusCommandResultSchema,
  modbusDeviceSchema,
  registerTypeSchema,
} from "../../src/schemas/unofficial.js";
import type { ReadingsFormat } from "../../src/webapi/arguments.js";

/** Flattens intersections so that equal shapes compare equal (`string & {}` stays as it is). */
type Flat<T> = T extends string
  ? T
  : T extends readonly (infer E)[]
    ? Flat<E>[]
    : T extends object
      ? { [K in keyof T]: Flat<T[K]> }
      : T;
type Wire<S extends z.ZodMiniType> = Flat<z.input<S>>;
type Out<S extends z.ZodMiniType> = Flat<z.output<S>>;
type W = WebApi["schemas"];
type L = V3["schemas"];

describe("zod schemas match the generated OpenAPI types", () => {
  it("estate shapes, in both generations", () => {
    expectTypeOf<Wire<typeof registerSchema>>().toEqualTypeOf<Flat<W["Register"]>>();
    expectTypeOf<Wire<typeof registerSchema>>().toEqualTypeOf<Flat<L["Register"]>>();
    expectTypeOf<Wire<typeof meterSchema>>().toEqualTypeOf<Flat<W["Meter"]>>();
    expectTypeOf<Wire<typeof meterSchema>>().toEqualTypeOf<Flat<L["Meter"]>>();
    expectTypeOf<Wire<typeof registerAliasSchema>>().toEqualTypeOf<Flat<W["RegisterAlias"]>>();
    expectTypeOf<Wire<typeof registerAliasSchema>>().toEqualTypeOf<Flat<L["RegisterAlias"]>>();
    expectTypeOf<Wire<typeof virtualMeterSchema>>().toEqualTypeOf<Flat<W["VirtualMeter"]>>();
    expectTypeOf<Wire<typeof virtualMeterSchema>>().toEqualTypeOf<Flat<L["VirtualMeter"]>>();
  });

  it("readings: both current shapes, their results, and the legacy reading", () => {
    expectTypeOf<Wire<typeof standardReadingWire>>().toEqualTypeOf<Flat<W["StandardReading"]>>();
    expectTypeOf<Wire<typeof completeReadingWire>>().toEqualTypeOf<Flat<W["CompleteReading"]>>();
    expectTypeOf<Wire<typeof standardReadingsResultWire>>().toEqualTypeOf<
      Flat<W["StandardReadingsResult"]>
    >();
    expectTypeOf<Wire<typeof completeReadingsResultWire>>().toEqualTypeOf<
      Flat<W["CompleteReadingsResult"]>
    >();
    expectTypeOf<Wire<typeof legacyReadingWire>>().toEqualTypeOf<Flat<L["LegacyReading"]>>();
  });

  it("sign-in results and error bodies", () => {
    expectTypeOf<Wire<typeof signInResultSchema>>().toEqualTypeOf<Flat<W["SignInResult"]>>();
    expectTypeOf<Wire<typeof signInResultSchema>>().toEqualTypeOf<Flat<L["LoginResult"]>>();
    expectTypeOf<Wire<typeof errorBodySchema>>().toEqualTypeOf<Flat<W["ErrorBody"]>>();
    expectTypeOf<Wire<typeof errorBodySchema>>().toEqualTypeOf<Flat<L["ErrorBody"]>>();
    expectTypeOf<Wire<typeof rateLimitErrorBodySchema>>().toEqualTypeOf<
      Flat<W["RateLimitErrorBody"]>
    >();
  });

  it("the unofficial legacy shapes", () => {
    expectTypeOf<Wire<typeof meterSummarySchema>>().toEqualTypeOf<Flat<L["MeterSummary"]>>();
    expectTypeOf<Wire<typeof idcSchema>>().toEqualTypeOf<Flat<L["Idc"]>>();
    expectTypeOf<Wire<typeof modbusDeviceSchema>>().toEqualTypeOf<Flat<L["ModbusDevice"]>>();
    expectTypeOf<Wire<typeof calibrationReadingWire>>().toEqualTypeOf<
      Flat<L["CalibrationReading"]>
    >();
    expectTypeOf<Wire<typeof calibrationReadingsPageSchema>>().toEqualTypeOf<
      Flat<L["CalibrationReadingsPage"]>
    >();
    expectTypeOf<Wire<typeof registerTypeSchema>>().toEqualTypeOf<Flat<L["RegisterType"]>>();
    expectTypeOf<Wire<typeof meterTypeSchema>>().toEqualTypeOf<Flat<L["MeterType"]>>();
  });

  it("what the schemas hand out is the public type (the spec's, by name)", () => {
    expectTypeOf<Out<typeof signInResultSchema>>().toEqualTypeOf<Flat<Public.SignInResult>>();
    expectTypeOf<Out<typeof statusSchema>>().toEqualTypeOf<Flat<Public.DcsStatus>>();
    expectTypeOf<Out<typeof registerSchema>>().toEqualTypeOf<Flat<Public.Register>>();
    expectTypeOf<Out<typeof meterSchema>>().toEqualTypeOf<Flat<Public.Meter>>();
    expectTypeOf<Out<typeof registerAliasSchema>>().toEqualTypeOf<Flat<Public.RegisterAlias>>();
    expectTypeOf<Out<typeof virtualMeterSchema>>().toEqualTypeOf<Flat<Public.VirtualMeter>>();
    expectTypeOf<Out<typeof meterSummarySchema>>().toEqualTypeOf<Flat<Public.MeterSummary>>();
    expectTypeOf<Out<typeof idcSchema>>().toEqualTypeOf<Flat<Public.Idc>>();
    expectTypeOf<Out<typeof idcSettingsSchema>>().toEqualTypeOf<Flat<Public.IdcSettings>>();
    expectTypeOf<Out<typeof modbusDeviceSchema>>().toEqualTypeOf<Flat<Public.ModbusDevice>>();
    expectTypeOf<Out<typeof modbusCommandResultSchema>>().toEqualTypeOf<
      Flat<Public.ModbusCommandResult>
    >();
    expectTypeOf<Out<typeof registerTypeSchema>>().toEqualTypeOf<Flat<Public.RegisterType>>();
    expectTypeOf<Out<typeof meterTypeSchema>>().toEqualTypeOf<Flat<Public.MeterType>>();
  });

  it("the enums the SDK spells out itself (periods in core/, readings formats) are the spec's", () => {
    expectTypeOf<PeriodType>().toEqualTypeOf<W["PeriodType"]>();
    expectTypeOf<PeriodType>().toEqualTypeOf<L["PeriodType"]>();
    expectTypeOf<ReadingsFormat>().toEqualTypeOf<WebApi["parameters"]["ReadingsFormat"]>();
  });

  it("the administration shapes", () => {
    expectTypeOf<Wire<typeof userSchema>>().toEqualTypeOf<Flat<L["User"]>>();
    expectTypeOf<Wire<typeof restrictionProfileSchema>>().toEqualTypeOf<
      Flat<L["RestrictionProfile"]>
    >();
    expectTypeOf<Out<typeof userSchema>>().toEqualTypeOf<Flat<Public.User>>();
    expectTypeOf<Out<typeof restrictionProfileSchema>>().toEqualTypeOf<
      Flat<Public.RestrictionProfile>
    >();
  });
});
