/**
 * What every command module gets (the convention is at the top of main.ts): where to read and
 * write, the run's stop signal, the connection the environment describes, the global options,
 * and the run's exit code.
 */
import type { Readable, Writable } from "node:stream";
import { periodsBetween } from "../core/periods.js";
import type { RunningDcsSimulator } from "../simulator/index.js";
import { type CliReadingsQuery, type Connection, type ConnectOptions, connect } from "./connect.js";
import { createProgress, type Progress, progressMode } from "./progress.js";

/** Where a run reads and writes; tests and programs that run the command pass their own. */
export interface CliIo {
  argv: string[];
  env: Record<string, string | undefined>;
  stdin: Readable;
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  /** Stops the run when aborted, as Ctrl-C does. */
  signal?: AbortSignal;
  /** For tests: a fetch to use instead of the network. */
  fetch?: (request: Request) => Promise<Response>;
  /** For tests: the simulator `dcs simulate` started, once it listens. */
  onSimulatorListening?: (server: RunningDcsSimulator) => void;
}

/** The options of `dcs` itself, given before the command. */
export interface GlobalOptions {
  passwordStdin?: boolean;
  insecureHttp?: boolean;
  verbose?: boolean;
  quiet?: boolean;
}

export interface CliContext {
  readonly io: CliIo;
  /** Aborted by Ctrl-C, by the reader of stdout going away, or by `io.signal`. */
  readonly signal: AbortSignal;
  /** How to connect: the environment, the password's source and the global options. */
  connectOptions(): ConnectOptions;
  /** A new signed-in connection (see connect.ts); the caller closes it. */
  connect(): Promise<Connection>;
  /** Connects, runs `work`, and always signs out. */
  withConnection<T>(work: (connection: Connection) => Promise<T>): Promise<T>;
  /** Raises the exit code the run ends with (the highest code given wins). */
  setExit(code: number): void;
  /** `--quiet`: no progress output. */
  quiet(): boolean;
  /** `--verbose`: each request logged to stderr, stack traces. */
  verbose(): boolean;
  /** Progress on stderr for downloads of `query`'s range, as `--quiet` and `--verbose` ask. */
  progress(query: CliReadingsQuery): Progress;
}

/** `globals` reads the global options once commander has parsed them. */
export function createContext(
  io: CliIo,
  signal: AbortSignal,
  globals: () => GlobalOptions,
  setExit: (code: number) => void,
): CliContext {
  const connectOptions = (): ConnectOptions => ({
    env: io.env,
    stdin: io.stdin,
    passwordStdin: globals().passwordStdin ?? false,
    insecureHttp: globals().insecureHttp ?? false,
    ...(globals().verbose ? { logger: (line: string) => io.stderr.write(`  ${line}\n`) } : {}),
    ...(io.fetch ? { fetch: io.fetch } : {}),
  });
  return {
    io,
    signal,
    connectOptions,
    connect: () => connect(connectOptions()),
    async withConnection(work) {
      const connection = await connect(connectOptions());
      try {
        return await work(connection);
      } finally {
        await connection.close();
      }
    },
    setExit,
    quiet: () => globals().quiet ?? false,
    verbose: () => globals().verbose ?? false,
    progress: (query) =>
      createProgress(
        progressMode(io.stderr, globals()),
        io.stderr,
        periodsBetween(query.start.getTime(), query.end.getTime(), query.period),
      ),
  };
}
