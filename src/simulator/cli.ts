/**
 * `dcs simulate`: runs the simulator on a port until SIGINT or SIGTERM (Node only; not part
 * of the browser-safe simulator entry).
 */
import { parseArgs } from "node:util";
import { type RunningDcsSimulator, startDcsSimulator } from "./node.js";
import { type DcsSimulatorUser, DEFAULT_USERS, roleOf } from "./options.js";

const USAGE = `Usage: dcs simulate [options]

  --port N                     TCP port (default 8080; 0 picks a free one)
  --host H                     interface to listen on (default 127.0.0.1)
  --meters N                   number of meters (default 20)
  --seed N                     seed of the generated estate and readings (default 1)
  --rate-limit N               requests per second per endpoint of the current API (default: none)
  --range-limit-days N         longest readings request of the current API, in days (default: none)
  --token-lifetime-seconds N   how long a sign-in stays valid (default 3600)
  --max-sessions N             sign-in sessions kept; more evict the oldest (default 10000)
  --help                       show this help
`;

export interface SimulatorCliIo {
  stdout?: { write(text: string): unknown };
  /** Stops the simulator when aborted (besides SIGINT and SIGTERM). */
  signal?: AbortSignal;
  /** Called once the server listens. */
  onListening?: (server: RunningDcsSimulator) => void;
}

function count(value: string | undefined, name: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`--${name} needs a whole number >= ${min}, got "${value}"`);
  return n;
}

function describeUser(user: DcsSimulatorUser): string {
  const scope =
    user.meters === undefined
      ? ""
      : typeof user.meters === "number"
        ? `, first ${user.meters} meters only`
        : ", some meters only";
  return `${user.username}/${user.password} (${roleOf(user)}${scope})`;
}

/** Parses `argv` (the arguments after `simulate`), serves until a signal, then closes. */
export async function runSimulatorCli(argv: string[], io: SimulatorCliIo = {}): Promise<void> {
  const out = io.stdout ?? process.stdout;
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      meters: { type: "string" },
      seed: { type: "string" },
      "rate-limit": { type: "string" },
      "range-limit-days": { type: "string" },
      "token-lifetime-seconds": { type: "string" },
      "max-sessions": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    out.write(USAGE);
    return;
  }
  const rate = count(values["rate-limit"], "rate-limit", 1);
  const lifetime = count(values["token-lifetime-seconds"], "token-lifetime-seconds", 1);
  const server = await startDcsSimulator({
    port: count(values.port, "port", 0) ?? 8080,
    host: values.host ?? "127.0.0.1",
    meters: count(values.meters, "meters", 1),
    seed: count(values.seed, "seed", 0),
    rateLimit: rate === undefined ? undefined : { limit: rate, windowMs: 1000 },
    rangeLimitDays: count(values["range-limit-days"], "range-limit-days", 0),
    tokenLifetimeMs: lifetime === undefined ? undefined : lifetime * 1000,
    maxSessions: count(values["max-sessions"], "max-sessions", 1),
  });
  out.write(
    "DCS simulator listening\n" +
      `  current API: ${server.webApiUrl}\n` +
      `  legacy API:  ${server.v3Url}\n` +
      `  users: ${DEFAULT_USERS.map(describeUser).join(", ")}\n` +
      "Press Ctrl-C to stop.\n",
  );
  io.onListening?.(server);

  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      io.signal?.removeEventListener("abort", stop);
      resolve();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    if (io.signal?.aborted) stop();
    else io.signal?.addEventListener("abort", stop, { once: true });
  });
  await server.close();
  out.write("DCS simulator stopped\n");
}
