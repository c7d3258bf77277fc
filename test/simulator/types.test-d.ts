/**
 * The simulator serves the API's own shapes: its public `Sim*` types are the types generated
 * from spec/*.yaml (or those with what the simulator always sends made required), not copies
 * that could drift from what the clients read.
 */
import { describe, expectTypeOf, it } from "vitest";
import type { components as V3 } from "../../src/generated/dcs-v3.js";
import type { components as WebApi } from "../../src/generated/dcs-webapi.js";
import type {
  SimIdc,
  SimIdcSettings,
  SimMeter,
  SimMeterType,
  SimModbusDevice,
  SimRegister,
  SimRegisterAlias,
  SimRegisterType,
  SimVirtualMeter,
} from "../../src/simulator/index.js";

type W = WebApi["schemas"];
type L = V3["schemas"];

describe("the simulator's shapes", () => {
  it("are the generated meters, registers and virtual meters of both generations", () => {
    expectTypeOf<SimRegister>().toEqualTypeOf<W["Register"]>();
    expectTypeOf<SimRegister>().toEqualTypeOf<L["Register"]>();
    expectTypeOf<SimMeter>().toEqualTypeOf<W["Meter"]>();
    expectTypeOf<SimMeter>().toEqualTypeOf<L["Meter"]>();
    expectTypeOf<SimRegisterAlias>().toEqualTypeOf<W["RegisterAlias"]>();
    expectTypeOf<SimVirtualMeter>().toEqualTypeOf<W["VirtualMeter"]>();
    expectTypeOf<SimVirtualMeter>().toEqualTypeOf<L["VirtualMeter"]>();
    expectTypeOf<SimIdcSettings>().toEqualTypeOf<L["IdcSettings"]>();
  });

  it("are the generated legacy configuration shapes, with what the simulator always sends", () => {
    expectTypeOf<SimIdc>().toEqualTypeOf<
      L["Idc"] & Required<Pick<L["Idc"], "name" | "ipAddress" | "status">>
    >();
    expectTypeOf<SimModbusDevice>().toEqualTypeOf<
      L["ModbusDevice"] &
        Required<Pick<L["ModbusDevice"], "description" | "serialNumber" | "deviceType">>
    >();
    expectTypeOf<SimRegisterType>().toExtend<L["RegisterType"]>();
    expectTypeOf<SimMeterType>().toExtend<L["MeterType"]>();
  });
});
