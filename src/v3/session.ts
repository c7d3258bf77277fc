/**
 * `DcsSession`: the client of the legacy DCS v3 API (the seed's `DCSSession`), with every
 * "other function" the seed offers. It shares the transport, errors, streaming decoder,
 * schemas and chunk planner with `DcsWebApi`.
 */
import * as z from "zod/mini";
import { checkId } from "../core/checks.js";
import { DcsArgumentError, keepSecret } from "../core/errors.js";
import { DAY_MS } from "../core/periods.js";
import { parseIsoDateTime } from "../core/time.js";
import type { paths } from "../generated/dcs-v3.js";
import { ReadingsBodySource } from "../readings/body.js";
import { legacyReadingCodec } from "../readings/codecs.js";
import { maxWindowMs, RangeLimit, WindowChain } from "../readings/planner.js";
import { type BatchSource, Readings } from "../readings/readings.js";
import { newSequence, type ReadingsSpan, SpanCheck } from "../readings/span.js";
import { signInResultSchema } from "../schemas/account.js";
import { meterSchema, virtualMeterSchema } from "../schemas/estate.js";
import type {
  CalibrationReading,
  Idc,
  IdcSettings,
  LegacyReading,
  Meter,
  MeterGroup,
  MeterSummary,
  MeterType,
  ModbusCommandResult,
  ModbusDevice,
  SignInResult,
  VirtualMeter,
} from "../schemas/types.js";
import {
  calibrationReadingsPageSchema,
  idcSchema,
  idcSettingsSchema,
  meterGroupSchema,
  meterSummarySchema,
  meterTypeSchema,
  modbusCommandResultSchema,
  modbusDeviceSchema,
} from "../schemas/unofficial.js";
import { type ApiClient, createApiClient } from "../transport/api-client.js";
import { takeBody } from "../transport/body.js";
import { displayUrl } from "../transport/errors-from-response.js";
import { discardBody, readJson } from "../transport/json.js";
import { type RateLimitInfo, Transport, type TransportOptions } from "../transport/transport.js";
import {
  checkLegacyReadingsRequest,
  type LegacyReadingsOptions,
  type LegacyReadingsRequest,
  legacyReadingsQuery,
  legacyReadingsWindow,
} from "./arguments.js";
import { toMacInt } from "./mac.js";

/** Options of {@link DcsSession}: the shared connection options (timeouts, retries, logging). */
export type DcsSessionOptions = TransportOptions;

/**
 * What `login()` resolves to: `{ username, role, appVersion }` as the server sent it, plain data
 * like `DcsWebApi.signIn`'s result. The seed's greeting is the session's: `String(session)`.
 */
export type LoginResult = SignInResult;

/** Options of `getMegaReadings()`. */
export interface MegaReadingsOptions extends LegacyReadingsOptions {
  /**
   * Longest span of one request, in days (default 549, about 18 months, as the seed). Halved
   * automatically if the server refuses it as too long; the session remembers what it learned.
   */
  maxWindowDays?: number;
}

/** A new Modbus device: the fields the server requires. */
export interface NewModbusDevice {
  address: number;
  description: string;
  serialNumber: string;
  deviceType: "pulseCounter" | "radioReceiver";
  /** The IDC's MAC, as an integer or `"00:1A:2B:3C:4D:5E"`. */
  macAddress: number | string;
  [key: string]: unknown;
}

/** A command for `commandModbusDevice`: test communication, push the setup, or clear its buffer. */
export type ModbusAction = "testComms" | "setup" | "resetBuffer";

const COOKIE_PREFIX = "COHERENT-DCSV3";

type Signal = { signal?: AbortSignal };

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
  readonly #client: ApiClient<paths>;
  readonly #rangeLimit = new RangeLimit();
  #user: LoginResult | undefined;

  /**
   * A client of the legacy API; nothing is sent until the first call.
   * @param url - The DCS web UI address, e.g. `https://dcs.example.org/DCS`; calls go to `<url>/api/...`.
   * @param options - Connection options (timeouts, retries, logging, `fetch`).
   * @throws {@link DcsArgumentError} if the URL is not an absolute http(s) URL or holds credentials.
   */
  constructor(url: string, options: DcsSessionOptions = {}) {
    this.#transport = new Transport(url, COOKIE_PREFIX, options);
    this.url = this.#transport.baseUrl;
    this.#client = createApiClient<paths>(this.#transport);
  }

  /** True between a successful `login` and `logout`. */
  get isLoggedIn(): boolean {
    return this.#user !== undefined;
  }

  /** Who is logged in, as the server said. */
  get user(): LoginResult | undefined {
    return this.#user;
  }

  /** The server's `X-Rate-Limit-*` headers from the latest successful call, if it sends them. */
  get rateLimit(): RateLimitInfo | undefined {
    return this.#transport.rateLimit;
  }

  /** The seed's greeting while logged in, e.g. "Successfully logged in to DCS 3.0.9 as 'x' with Viewer privileges". */
  toString(): string {
    const user = this.#user;
    if (!user) return `Not logged in to DCS at ${this.url}`;
    const version = user.appVersion ? ` ${user.appVersion}` : "";
    return `Successfully logged in to DCS${version} as '${user.username}' with ${user.role} privileges`;
  }

  /**
   * Logs in; logs out first if already logged in. A refusal raises `DcsAuthError` and leaves
   * the session ready for another `login`.
   */
  async login(username: string, password: string): Promise<LoginResult> {
    if (typeof username !== "string" || typeof password !== "string" || username === "") {
      throw new DcsArgumentError("login needs a username and a password (strings)");
    }
    this.#transport.assertCredentialsAllowed();
    if (this.isLoggedIn) await this.logout();
    this.#transport.credentials = "include";
    const forget = keepSecret(password); // a server may quote it back in a refusal
    try {
      const { response } = await this.#client.POST("/api/account/login", {
        body: { username, password },
        parseAs: "stream",
      });
      this.#user = await readJson(response, signInResultSchema, "login result", "POST");
    } catch (error) {
      this.#transport.credentials = "same-origin";
      throw error;
    } finally {
      forget();
    }
    return this.#user;
  }

  /** Logs out. Never throws; the local session is cleared whatever the server says. */
  async logout(): Promise<void> {
    try {
      if (this.isLoggedIn)
        await discardBody(await this.#client.POST("/api/account/logout", { parseAs: "stream" }));
    } catch {
      // Best effort, as in the seed: the session is forgotten locally either way.
    } finally {
      this.#user = undefined;
      this.#transport.cookie.clear();
      this.#transport.credentials = "same-origin";
    }
  }

  /** `await using dcs = new DcsSession(...)` logs out at the end of the block. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.logout();
  }

  /** All meters with their registers, or the one with `id`. */
  getMeters(id?: undefined, options?: Signal): Promise<Meter[]>;
  getMeters(id: number, options?: Signal): Promise<Meter>;
  async getMeters(id?: number, options: Signal = {}): Promise<Meter | Meter[]> {
    const { signal } = options;
    if (id === undefined) {
      const { response } = await this.#client.GET("/api/meters", { parseAs: "stream", signal });
      return readJson(response, z.array(meterSchema), "meters");
    }
    const { response } = await this.#client.GET("/api/meters/{id}", {
      params: { path: { id: checkId(id, "meter id") } },
      parseAs: "stream",
      signal,
    });
    return readJson(response, meterSchema, "meter");
  }

  /** All virtual meters, or the one with `id`. */
  getVms(id?: undefined, options?: Signal): Promise<VirtualMeter[]>;
  getVms(id: number, options?: Signal): Promise<VirtualMeter>;
  async getVms(id?: number, options: Signal = {}): Promise<VirtualMeter | VirtualMeter[]> {
    const { signal } = options;
    if (id === undefined) {
      const { response } = await this.#client.GET("/api/virtualMeters", {
        parseAs: "stream",
        signal,
      });
      return readJson(response, z.array(virtualMeterSchema), "virtual meters");
    }
    const { response } = await this.#client.GET("/api/virtualMeters/{id}", {
      params: { path: { id: checkId(id, "virtual meter id") } },
      parseAs: "stream",
      signal,
    });
    return readJson(response, virtualMeterSchema, "virtual meter");
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
    const readings = new Readings(await this.#openReadings(request, options.signal, newSequence()));
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
    const span = maxWindowMs(options.maxWindowDays ?? 549);
    const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    const request = checkLegacyReadingsRequest(id, isVirtual, options);
    const start = request.start ?? today;
    const end = request.end ?? start + DAY_MS;
    if (end <= start) throw new DcsArgumentError("end must be after start (the end is exclusive)");
    const sequence = newSequence();
    const chain = await WindowChain.open<LegacyReading>({
      start,
      end,
      period: request.period,
      maxSpanMs: span,
      rangeLimit: this.#rangeLimit,
      signal: options.signal,
      open: async (windowStart, windowEnd, signal) => ({
        source: await this.#openReadings(
          { ...request, start: windowStart, end: windowEnd },
          signal,
          sequence,
        ),
      }),
    });
    const readings = new Readings(chain);
    return options.iterator ? readings : readings.toArray();
  }

  /** Sends a readings request; its readings must go forward from `sequence` within its window. */
  async #openReadings(
    request: LegacyReadingsRequest,
    signal: AbortSignal | undefined,
    sequence: ReadingsSpan["sequence"],
  ): Promise<BatchSource<LegacyReading>> {
    const query = legacyReadingsQuery(request);
    const response = request.isVirtual
      ? await this.#client.streamGet(
          "/api/virtualMeterReadings/list",
          { ...query, virtualMeterId: request.id },
          signal,
        )
      : await this.#client.streamGet(
          "/api/registerReadings/list",
          { ...query, registerId: request.id },
          signal,
        );
    const context = { method: "GET", url: displayUrl(response.url), status: response.status };
    const source = new ReadingsBodySource({
      body: takeBody(response),
      location: "root",
      codec: legacyReadingCodec,
      context,
      signal,
    });
    try {
      await source.open();
      return new SpanCheck(source, {
        span: { ...legacyReadingsWindow(request), sequence },
        timeOf: legacyReadingCodec.timeOf,
        location: "root",
        context,
      });
    } catch (error) {
      await source.cancel(error);
      throw error;
    }
  }

  // ---------------------------------------------------------------------------------------
  // The seed's "other functions": undocumented endpoints, reverse engineered from the web UI.
  // Use at your own risk; their behaviour may change with any DCS release.
  // ---------------------------------------------------------------------------------------

  /** All IDCs, or the one with this MAC. Unofficial endpoint. */
  getIdcs(mac?: undefined, options?: Signal): Promise<Idc[]>;
  getIdcs(mac: number | string, options?: Signal): Promise<Idc>;
  async getIdcs(mac?: number | string, options: Signal = {}): Promise<Idc | Idc[]> {
    const { signal } = options;
    if (mac === undefined) {
      const { response } = await this.#client.GET("/api/Idcs", { parseAs: "stream", signal });
      return readJson(response, z.array(idcSchema), "IDCs");
    }
    const { response } = await this.#client.GET("/api/Idcs/{macAddress}", {
      params: { path: { macAddress: toMacInt(mac) } },
      parseAs: "stream",
      signal,
    });
    return readJson(response, idcSchema, "IDC");
  }

  /** The settings of the IDC with this MAC. Unofficial endpoint. */
  async getIdcSettings(mac: number | string, options: Signal = {}): Promise<IdcSettings> {
    const { response } = await this.#client.GET("/api/Idcs/settings/{macAddress}", {
      params: { path: { macAddress: toMacInt(mac) } },
      parseAs: "stream",
      signal: options.signal,
    });
    return readJson(response, idcSettingsSchema, "IDC settings");
  }

  /**
   * Replaces the settings of an IDC. **Risky**: unofficial, and any setting left out is reset
   * to zero or blank, so read with `getIdcSettings`, change, and write back the whole object.
   */
  async updateIdcSettings(
    mac: number | string,
    settings: IdcSettings,
    options: Signal = {},
  ): Promise<void> {
    await discardBody(
      await this.#client.PUT("/api/Idcs/settings", {
        body: { macAddress: toMacInt(mac), idcSettings: settings },
        parseAs: "stream",
        signal: options.signal,
      }),
    );
  }

  /** The Modbus devices under an IDC. Unofficial endpoint. */
  async getModbusDevicesByIdc(mac: number | string, options: Signal = {}): Promise<ModbusDevice[]> {
    const { response } = await this.#client.GET("/api/ModbusDevices/byIdc/{macAddress}", {
      params: { path: { macAddress: toMacInt(mac) } },
      parseAs: "stream",
      signal: options.signal,
    });
    return readJson(response, z.array(modbusDeviceSchema), "Modbus devices");
  }

  /** One Modbus device. Unofficial endpoint. */
  async getModbusDevice(id: number, options: Signal = {}): Promise<ModbusDevice> {
    const { response } = await this.#client.GET("/api/ModbusDevices/{id}", {
      params: { path: { id: checkId(id, "Modbus device id") } },
      parseAs: "stream",
      signal: options.signal,
    });
    return readJson(response, modbusDeviceSchema, "Modbus device");
  }

  /** Adds a Modbus device to an IDC and returns it. **Risky**: unofficial, changes the server. */
  async addModbusDevice(device: NewModbusDevice, options: Signal = {}): Promise<ModbusDevice> {
    const { response } = await this.#client.POST("/api/ModbusDevices", {
      body: { ...device, macAddress: toMacInt(device.macAddress) },
      parseAs: "stream",
      signal: options.signal,
    });
    return readJson(response, modbusDeviceSchema, "Modbus device", "POST");
  }

  /**
   * Replaces a Modbus device and returns it. **Risky**: unofficial, and fields left out are
   * reset, so read-modify-write the whole object.
   */
  async updateModbusDevice(device: ModbusDevice, options: Signal = {}): Promise<ModbusDevice> {
    const { response } = await this.#client.PUT("/api/ModbusDevices", {
      body: device,
      parseAs: "stream",
      signal: options.signal,
    });
    return readJson(response, modbusDeviceSchema, "Modbus device", "PUT");
  }

  /**
   * Sends a command to a Modbus device: `"testComms"`, or for pulse counters and radio
   * receivers `"setup"` / `"resetBuffer"`. **Risky**: unofficial, acts on real equipment.
   */
  async commandModbusDevice(
    id: number,
    action: ModbusAction,
    options: Signal = {},
  ): Promise<ModbusCommandResult> {
    if (action !== "testComms" && action !== "setup" && action !== "resetBuffer") {
      throw new DcsArgumentError(
        `action must be "testComms", "setup" or "resetBuffer", got ${JSON.stringify(action)}`,
      );
    }
    const { response } = await this.#client.POST("/api/ModbusDevices/command", {
      body: { id: checkId(id, "Modbus device id"), action },
      parseAs: "stream",
      signal: options.signal,
    });
    return readJson(response, modbusCommandResultSchema, "command result", "POST");
  }

  /** Deletes a Modbus device. **Risky**: unofficial and irreversible. */
  async deleteModbusDevice(id: number, options: Signal = {}): Promise<void> {
    await discardBody(
      await this.#client.DELETE("/api/ModbusDevices/{id}", {
        params: { path: { id: checkId(id, "Modbus device id") } },
        parseAs: "stream",
        signal: options.signal,
      }),
    );
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
    } & Signal = {},
  ): Promise<MeterGroup> {
    const { id = 0, recursively = true, groupsOnly = false, withoutRegister = false } = options;
    const { response } = await this.#client.GET("/api/MeterGroups/{id}", {
      params: {
        path: { id: checkId(id, "group id") },
        query: { recursively, groupsOnly, withoutRegister },
      },
      parseAs: "stream",
      signal: options.signal,
    });
    return readJson(response, meterGroupSchema, "meter tree");
  }

  /** Calibration readings of a register, their zone-less times read as UTC. Unofficial endpoint. */
  async getCalibrationReadings(
    registerId: number,
    options: { startIndex?: number; maxCount?: number } & Signal = {},
  ): Promise<CalibrationReading[]> {
    const { startIndex = 0, maxCount = 2 ** 31 - 1 } = options;
    const { response } = await this.#client.GET("/api/CalibrationReadings", {
      params: { query: { registerId: checkId(registerId, "register id"), startIndex, maxCount } },
      parseAs: "stream",
      signal: options.signal,
    });
    const page = await readJson(response, calibrationReadingsPageSchema, "calibration readings");
    return page.calibrationReadings.map((reading) => ({
      ...reading,
      timestamp: new Date(parseIsoDateTime(reading.timestamp, "utc")),
      startTime: new Date(parseIsoDateTime(reading.startTime, "utc")),
    }));
  }

  /** The meters (without registers) under an IDC. Unofficial endpoint. */
  async getMetersByIdc(mac: number | string, options: Signal = {}): Promise<MeterSummary[]> {
    const { response } = await this.#client.GET("/api/Meters/byIdc/{macAddress}", {
      params: { path: { macAddress: toMacInt(mac) } },
      parseAs: "stream",
      signal: options.signal,
    });
    return readJson(response, z.array(meterSummarySchema), "meters");
  }

  /**
   * Replaces a meter and returns it. **Risky**: unofficial, and fields left out are reset, so
   * read with `getMeters(id)`, change, and write back the whole object.
   */
  async updateMeter(meter: Meter, options: Signal = {}): Promise<Meter> {
    const { response } = await this.#client.PUT("/api/Meters", {
      body: meter,
      parseAs: "stream",
      signal: options.signal,
    });
    return readJson(response, meterSchema, "meter", "PUT");
  }

  /** All meter types with their register types, or the one with `id`. Unofficial endpoint. */
  getMeterTypes(id?: undefined, options?: Signal): Promise<MeterType[]>;
  getMeterTypes(id: number, options?: Signal): Promise<MeterType>;
  async getMeterTypes(id?: number, options: Signal = {}): Promise<MeterType | MeterType[]> {
    const { signal } = options;
    if (id === undefined) {
      const { response } = await this.#client.GET("/api/MeterTypes", { parseAs: "stream", signal });
      return readJson(response, z.array(meterTypeSchema), "meter types");
    }
    const { response } = await this.#client.GET("/api/MeterTypes/{id}", {
      params: { path: { id: checkId(id, "meter type id") } },
      parseAs: "stream",
      signal,
    });
    return readJson(response, meterTypeSchema, "meter type");
  }

  /** Adds registers of the given register types to a meter. **Risky**: unofficial, changes the server. */
  async addRegisters(
    meterId: number,
    registerTypeIds: number[],
    options: Signal = {},
  ): Promise<void> {
    if (!Array.isArray(registerTypeIds) || registerTypeIds.length === 0) {
      throw new DcsArgumentError("addRegisters needs a non-empty array of register type ids");
    }
    await discardBody(
      await this.#client.POST("/api/Registers/add", {
        body: {
          meterId: checkId(meterId, "meter id"),
          registerTypeIds: registerTypeIds.map((t) => checkId(t, "register type id")),
        },
        parseAs: "stream",
        signal: options.signal,
      }),
    );
  }
}
