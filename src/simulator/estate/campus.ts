/**
 * The campus the estate stands on: buildings in a seeded order, grouped into sites, the meters
 * each building gets, and the meter tree (root, sites, buildings) that files them.
 */
import type { SimMeterGroup } from "../types.js";
import { BUILDING_EXTRAS, BUILDINGS, type MeterRole, SITES } from "./names.js";
import type { Rng } from "./random.js";

export interface PlannedMeter {
  role: MeterRole;
  /** The building's number: 0, 1, 2… in the campus's order. */
  building: number;
}

/** The building names in a seeded order (a Fisher-Yates shuffle). */
export function shuffledBuildings(rng: Rng): string[] {
  const order = [...BUILDINGS];
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [order[i], order[j]] = [order[j] as string, order[i] as string];
  }
  return order;
}

/** Meters per building: a main incomer, then sub-meters and utilities. */
export function planMeters(rng: Rng, count: number): PlannedMeter[] {
  const plan: PlannedMeter[] = [];
  for (let b = 0; plan.length < count; b++) {
    plan.push({ role: "main", building: b });
    const extras = rng.int(2, 6);
    for (let k = 0; k < extras && plan.length < count; k++) {
      plan.push({ role: BUILDING_EXTRAS[k] as MeterRole, building: b });
    }
  }
  return plan;
}

const WINGS = ["", " Annexe", " East Wing", " West Wing", " North Block", " South Block"];

export class Campus {
  constructor(
    readonly buildingOrder: readonly string[],
    readonly buildingsPerSite: number,
  ) {}

  /** Building names repeat with a wing once the list runs out, then with a block number. */
  buildingName(building: number): string {
    const order = this.buildingOrder;
    const base = order[building % order.length] as string;
    const cycle = Math.floor(building / order.length);
    return cycle < WINGS.length ? `${base}${WINGS[cycle]}` : `${base} Block ${cycle}`;
  }

  siteOf(building: number): number {
    return Math.floor(building / this.buildingsPerSite);
  }

  siteName(site: number): string {
    const base = SITES[site % SITES.length] as string;
    return site < SITES.length ? base : `${base} ${Math.floor(site / SITES.length) + 1}`;
  }
}

/** The meter tree as a flat list of groups, made as buildings get their first meter. */
export class MeterTree {
  readonly groups: SimMeterGroup[] = [
    { id: 0, name: "All Meters", parentId: null, meterIds: [], virtualMeterIds: [] },
  ];
  readonly #sites = new Map<number, SimMeterGroup>();
  readonly #buildings = new Map<number, SimMeterGroup>();

  constructor(readonly campus: Campus) {}

  get root(): SimMeterGroup {
    return this.groups[0] as SimMeterGroup;
  }

  /** The group of a building, made (with its site's) on first use. */
  building(building: number): SimMeterGroup {
    let group = this.#buildings.get(building);
    if (group) return group;
    const site = this.#site(this.campus.siteOf(building));
    group = this.#add(this.campus.buildingName(building), site.id);
    this.#buildings.set(building, group);
    return group;
  }

  #site(site: number): SimMeterGroup {
    let group = this.#sites.get(site);
    if (!group) {
      group = this.#add(this.campus.siteName(site), 0);
      this.#sites.set(site, group);
    }
    return group;
  }

  #add(name: string, parentId: number): SimMeterGroup {
    const group = { id: this.groups.length, name, parentId, meterIds: [], virtualMeterIds: [] };
    this.groups.push(group);
    return group;
  }
}
