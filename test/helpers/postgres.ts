/**
 * A throwaway PostgreSQL cluster for tests: initdb into a temporary directory, a server on a
 * free loopback port, removed again by `stop()`. Debian's PostgreSQL (apt-get install -y
 * postgresql) provides the binaries; without them the tests fail, never skip.
 *
 * As root (CI), the cluster belongs to the `postgres` user, as the server refuses to run as
 * root. Local connections are trusted; TCP ones need the password (scram-sha-256), so the
 * tests of a wrong password are real.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);

export interface TestPostgres {
  /** `postgres://postgres:<password>@127.0.0.1:<port>/dcs`. */
  url: string;
  host: string;
  port: number;
  password: string;
  /** The URL of another database of the cluster, created if missing. */
  database(name: string): Promise<string>;
  stop(): Promise<void>;
}

/** The directory of initdb and pg_ctl: on PATH, or Debian's newest /usr/lib/postgresql/N/bin. */
function binaries(): string {
  for (const dir of (process.env.PATH ?? "").split(":")) {
    if (dir && existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl"))) return dir;
  }
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0] === undefined) {
    throw new Error("PostgreSQL is not installed: apt-get install -y postgresql");
  }
  return join(root, versions[0], "bin");
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

const quote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;

/** The postgres user's uid and gid, who owns the cluster when we are root. */
async function postgresUser(): Promise<[number, number]> {
  const id = async (flag: string) => Number((await run("id", [flag, "postgres"])).stdout);
  try {
    return [await id("-u"), await id("-g")];
  } catch {
    throw new Error(
      "PostgreSQL runs as the postgres user, and there is none: apt-get install -y postgresql",
    );
  }
}

export async function startPostgres(): Promise<TestPostgres> {
  const bin = binaries();
  const owner = process.getuid?.() === 0 ? await postgresUser() : undefined;
  const dir = mkdtempSync(join(tmpdir(), "dcs-pg-"));
  const data = join(dir, "data");
  const log = join(dir, "log");
  const password = randomBytes(12).toString("hex");
  const pwfile = join(dir, "pw");
  writeFileSync(pwfile, password);
  if (owner) {
    chownSync(dir, ...owner);
    chownSync(pwfile, ...owner);
    chmodSync(dir, 0o700);
  }
  // The server runs as postgres when we are root: `su` it, with the binaries' full paths.
  const exec = (command: string, args: string[]) => {
    const path = join(bin, command);
    return owner
      ? run("su", ["postgres", "-c", [path, ...args].map(quote).join(" ")])
      : run(path, args);
  };
  const port = await freePort();
  const host = "127.0.0.1";
  const urlOf = (name: string) => `postgres://postgres:${password}@${host}:${port}/${name}`;
  const database = async (name: string) => {
    const admin = new pg.Client({ connectionString: urlOf("postgres") });
    await admin.connect();
    try {
      const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      if (!found.rowCount) await admin.query(`CREATE DATABASE "${name}"`);
    } finally {
      await admin.end();
    }
    return urlOf(name);
  };
  const stop = async () => {
    await exec("pg_ctl", ["-D", data, "-m", "immediate", "stop"]).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const auth = ["--auth-local=trust", "--auth-host=scram-sha-256", `--pwfile=${pwfile}`];
    await exec("initdb", ["-D", data, "-U", "postgres", ...auth, "--no-sync"]);
    const settings = `-p ${port} -k ${dir} -c listen_addresses=${host} -c fsync=off -c full_page_writes=off`;
    await exec("pg_ctl", ["-D", data, "-o", settings, "-l", log, "-w", "start"]).catch((error) => {
      const said = existsSync(log) ? readFileSync(log, "utf8") : "";
      throw new Error(`pg_ctl start failed: ${error}\n${said}`);
    });
    return { url: await database("dcs"), host, port, password, database, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
