/**
 * `DcsSession`: the client of the legacy DCS v3 API (pythondcs's `DCSSession`), with every
 * "other function" pythondcs offers. It shares the request path, sign-in, errors, streaming
 * decoder, schemas and window planner with `DcsWebApi`.
 */
import { Account } from "../client/account.js";
import { type CallOptions, Endpoints } from "../client/endpoints.js";
import { checkId } from "../core/checks.js";
import { DcsArgumentError } from "../core/errors.js";
import type { paths } from "../generated/dcs-v3.js";
import type { LegacyReading } from "../readings/codecs.js";
import { maxWindowMs, RangeLimit } from "../readings/planner.js";
import type { Readings } from "../readings/readings.js";
import { type SignInResult, signInResultSchema } from "../schemas/account.js";
import {
  type Meter,
  meterListSchema,
  meterSchema,
  type VirtualMeter,
  virtualMeterListSchema,
  virtualMeterSchema,
} from "../schemas/estate.js";
import {
  type CalibrationReading,
  calibrationReadingsPageSchema,
  type Idc,
  type IdcSettings,
  idcListSchema,
  idcSchema,
  idcSettingsSchema,
  type MeterGroup,
  type MeterSummary,
  type MeterType,
  type ModbusCommandResult,
  type ModbusDevice,
  meterGroupSchema,
  meterSummaryListSchema,
  meterTypeListSchema,
  meterTypeSchema,
  modbusCommandResultSchema,
  modbusDeviceListSchema,
  modbusDeviceSchema,
} from "../schemas/unofficial.js";
import { type RateLimitInfo, Transport, type TransportOptions } from "../transport/transport.js";
import {
  checkLegacyReadingsRequest,
  type LegacyReadingsOptions,
  type MegaReadingsOptions,
  type ModbusAction,
  type NewModbusDevice,
} from "./arguments.js";
import { type ImportMeteredDataOptions, importMeteredData } from "./import.js";
import { byMac, toMacInt } from "./mac.js";
import { calibrationReadingOf, legacyReadings, legacyReadingsInWindows } from "./readings.js";

/** Options of {@link DcsSession}: the shared connection options (timeouts, retries, logging). */
export type DcsSessionOptions = TransportOptions;

/**
 * What `login()` resolves to: `{ username, role, appVersion }` as the server sent it, plain data
 * like `DcsWebApi.signIn`'s result. pythondcs's greeting is the session's: `String(session)`.
 */
export type LoginResult = SignInResult;

const COOKIE_PREFIX = "COHERENT-DCSV3";

/**
 * A session with the legacy DCS v3 API. `url` is the same address as the web UI
 * (e.g. `https://dcs.example.org/DCS`); calls go to `<url>/api/...`.
 *
 * ```ts
 * await using dcs = new DcsSession("https://dcs.example.org/DCS");
 * await dcs.login("user", process.env.DCS_PASSWORD!);
 * const rows = await dcs.getReadings(733, false, { start: "2024-01-01", end: "2024-02-01" });
 * ```
 */
export class DcsSession implements AsyncDisposable {
  /** The root given (the web UI address), without a trailing slash. */
  readonly url: string;
  readonly #transport: Transport;
  readonly #api: Endpoints<paths>;
  readonly #account: Account;
  readonly #rangeLimit = new RangeLimit();

  /**
   * A client of the legacy API; nothing is sent until the first call.
   * @param url - The DCS web UI address, e.g. `https://dcs.example.org/DCS`; calls go to `<url>/api/...`.
   * @param options - Connection options (timeouts, retries, logging, `fetch`).
   * @throws {@link DcsArgumentError} if the URL is not an absolute http(s) URL or holds credentials.
   */
  constructor(url: string, options: DcsSessionOptions = {}) {
    this.#transport = new Transport(url, COOKIE_PREFIX, options);
    this.url = this.#transport.baseUrl;
    this.#api = new Endpoints<paths>(this.#transport);
    this.#account = new Account(this.#transport, {
      name: "login",
      signIn: (body) => this.#api.json("POST /api/account/login", { body }, signInResultSchema),
      signOut: () => this.#api.send("POST /api/account/logout", {}),
      keepCredentials: false,
    });
  }

  /** True between a successful `login` and `logout`. */
  get isLoggedIn(): boolean {
    return this.#account.user !== undefined;
  }

  /** Who is logged in, as the server said. */
  get user(): LoginResult | undefined {
    return this.#account.user;
  }

  /** The server's `X-Rate-Limit-*` headers from the latest successful call, if it sends them. */
  get rateLimit(): RateLimitInfo | undefined {
    return this.#transport.rateLimit;
  }

  /** pythondcs's greeting while logged in, e.g. "Successfully logged in to DCS 3.0.9 as 'x' with Viewer privileges". */
  toString(): string {
    const user = this.user;
    if (!user) return `Not logged in to DCS at ${this.url}`;
    const version = user.appVersion ? ` ${user.appVersion}` : "";
    return `Successfully logged in to DCS${version} as '${user.username}' with ${user.role} privileges`;
  }

  /**
   * Logs in; logs out first if already logged in. A refusal raises `DcsAuthError` and leaves
   * the session ready for another `login`.
   */
  login(username: string, password: string): Promise<LoginResult> {
    return this.#account.signIn(username, password);
  }

  /** Logs out. Never throws; the local session is cleared whatever the server says. */
  logout(): Promise<void> {
    return this.#account.signOut();
  }

  /** `await using dcs = new DcsSession(...)` logs out at the end of the block. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.logout();
  }

  /** All meters with their registers, or the one with `id`. */
  getMeters(id?: undefined, options?: CallOptions): Promise<Meter[]>;
  getMeters(id: number, options?: CallOptions): Promise<Meter>;
  async getMeters(id?: number, options: CallOptions = {}): Promise<Meter | Meter[]> {
    if (id === undefined) return this.#api.json("GET /api/meters", {}, meterListSchema, options);
    const path = { id: checkId(id, "meter id") };
    return this.#api.json("GET /api/meters/{id}", { params: { path } }, meterSchema, options);
  }

  /** All virtual meters, or the one with `id`. */
  getVms(id?: undefined, options?: CallOptions): Promise<VirtualMeter[]>;
  getVms(id: number, options?: CallOptions): Promise<VirtualMeter>;
  async getVms(id?: number, options: CallOptions = {}): Promise<VirtualMeter | VirtualMeter[]> {
    if (id === undefined) {
      return this.#api.json("GET /api/virtualMeters", {}, virtualMeterListSchema, options);
    }
    const params = { path: { id: checkId(id, "virtual meter id") } };
    return this.#api.json("GET /api/virtualMeters/{id}", { params }, virtualMeterSchema, options);
  }

  /**
   * Readings of a register (`isVirtual` false) or virtual meter. With `iterator: true` the
   * result streams from the socket as an `AsyncIterable` (until you start to read it, the
   * request does not block this session's other calls: see `maxConcurrent`); otherwise it is
   * one array.
   */
  getReadings(
    id: number,
    isVirtual: boolean,
    options: LegacyReadingsOptions & { iterator: true },
  ): Promise<Readings<LegacyReading>>;
  getReadings(
    id: number,
    isVirtual?: boolean,
    options?: LegacyReadingsOptions & { iterator?: false },
  ): Promise<LegacyReading[]>;
  async getReadings(
    id: number,
    isVirtual = false,
    options: LegacyReadingsOptions & { iterator?: boolean } = {},
  ): Promise<Readings<LegacyReading> | LegacyReading[]> {
    const request = checkLegacyReadingsRequest(id, isVirtual, options);
    const readings = await legacyReadings(this.#api, request, options.signal);
    return options.iterator ? readings : readings.toArray();
  }

  /**
   * `getReadings` over a long range, fetched in windows of at most `maxWindowDays` aligned to
   * the integration period, presented as one array or stream without gaps or duplicates.
   * Start defaults to today (UTC), end to one day later.
   */
  getMegaReadings(
    id: number,
    isVirtual: boolean,
    options: MegaReadingsOptions & { iterator: true },
  ): Promise<Readings<LegacyReading>>;
  getMegaReadings(
    id: number,
    isVirtual?: boolean,
    options?: MegaReadingsOptions & { iterator?: false },
  ): Promise<LegacyReading[]>;
  async getMegaReadings(
    id: number,
    isVirtual = false,
    options: MegaReadingsOptions & { iterator?: boolean } = {},
  ): Promise<Readings<LegacyReading> | LegacyReading[]> {
    const maxSpanMs = maxWindowMs(options.maxWindowDays ?? 549);
    const request = checkLegacyReadingsRequest(id, isVirtual, options);
    const window = { maxSpanMs, rangeLimit: this.#rangeLimit };
    const readings = await legacyReadingsInWindows(this.#api, request, window, options.signal);
    return options.iterator ? readings : readings.toArray();
  }

  /**
   * Imports a metered data CSV (Format 1 or 2; `toMeteredDataCsv` writes 2), overwriting stored
   * readings of its registers and times. **Risky**: unofficial; an Administrator's call.
   */
  importMeteredData(csv: string, options: ImportMeteredDataOptions = {}): Promise<void> {
    return importMeteredData(this.#api, csv, options);
  }

  // pythondcs's "other functions": undocumented endpoints, reverse engineered from the web UI.
  // Use at your own risk; their behaviour may change with any DCS release.

  /** All IDCs, or the one with this MAC. Unofficial endpoint. */
  getIdcs(mac?: undefined, options?: CallOptions): Promise<Idc[]>;
  getIdcs(mac: number | string, options?: CallOptions): Promise<Idc>;
  async getIdcs(mac?: number | string, options: CallOptions = {}): Promise<Idc | Idc[]> {
    if (mac === undefined) return this.#api.json("GET /api/Idcs", {}, idcListSchema, options);
    return this.#api.json("GET /api/Idcs/{macAddress}", byMac(mac), idcSchema, options);
  }

  /** The settings of the IDC with this MAC. Unofficial endpoint. */
  async getIdcSettings(mac: number | string, options: CallOptions = {}): Promise<IdcSettings> {
    return this.#api.json(
      "GET /api/Idcs/settings/{macAddress}",
      byMac(mac),
      idcSettingsSchema,
      options,
    );
  }

  /**
   * Replaces the settings of an IDC. **Risky**: unofficial, and any setting left out is reset
   * to zero or blank, so read with `getIdcSettings`, change, and write back the whole object.
   */
  async updateIdcSettings(
    mac: number | string,
    settings: IdcSettings,
    options: CallOptions = {},
  ): Promise<void> {
    const body = { macAddress: toMacInt(mac), idcSettings: settings };
    return this.#api.send("PUT /api/Idcs/settings", { body }, options);
  }

  /** The Modbus devices under an IDC. Unofficial endpoint. */
  async getModbusDevicesByIdc(
    mac: number | string,
    options: CallOptions = {},
  ): Promise<ModbusDevice[]> {
    return this.#api.json(
      "GET /api/ModbusDevices/byIdc/{macAddress}",
      byMac(mac),
      modbusDeviceListSchema,
      options,
    );
  }

  /** One Modbus device. Unofficial endpoint. */
  async getModbusDevice(id: number, options: CallOptions = {}): Promise<ModbusDevice> {
    const params = { path: { id: checkId(id, "Modbus device id") } };
    return this.#api.json("GET /api/ModbusDevices/{id}", { params }, modbusDeviceSchema, options);
  }

  /** Adds a Modbus device to an IDC and returns it. **Risky**: unofficial, changes the server. */
  async addModbusDevice(device: NewModbusDevice, options: CallOptions = {}): Promise<ModbusDevice> {
    const body = { ...device, macAddress: toMacInt(device.macAddress) };
    return this.#api.json("POST /api/ModbusDevices", { body }, modbusDeviceSchema, options);
  }

  /**
   * Replaces a Modbus device and returns it. **Risky**: unofficial, and fields left out are
   * reset, so read-modify-write the whole object.
   */
  async updateModbusDevice(device: ModbusDevice, options: CallOptions = {}): Promise<ModbusDevice> {
    return this.#api.json("PUT /api/ModbusDevices", { body: device }, modbusDeviceSchema, options);
  }

  /**
   * Sends a command to a Modbus device: `"testComms"`, or for pulse counters and radio
   * receivers `"setup"` / `"resetBuffer"`. **Risky**: unofficial, acts on real equipment.
   */
  async commandModbusDevice(
    id: number,
    action: ModbusAction,
    options: CallOptions = {},
  ): Promise<ModbusCommandResult> {
    if (action !== "testComms" && action !== "setup" && action !== "resetBuffer") {
      throw new DcsArgumentError(
        `action must be "testComms", "setup" or "resetBuffer", got ${JSON.stringify(action)}`,
      );
    }
    const body = { id: checkId(id, "Modbus device id"), action };
    return this.#api.json(
      "POST /api/ModbusDevices/command",
      { body },
      modbusCommandResultSchema,
      options,
    );
  }

  /** Deletes a Modbus device. **Risky**: unofficial and irreversible. */
  async deleteModbusDevice(id: number, options: CallOptions = {}): Promise<void> {
    const params = { path: { id: checkId(id, "Modbus device id") } };
    return this.#api.send("DELETE /api/ModbusDevices/{id}", { params }, options);
  }

  /**
   * The meter tree from group `id` (0 = the root): groups, meters, registers and virtual
   * meters. Unofficial endpoint.
   */
  async getMeterTree(
    options: {
      id?: number;
      recursively?: boolean;
      groupsOnly?: boolean;
      withoutRegister?: boolean;
    } & CallOptions = {},
  ): Promise<MeterGroup> {
    const { id = 0, recursively = true, groupsOnly = false, withoutRegister = false } = options;
    const params = {
      path: { id: checkId(id, "group id") },
      query: { recursively, groupsOnly, withoutRegister },
    };
    return this.#api.json("GET /api/MeterGroups/{id}", { params }, meterGroupSchema, options);
  }

  /** Calibration readings of a register, their zone-less times read as UTC. Unofficial endpoint. */
  async getCalibrationReadings(
    registerId: number,
    options: { startIndex?: number; maxCount?: number } & CallOptions = {},
  ): Promise<CalibrationReading[]> {
    const { startIndex = 0, maxCount = 2 ** 31 - 1 } = options;
    const query = { registerId: checkId(registerId, "register id"), startIndex, maxCount };
    const page = await this.#api.json(
      "GET /api/CalibrationReadings",
      { params: { query } },
      calibrationReadingsPageSchema,
      options,
    );
    return page.calibrationReadings.map(calibrationReadingOf);
  }

  /** The meters (without registers) under an IDC. Unofficial endpoint. */
  async getMetersByIdc(mac: number | string, options: CallOptions = {}): Promise<MeterSummary[]> {
    return this.#api.json(
      "GET /api/Meters/byIdc/{macAddress}",
      byMac(mac),
      meterSummaryListSchema,
      options,
    );
  }

  /**
   * Replaces a meter and returns it. **Risky**: unofficial, and fields left out are reset, so
   * read with `getMeters(id)`, change, and write back the whole object.
   */
  async updateMeter(meter: Meter, options: CallOptions = {}): Promise<Meter> {
    return this.#api.json("PUT /api/Meters", { body: meter }, meterSchema, options);
  }

  /** All meter types with their register types, or the one with `id`. Unofficial endpoint. */
  getMeterTypes(id?: undefined, options?: CallOptions): Promise<MeterType[]>;
  getMeterTypes(id: number, options?: CallOptions): Promise<MeterType>;
  async getMeterTypes(id?: number, options: CallOptions = {}): Promise<MeterType | MeterType[]> {
    if (id === undefined)
      return this.#api.json("GET /api/MeterTypes", {}, meterTypeListSchema, options);
    const params = { path: { id: checkId(id, "meter type id") } };
    return this.#api.json("GET /api/MeterTypes/{id}", { params }, meterTypeSchema, options);
  }

  /** Adds registers of the given register types to a meter. **Risky**: unofficial, changes the server. */
  async addRegisters(
    meterId: number,
    registerTypeIds: number[],
    options: CallOptions = {},
  ): Promise<void> {
    if (!Array.isArray(registerTypeIds) || registerTypeIds.length === 0) {
      throw new DcsArgumentError("addRegisters needs a non-empty array of register type ids");
    }
    const body = {
      meterId: checkId(meterId, "meter id"),
      registerTypeIds: registerTypeIds.map((t) => checkId(t, "register type id")),
    };
    return this.#api.send("POST /api/Registers/add", { body }, options);
  }
}
