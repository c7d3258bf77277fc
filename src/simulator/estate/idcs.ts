/**
 * The IDCs (data concentrators), one per building that has meters wired to one, with their
 * settings and the Modbus devices on their bus: one per wired meter, and sometimes a radio
 * receiver for wireless pulse meters.
 */
import type { SimIdc, SimIdcSettings, SimModbusDevice } from "../types.js";
import type { Campus } from "./campus.js";
import { hash2, type Rng } from "./random.js";

export class IdcBuilder {
  readonly idcs: SimIdc[] = [];
  readonly settings = new Map<number, SimIdcSettings>();
  readonly devices: SimModbusDevice[] = [];
  readonly #ofBuilding = new Map<number, SimIdc>();
  readonly #macs = new Set<number>();
  /** The highest Modbus address taken on each IDC's bus. */
  readonly #addresses = new Map<number, number>();

  constructor(
    readonly rng: Rng,
    readonly seed: number,
    readonly campus: Campus,
    readonly nextDeviceId: () => number,
  ) {}

  /** The IDC of a building, made on first use. */
  of(building: number): SimIdc {
    const made = this.#ofBuilding.get(building);
    if (made) return made;
    let mac = 0x0050c2000000 + (hash2(this.seed, building) & 0xffffff);
    while (this.#macs.has(mac)) mac++;
    this.#macs.add(mac);
    const site = this.campus.siteOf(building);
    const ipAddress = `10.20.${site % 250}.${10 + (this.idcs.length % 240)}`;
    const idc: SimIdc = {
      macAddress: mac,
      name: `${this.campus.buildingName(building)} IDC`,
      ipAddress,
      status: this.rng.chance(0.9) ? "online" : "offline",
    };
    this.idcs.push(idc);
    this.#ofBuilding.set(building, idc);
    this.settings.set(mac, {
      macAddress: mac,
      name: idc.name,
      ipAddress,
      subnetMask: "255.255.255.0",
      gateway: `10.20.${site % 250}.1`,
      dnsServer: "10.20.0.53",
      ntpServer: "pool.ntp.org",
      dhcpEnabled: false,
      pollIntervalMinutes: 30,
      modbusBaudRate: 9600,
      modbusParity: "none",
      modbusStopBits: 1,
      timeZone: "GMT Standard Time",
      firmwareVersion: `2.${this.rng.int(1, 4)}.${this.rng.int(0, 9)}`,
    });
    return idc;
  }

  /** The next free Modbus address on an IDC's bus, taken. */
  nextAddress(idc: SimIdc): number {
    const address = (this.#addresses.get(idc.macAddress) ?? 0) + 1;
    this.#addresses.set(idc.macAddress, address);
    return address;
  }

  /** The Modbus device of a meter wired to an IDC. */
  addMeterDevice(idc: SimIdc, address: number, meterName: string, pulses: boolean): void {
    this.devices.push({
      id: this.nextDeviceId(),
      address,
      description: `${meterName} ${pulses ? "pulse counter" : "meter"}`,
      serialNumber: `MB${this.rng.digits(7)}`,
      deviceType: pulses ? "pulseCounter" : "modbusMeter",
      macAddress: idc.macAddress,
    });
  }

  /** Each IDC may also have a radio receiver for wireless pulse meters. */
  addRadioReceivers(): void {
    for (const idc of this.idcs) {
      if (!this.rng.chance(0.3)) continue;
      const address = this.nextAddress(idc);
      this.devices.push({
        id: this.nextDeviceId(),
        address,
        description: `${idc.name.replace(/ IDC$/, "")} radio receiver`,
        serialNumber: `RR${this.rng.digits(6)}`,
        deviceType: "radioReceiver",
        macAddress: idc.macAddress,
      });
    }
  }
}
