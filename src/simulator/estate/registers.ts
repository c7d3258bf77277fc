/**
 * The registers of each meter, from its template: what each measures and how its readings
 * are made, with the resets and calibrations that make them interesting. Some meters surely
 * have a reset and calibrations, so that every estate shows both.
 */
import { HALF_HOUR_MS, HOUR_MS, MINUTE_MS } from "../../core/periods.js";
import type { SimCalibration, SimMeter, SimRegister } from "../types.js";
import { quietSlot } from "./gaps.js";
import type { MeterTemplate, RegisterTemplate } from "./names.js";
import { hash2, type Rng } from "./random.js";
import type { RegisterRecord } from "./records.js";
import type { CalibrationSpec, GapSpec, ResetSpec } from "./series.js";

/** A meter about to get its registers. */
export interface MeterToFill {
  meter: SimMeter;
  template: MeterTemplate;
  gaps: readonly GapSpec[];
  /** The plan's first meter: it gets all its template's registers. */
  first: boolean;
  surelyReset: boolean;
  surelyCalibrated: boolean;
}

export class RegisterBuilder {
  readonly records = new Map<number, RegisterRecord>();
  readonly calibrations: SimCalibration[] = [];

  constructor(
    readonly rng: Rng,
    readonly seed: number,
    readonly dataStart: number,
    readonly slots: number,
    readonly nextRegisterId: () => number,
  ) {}

  /** Adds the meter's registers, to `meter.registers` and to the records. */
  fill({ meter, template, gaps, first, surelyReset, surelyCalibrated }: MeterToFill): void {
    const { rng, slots } = this;
    const size = rng.range(template.size[0], template.size[1]);
    const [fewest, most] = template.registerCount;
    const count = first ? most : rng.int(fewest, most);
    const resetSlot = surelyReset || rng.chance(0.15) ? quietSlot(rng, slots, gaps, []) : undefined;
    const pulses = template.role === "gas" || template.role === "water";
    const calibrated = surelyCalibrated || (pulses && rng.chance(0.5));
    template.registers.slice(0, count).forEach((t, k) => {
      const register = this.#register(t);
      meter.registers.push(register);
      const scale = t.absolute ? t.scale : t.scale * size;
      const resets: ResetSpec[] = [];
      if (!t.instantaneous && resetSlot !== undefined) {
        const opening = rng.chance(0.6) ? 0 : Math.round(rng.range(0, 500) * t.ticksPerUnit);
        resets.push({ slot: resetSlot, openingTicks: opening });
      }
      const calibrations =
        !t.instantaneous && k === 0 && calibrated
          ? this.#calibrations(register.id, t, gaps, resetSlot)
          : [];
      this.records.set(register.id, {
        register,
        meterId: meter.id,
        spec: {
          seed: hash2(this.seed, register.id),
          kind: t.kind,
          instantaneous: t.instantaneous,
          scale,
          ticksPerUnit: t.ticksPerUnit,
          openingTicks: t.instantaneous
            ? 0
            : Math.round(rng.range(500, 20000) * scale * t.ticksPerUnit),
          resets,
          calibrations,
        },
      });
    });
  }

  #register(t: RegisterTemplate): SimRegister {
    const { rng } = this;
    return {
      id: this.nextRegisterId(),
      address: t.address,
      isInstantaneous: t.instantaneous,
      name: t.name,
      scaleFactor:
        t.ticksPerUnit === 100
          ? rng.pick(["", "0.01"])
          : t.ticksPerUnit === 10
            ? rng.pick(["", "0.1"])
            : "",
      defaultScaleFactor: "1",
      unit: t.unit,
    };
  }

  /** One to three calibrations, away from gaps and the reset; also kept for the estate view. */
  #calibrations(
    registerId: number,
    t: RegisterTemplate,
    gaps: readonly GapSpec[],
    resetSlot: number | undefined,
  ): CalibrationSpec[] {
    const { rng } = this;
    const taken: number[] = resetSlot === undefined ? [] : [resetSlot];
    const specs: CalibrationSpec[] = [];
    for (let n = rng.int(1, 3); n > 0; n--) {
      const slot = quietSlot(rng, this.slots, gaps, taken);
      if (slot === undefined) continue;
      taken.push(slot);
      let offset = Math.round(rng.range(-500, 25000));
      if (offset === 0) offset = 100;
      specs.push({ startSlot: slot, offsetTicks: offset * t.ticksPerUnit });
    }
    specs.sort((a, b) => a.startSlot - b.startSlot);
    for (const c of specs) {
      const startTime = this.dataStart + c.startSlot * HALF_HOUR_MS;
      // Read by hand some hours after the offset starts to apply.
      const timestamp =
        startTime + rng.int(2, 72) * HOUR_MS + rng.pick([0, 15, 30, 45, 10, 50]) * MINUTE_MS;
      this.calibrations.push({
        registerId,
        startTime,
        timestamp,
        offset: c.offsetTicks / t.ticksPerUnit,
      });
    }
    return specs;
  }
}
