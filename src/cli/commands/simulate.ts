/**
 * `dcs simulate`: the built-in simulator (coherent-dcs/simulator) on a port until Ctrl-C or
 * SIGTERM, with its URLs and accounts printed for whoever wants to point a client at it.
 */
import type { Command } from "commander";
import {
  type DcsSimulatorUser,
  DEFAULT_USERS,
  type StartDcsSimulatorOptions,
  startDcsSimulator,
} from "../../simulator/index.js";
import type { CliContext } from "../context.js";
import { wholeNumber } from "../options.js";

interface SimulateOptions {
  port: number;
  host: string;
  meters?: number;
  seed?: number;
  rateLimit?: number;
  rangeLimitDays?: number;
  tokenLifetimeSeconds?: number;
  maxSessions?: number;
  provisionalHours?: number;
}

function describeUser(user: DcsSimulatorUser): string {
  const scope =
    user.meters === undefined
      ? ""
      : typeof user.meters === "number"
        ? `, first ${user.meters} meters only`
        : ", some meters only";
  return `${user.username}/${user.password} (${user.role ?? "Viewer"}${scope})`;
}

const USERS = DEFAULT_USERS.map(describeUser);

export function addSimulateCommand(program: Command, context: CliContext): void {
  program
    .command("simulate")
    .description("start the built-in DCS simulator (both API generations) until Ctrl-C")
    .option("--port <n>", "TCP port (0 picks a free one)", wholeNumber("--port", 0), 8080)
    .option("--host <host>", "interface to listen on", "127.0.0.1")
    .option("--meters <n>", "number of meters (default: 20)", wholeNumber("--meters", 1))
    .option(
      "--seed <n>",
      "seed of the generated estate and readings (default: 1)",
      wholeNumber("--seed", 0),
    )
    .option(
      "--rate-limit <n>",
      "requests per second per endpoint of the current API (default: none)",
      wholeNumber("--rate-limit", 1),
    )
    .option(
      "--range-limit-days <n>",
      "longest readings request of the current API, in days (default: none)",
      wholeNumber("--range-limit-days", 0),
    )
    .option(
      "--token-lifetime-seconds <n>",
      "how long a sign-in stays valid (default: 3600)",
      wholeNumber("--token-lifetime-seconds", 1),
    )
    .option(
      "--max-sessions <n>",
      "sign-in sessions kept; more evict the oldest (default: 10000)",
      wholeNumber("--max-sessions", 1),
    )
    .option(
      "--provisional-hours <n>",
      "serve the last N hours as interpolated estimates, replaced by the real readings as time passes (default: 0)",
      wholeNumber("--provisional-hours", 0),
    )
    .addHelpText("after", `\nAccounts:\n${USERS.map((user) => `  ${user}\n`).join("")}`)
    .action((options: SimulateOptions) => serve(simulatorOptions(options), context));
}

function simulatorOptions(options: SimulateOptions): StartDcsSimulatorOptions {
  const { rateLimit, tokenLifetimeSeconds } = options;
  return {
    port: options.port,
    host: options.host,
    meters: options.meters,
    seed: options.seed,
    rateLimit: rateLimit === undefined ? undefined : { limit: rateLimit, windowMs: 1000 },
    rangeLimitDays: options.rangeLimitDays,
    tokenLifetimeMs: tokenLifetimeSeconds === undefined ? undefined : tokenLifetimeSeconds * 1000,
    maxSessions: options.maxSessions,
    provisionalHours: options.provisionalHours,
  };
}

/** Serves until the run's signal (Ctrl-C) or SIGTERM, then closes every connection. */
async function serve(options: StartDcsSimulatorOptions, context: CliContext): Promise<void> {
  const { stdout } = context.io;
  const server = await startDcsSimulator(options);
  stdout.write(
    "DCS simulator listening\n" +
      `  current API: ${server.webApiUrl}\n` +
      `  legacy API:  ${server.v3Url}\n` +
      `  users: ${USERS.join(", ")}\n` +
      "Press Ctrl-C to stop.\n",
  );
  context.io.onSimulatorListening?.(server);
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGTERM", stop);
      context.signal.removeEventListener("abort", stop);
      resolve();
    };
    process.once("SIGTERM", stop);
    if (context.signal.aborted) stop();
    else context.signal.addEventListener("abort", stop, { once: true });
  });
  await server.close();
  stdout.write("DCS simulator stopped\n");
}
