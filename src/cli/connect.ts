/**
 * From the environment to a signed-in client. The command line never takes a password as an
 * argument (it would show in `ps` and shell history): it comes from `DCS_PASSWORD` or stdin.
 *
 * `Connection` gives the commands one shape over both API generations.
 */
import type { Readable } from "node:stream";
import { parseReadingsId, type SourceRef, sourceRef } from "../core/ids.js";
import { addPeriods } from "../core/periods.js";
import type { SourceLabel } from "../formats/metered-data.js";
import {
  DcsAuthError,
  type DcsLogger,
  DcsSession,
  DcsWebApi,
  type DcsWebApiOptions,
  type LegacyReading,
  type Meter,
  type MeterGroup,
  type PeriodType,
  type Readings,
  type VirtualMeter,
} from "../node.js";
import { UsageError } from "./errors.js";
import {
  completeShape,
  instantaneousShape,
  legacyShape,
  type Row,
  type RowShape,
  registerShape,
  virtualMeterShape,
} from "./output.js";

export interface ConnectOptions {
  env: Record<string, string | undefined>;
  stdin: Readable;
  passwordStdin?: boolean;
  insecureHttp?: boolean;
  logger?: DcsLogger;
  /** For tests: a fetch to use instead of the network. */
  fetch?: (request: Request) => Promise<Response>;
}

/**
 * A readings id on the command line: `R733` or `VM9`, for either API, with what the meter
 * lists say of it once looked up (see sources.ts).
 */
export interface CliSource extends SourceRef {
  /** Instantaneous sources (power, voltage, temperature) have half-hours only. */
  isInstantaneous?: boolean;
  /** A virtual meter's decimal places, which its values are written with. */
  decimalPlaces?: number;
  /** What DCS's own files name it by (meter, serial number, register, unit). */
  label?: SourceLabel;
}

export function parseCliSource(text: string): CliSource {
  const source = parseReadingsId(text.trim());
  if (!source) {
    throw new UsageError(
      `"${text}" is not a readings id: use R<register id>, VM<virtual meter id> or M<meter id> (see "dcs find <name>")`,
    );
  }
  return source;
}

export const isVirtualMeter = (source: SourceRef): boolean => source.kind === "virtualMeter";

export interface CliReadingsQuery {
  start: Date;
  end: Date;
  period: PeriodType;
  format: "standard" | "complete";
  calibrated: boolean;
  interpolated: boolean;
  maxWindowDays?: number;
}

export interface OpenedReadings {
  shape: RowShape;
  /** Iterate once; stopping early (`break`) cancels the download. */
  readings: AsyncIterable<Row>;
}

/** What the commands need, over either API generation. */
export interface Connection {
  meters(): Promise<Meter[]>;
  virtualMeters(): Promise<VirtualMeter[]>;
  /** The columns every source is written with for this query. */
  columns(query: CliReadingsQuery): readonly string[];
  readings(
    source: CliSource,
    query: CliReadingsQuery,
    signal?: AbortSignal,
  ): Promise<OpenedReadings>;
  /** The whole meter tree, with registers (legacy API only: a UsageError for the current API). */
  meterTree(): Promise<MeterGroup>;
  /** Sends a metered data file (legacy API only: a UsageError for the current API). */
  importMeteredData(csv: string, pluginId: number, signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

/** What only the legacy API has, asked of the current API. */
function legacyOnly(what: string): Promise<never> {
  return Promise.reject(
    new UsageError(
      `${what} are only in the legacy API, not the DCS Web API (DCS_URL): set DCS_V3_URL to the DCS web UI address (e.g. https://dcs.example.org/DCS) instead`,
    ),
  );
}

async function readStdin(stdin: Readable): Promise<string> {
  let text = "";
  stdin.setEncoding("utf8");
  for await (const chunk of stdin) text += chunk;
  return text.replace(/\r?\n$/, "");
}

interface Credentials {
  username: string;
  password: string;
}

/** The account the environment names, if any (a password without a user is refused). */
async function credentialsOf(options: ConnectOptions): Promise<Credentials | undefined> {
  const { env } = options;
  const username = env.DCS_USERNAME;
  let password = env.DCS_PASSWORD;
  if (options.passwordStdin) {
    if (!username) throw new UsageError("--password-stdin needs DCS_USERNAME");
    password = await readStdin(options.stdin);
  }
  if (password && !username) {
    // Going public instead would quietly read another account's view of the estate.
    throw new UsageError(
      `DCS_PASSWORD is set but DCS_USERNAME is not${env.DCS_USER ? " (DCS_USER is not read)" : ""}: set DCS_USERNAME to sign in, or unset DCS_PASSWORD for the public endpoints`,
    );
  }
  if (username && !password) {
    throw new UsageError(
      "DCS_USERNAME is set but no password: set DCS_PASSWORD or pipe it with --password-stdin",
    );
  }
  return username ? { username, password: password as string } : undefined;
}

function clientOptionsOf(options: ConnectOptions) {
  return {
    allowInsecureHttp: options.insecureHttp ?? false,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
}

/** Which API the environment names: `DCS_URL` or `DCS_V3_URL`, exactly one of them. */
function apiOf(env: ConnectOptions["env"]): { current: string } | { legacy: string } {
  const currentUrl = env.DCS_URL;
  const legacyUrl = env.DCS_V3_URL;
  if (!currentUrl && !legacyUrl) {
    throw new UsageError(
      "Set DCS_URL to the DCS Web API root (e.g. https://dcs.example.org/DCSWebApi), or DCS_V3_URL to the legacy DCS address",
    );
  }
  if (currentUrl && legacyUrl) throw new UsageError("Set only one of DCS_URL and DCS_V3_URL");
  return currentUrl ? { current: currentUrl } : { legacy: legacyUrl as string };
}

/**
 * A client of the current API (`DCS_URL`) that signs in again when its session expires, not
 * signed in yet: a command checks its configuration with this before it touches anything (as
 * `dcs sync` does before it opens, or creates, a database). `extra` adds client options (e.g.
 * `maxConcurrent`, hooks). Sign it in with {@link signInWebApi}.
 */
export function webApiClient(
  options: ConnectOptions,
  extra: DcsWebApiOptions = {},
  what = "This command",
): DcsWebApi {
  const api = apiOf(options.env);
  if (!("current" in api)) {
    throw new UsageError(`${what} reads the DCS Web API: set DCS_URL instead of DCS_V3_URL`);
  }
  return new DcsWebApi(api.current, {
    ...clientOptionsOf(options),
    ...extra,
    reauthenticate: true,
  });
}

/** Signs a {@link webApiClient} in with DCS_USERNAME and DCS_PASSWORD (or stdin), if given. */
export async function signInWebApi(client: DcsWebApi, options: ConnectOptions): Promise<void> {
  const credentials = await credentialsOf(options);
  if (credentials) await client.signIn(credentials.username, credentials.password);
}

/**
 * Builds and signs in a connection from `DCS_URL` / `DCS_V3_URL`, `DCS_USERNAME`, `DCS_PASSWORD`.
 * Signed in, it signs in again by itself when the session expires during a long job.
 */
export async function connect(options: ConnectOptions): Promise<Connection> {
  const api = apiOf(options.env);
  if ("current" in api) {
    const client = webApiClient(options);
    await signInWebApi(client, options);
    return currentConnection(client);
  }
  const credentials = await credentialsOf(options);
  const session = new DcsSession(api.legacy, clientOptionsOf(options));
  if (!credentials) throw new UsageError("The legacy API needs DCS_USERNAME and a password");
  await session.login(credentials.username, credentials.password);
  return legacyConnection(session, credentials);
}

/** Every register and virtual meter the account can see. */
export async function allSources(connection: Connection): Promise<CliSource[]> {
  const [meters, vms] = await Promise.all([connection.meters(), connection.virtualMeters()]);
  return sourcesOf(meters, vms);
}

/** The readings sources of the meter lists: every register, then every virtual meter. */
export function sourcesOf(meters: Meter[], vms: VirtualMeter[]): CliSource[] {
  return [
    ...meters.flatMap((m) =>
      m.registers.map((r) => ({
        ...sourceRef("register", r.id),
        isInstantaneous: r.isInstantaneous,
        label: {
          meter: m.id,
          name: m.name,
          serialNumber: m.serialNumber,
          register: r.name,
          unit: r.unit,
        },
      })),
    ),
    ...vms.map((v) => ({
      ...sourceRef("virtualMeter", v.id),
      isInstantaneous: v.isInstantaneous,
      ...(v.decimalPlaces === undefined ? {} : { decimalPlaces: v.decimalPlaces }),
      label: { meter: v.id, name: v.name, serialNumber: "", register: "", unit: v.unit },
    })),
  ];
}

/** The commands' view of a current-API client; closing it signs out. */
function currentConnection(client: DcsWebApi): Connection {
  return {
    meters: () => client.meters(),
    virtualMeters: () => client.virtualMeters(),
    columns: (query) => (query.format === "complete" ? completeShape : registerShape).columns,
    async readings(source, query, signal) {
      const virtual = isVirtualMeter(source);
      if (query.format === "complete" && virtual) {
        throw new UsageError(
          `--format complete is for registers only: ${source.wire} is a virtual meter, which has no totals`,
        );
      }
      // A cumulative register's consumption comes with its totals in the complete format.
      const totals = !virtual && !source.isInstantaneous;
      const result = await client.largeReadings(source.wire, {
        startTime: query.start,
        endTime: query.end,
        periodType: query.period,
        format: totals || query.format === "complete" ? "complete" : "standard",
        calibrated: query.calibrated,
        interpolated: query.interpolated,
        ...(query.maxWindowDays ? { maxWindowDays: query.maxWindowDays } : {}),
        ...(signal ? { signal } : {}),
      });
      const shape =
        query.format === "complete"
          ? completeShape
          : virtual
            ? virtualMeterShape(source)
            : totals
              ? registerShape
              : instantaneousShape;
      return { shape: shape as RowShape, readings: result.readings as Readings<Row> };
    },
    meterTree: () => legacyOnly("meter groups"),
    importMeteredData: () => legacyOnly("data imports"),
    close: () => client.signOut(),
  };
}

function legacyConnection(session: DcsSession, credentials: Credentials): Connection {
  const logInAgain = () => session.login(credentials.username, credentials.password);
  /** Runs a call; if the session has expired, logs in again once and runs it again. */
  const again = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof DcsAuthError)) throw error;
      await logInAgain();
      return call();
    }
  };
  return {
    meters: () => again(() => session.getMeters()),
    virtualMeters: () => again(() => session.getVms()),
    columns: () => legacyShape().columns,
    async readings(source, query, signal) {
      if (query.format === "complete") {
        throw new UsageError(
          "--format applies to the current API only; legacy readings always carry totals and period values",
        );
      }
      const from = (start: number) =>
        session.getMegaReadings(source.id, isVirtualMeter(source), {
          start: new Date(start),
          end: query.end,
          integrationPeriod: query.period,
          calibrated: query.calibrated,
          interpolated: query.interpolated,
          iterator: true,
          ...(query.maxWindowDays ? { maxWindowDays: query.maxWindowDays } : {}),
          ...(signal ? { signal } : {}),
        });
      const first = await again(() => from(query.start.getTime()));
      const readings = carryOn(first, async (last) => {
        const next = addPeriods(last.startTime.getTime(), query.period, 1);
        if (next >= query.end.getTime()) return undefined;
        await logInAgain();
        return from(next);
      });
      return { shape: legacyShape(source) as RowShape, readings };
    },
    meterTree: () => again(() => session.getMeterTree()),
    importMeteredData: (csv, pluginId, signal) =>
      again(() => session.importMeteredData(csv, { pluginId, ...(signal ? { signal } : {}) })),
    close: () => session.logout(),
  };
}

/**
 * Legacy readings that carry on when the session expires between two windows: `resume` logs
 * in again and asks for the readings after the last one received, so none is missing or
 * repeated. Only a session that expires again before any reading arrives is an error.
 */
async function* carryOn(
  first: Readings<LegacyReading>,
  resume: (last: LegacyReading) => Promise<Readings<LegacyReading> | undefined>,
): AsyncGenerator<LegacyReading> {
  let readings: Readings<LegacyReading> | undefined = first;
  let last: LegacyReading | undefined;
  while (readings) {
    let progressed = false;
    try {
      for await (const reading of readings) {
        last = reading;
        progressed = true;
        yield reading;
      }
      return;
    } catch (error) {
      if (!(error instanceof DcsAuthError) || !progressed || !last) throw error;
      readings = await resume(last);
    }
  }
}
