/**
 * From the environment to a signed-in client. The command line never takes a password as an
 * argument (it would show in `ps` and shell history): it comes from `DCS_PASSWORD` or stdin.
 *
 * `Connection` gives the commands one shape over both API generations.
 */
import type { Readable } from "node:stream";
import {
  type DcsLogger,
  DcsSession,
  DcsWebApi,
  type Meter,
  type PeriodType,
  type Readings,
  type VirtualMeter,
} from "../index.js";
import { completeShape, legacyShape, type Row, type RowShape, standardShape } from "./output.js";

/** Usage mistakes: reported in one line, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export interface ConnectOptions {
  env: Record<string, string | undefined>;
  stdin: Readable;
  passwordStdin?: boolean;
  insecureHttp?: boolean;
  logger?: DcsLogger;
  /** For tests: a fetch to use instead of the network. */
  fetch?: (request: Request) => Promise<Response>;
}

/** A readings id on the command line: `R733` or `VM9`, for either API. */
export interface CliSource {
  wire: string;
  id: number;
  isVirtual: boolean;
}

export function parseCliSource(text: string): CliSource {
  const match = /^(R|VM)(\d{1,10})$/i.exec(text.trim());
  if (!match) {
    throw new UsageError(
      `"${text}" is not a readings id: use R<register id> or VM<virtual meter id> (see "dcs find <name>")`,
    );
  }
  const isVirtual = match[1]?.toUpperCase() === "VM";
  const id = Number(match[2]);
  return { wire: `${isVirtual ? "VM" : "R"}${id}`, id, isVirtual };
}

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
  readings: Readings<Row>;
  name: string | undefined;
  unit: string | undefined;
}

/** What the commands need, over either API generation. */
export interface Connection {
  readonly kind: "current" | "legacy";
  readonly url: string;
  readonly user: string | undefined;
  meters(): Promise<Meter[]>;
  virtualMeters(): Promise<VirtualMeter[]>;
  readings(
    source: CliSource,
    query: CliReadingsQuery,
    signal?: AbortSignal,
  ): Promise<OpenedReadings>;
  close(): Promise<void>;
}

async function readStdin(stdin: Readable): Promise<string> {
  let text = "";
  stdin.setEncoding("utf8");
  for await (const chunk of stdin) text += chunk;
  return text.replace(/\r?\n$/, "");
}

/** Builds and signs in a connection from `DCS_URL` / `DCS_V3_URL`, `DCS_USERNAME`, `DCS_PASSWORD`. */
export async function connect(options: ConnectOptions): Promise<Connection> {
  const { env } = options;
  const currentUrl = env.DCS_URL;
  const legacyUrl = env.DCS_V3_URL;
  if (!currentUrl && !legacyUrl) {
    throw new UsageError(
      "Set DCS_URL to the DCS Web API root (e.g. https://dcs.example.org/DCSWebApi), or DCS_V3_URL to the legacy DCS address",
    );
  }
  if (currentUrl && legacyUrl) throw new UsageError("Set only one of DCS_URL and DCS_V3_URL");
  const username = env.DCS_USERNAME;
  let password = env.DCS_PASSWORD;
  if (options.passwordStdin) {
    if (!username) throw new UsageError("--password-stdin needs DCS_USERNAME");
    password = await readStdin(options.stdin);
  }
  if (username && !password) {
    throw new UsageError(
      "DCS_USERNAME is set but no password: set DCS_PASSWORD or pipe it with --password-stdin",
    );
  }
  const clientOptions = {
    allowInsecureHttp: options.insecureHttp ?? false,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
  if (currentUrl) {
    const client = new DcsWebApi(currentUrl, clientOptions);
    if (username) await client.signIn(username, password as string);
    return currentConnection(client);
  }
  const session = new DcsSession(legacyUrl as string, clientOptions);
  if (!username) throw new UsageError("The legacy API needs DCS_USERNAME and a password");
  await session.login(username, password as string);
  return legacyConnection(session);
}

function currentConnection(client: DcsWebApi): Connection {
  return {
    kind: "current",
    url: client.url,
    user: client.user?.username,
    meters: () => client.meters(),
    virtualMeters: () => client.virtualMeters(),
    async readings(source, query, signal) {
      const result = await client.largeReadings(source.wire, {
        startTime: query.start,
        endTime: query.end,
        periodType: query.period,
        format: query.format,
        calibrated: query.calibrated,
        interpolated: query.interpolated,
        ...(query.maxWindowDays ? { maxWindowDays: query.maxWindowDays } : {}),
        ...(signal ? { signal } : {}),
      });
      const shape = query.format === "complete" ? completeShape : standardShape;
      return {
        shape: shape as RowShape,
        readings: result.readings as Readings<Row>,
        name: result.name,
        unit: result.unit,
      };
    },
    close: () => client.signOut(),
  };
}

function legacyConnection(session: DcsSession): Connection {
  return {
    kind: "legacy",
    url: session.url,
    user: session.user?.username,
    meters: () => session.getMeters(),
    virtualMeters: () => session.getVms(),
    async readings(source, query, signal) {
      if (query.format === "complete") {
        throw new UsageError(
          "--format applies to the current API only; legacy readings always carry totals and period values",
        );
      }
      const readings = await session.getMegaReadings(source.id, source.isVirtual, {
        start: query.start,
        end: query.end,
        integrationPeriod: query.period,
        calibrated: query.calibrated,
        interpolated: query.interpolated,
        iterator: true,
        ...(query.maxWindowDays ? { maxWindowDays: query.maxWindowDays } : {}),
        ...(signal ? { signal } : {}),
      });
      return {
        shape: legacyShape as RowShape,
        readings: readings as Readings<Row>,
        name: undefined,
        unit: undefined,
      };
    },
    close: () => session.logout(),
  };
}
