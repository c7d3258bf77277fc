/**
 * The meters: a name from the building and the meter's purpose, how DCS reaches it (the first
 * meter always over TCP and online, so every estate has one sure meter), its serial and
 * metering point numbers, and its status.
 */
import type { SimIdc, SimMeter } from "../types.js";
import type { Campus, PlannedMeter } from "./campus.js";
import type { IdcBuilder } from "./idcs.js";
import {
  type ConnectionMethod,
  type MeterRole,
  type MeterStatus,
  type MeterTemplate,
  TEMPLATES,
  uniqueName,
} from "./names.js";
import type { Rng } from "./random.js";

export interface BuiltMeter {
  /** With no registers yet. */
  meter: SimMeter;
  /** The IDC the meter is wired to, and its address on the IDC's bus. */
  idc: { idc: SimIdc; address: number } | undefined;
}

export class MeterBuilder {
  readonly #names = new Set<string>();
  /** How many meters of each role each building has so far, to pick the next purpose. */
  readonly #purposesUsed = new Map<string, number>();

  constructor(
    readonly rng: Rng,
    readonly campus: Campus,
    readonly idcs: IdcBuilder,
    readonly nextMeterId: () => number,
  ) {}

  /** The `index`-th meter of the plan. */
  build(planned: PlannedMeter, index: number): BuiltMeter {
    const { rng } = this;
    const template = TEMPLATES[planned.role];
    const name = this.#name(planned, template);
    const method: ConnectionMethod = index === 0 ? "tcp" : rng.pick(template.connections);
    const idc = method === "idc" ? this.idcs.of(planned.building) : undefined;
    const address = idc ? this.idcs.nextAddress(idc) : 0;
    const site = this.campus.siteOf(planned.building);
    const { deviceId, remoteAddress } = connectionDetails(
      rng,
      method,
      template,
      site,
      idc,
      address,
    );
    const status = pickStatus(rng, index);
    const mpn = meterPointNumber(rng, planned.role);
    const service = rng.chance(0.75) ? template.service : undefined;
    const meter: SimMeter = {
      id: this.nextMeterId(),
      name,
      connectionMethod: method,
      deviceId,
      meterType: template.meterType,
      remoteAddress,
      serialNumber: serialNumber(rng, planned.role),
      ...(mpn === undefined ? {} : { mpn }),
      ...(service === undefined ? {} : { service }),
      status,
      registers: [],
    };
    return { meter, idc: idc ? { idc, address } : undefined };
  }

  /** "Library Lighting": the building and the next purpose of its meters of that role. */
  #name(planned: PlannedMeter, template: MeterTemplate): string {
    const key = `${planned.building}/${planned.role}`;
    const use = this.#purposesUsed.get(key) ?? 0;
    this.#purposesUsed.set(key, use + 1);
    // Sub-meters start at a building's own place in the list, so buildings differ.
    const k = planned.role === "sub" ? planned.building * 3 + use : use;
    const purpose = template.purposes[k % template.purposes.length] as string;
    return uniqueName(this.#names, `${this.campus.buildingName(planned.building)} ${purpose}`);
  }
}

function connectionDetails(
  rng: Rng,
  method: ConnectionMethod,
  template: MeterTemplate,
  site: number,
  idc: SimIdc | undefined,
  modbusAddress: number,
): { deviceId: string; remoteAddress: string } {
  if (method === "idc" && idc)
    return { deviceId: String(modbusAddress), remoteAddress: idc.ipAddress };
  if (method === "modem")
    return { deviceId: String(rng.int(1, 99)), remoteAddress: `01632 960${rng.digits(3)}` };
  const port = rng.pick(template.role === "main" ? [5000, 5000, 4001] : [502, 502, 5000]);
  return {
    deviceId: template.role === "main" ? rng.pick(["", "1"]) : String(rng.int(1, 32)),
    remoteAddress: `10.${8 + (site % 200)}.${rng.int(1, 254)}.${rng.int(2, 254)}:${port}`,
  };
}

function serialNumber(rng: Rng, role: MeterRole): string {
  switch (role) {
    case "main":
      return `K${rng.int(10, 24)}A${rng.digits(6)}`;
    case "sub":
      return `ME-${rng.digits(10)}`;
    case "gas":
      return `PC${rng.digits(6)}`;
    case "water":
      return `6${rng.digits(7)}`;
    case "heat":
      return `KM${rng.digits(8)}`;
  }
}

function meterPointNumber(rng: Rng, role: MeterRole): string | undefined {
  if (role === "main" && rng.chance(0.7)) return `${rng.int(10, 23)}${rng.digits(11)}`;
  if (role === "gas" && rng.chance(0.6)) return rng.digits(10).replace(/^0/, "7");
  if (role === "water" && rng.chance(0.3)) return `3${rng.digits(9)}`;
  return undefined;
}

function pickStatus(rng: Rng, index: number): MeterStatus {
  if (index === 0) return "online";
  const x = rng.next();
  return x < 0.08 ? "offline" : x < 0.12 ? "disabled" : x < 0.16 ? "unknown" : "online";
}
