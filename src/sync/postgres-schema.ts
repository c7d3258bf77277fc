/**
 * The PostgreSQL store's tables and views (the meaning of the SQLite store's, docs/sync.md),
 * and what a failed connection says: where it went, never the password.
 */
import { inspect } from "node:util";

/** A quoted SQL identifier. */
export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The objects of a schema `s` (already quoted), each created if missing. */
export function schemaObjects(s: string): { name: string; create: string }[] {
  return [
    {
      name: "sources",
      create: `CREATE TABLE IF NOT EXISTS ${s}.sources (
  source text PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('register', 'virtualMeter')),
  name text NOT NULL,
  unit text NOT NULL,
  meter_id integer,
  meter_name text,
  serial_number text,
  is_instantaneous boolean NOT NULL,
  decimal_places integer,
  expression text,
  refreshed_at timestamptz NOT NULL
)`,
    },
    {
      name: "readings",
      create: `CREATE TABLE IF NOT EXISTS ${s}.readings (
  source text NOT NULL,
  period text NOT NULL,
  "timestamp" timestamptz NOT NULL,
  value double precision,
  status integer NOT NULL,
  consumption double precision,
  PRIMARY KEY (source, period, "timestamp")
)`,
    },
    {
      name: "sync_coverage",
      create: `CREATE TABLE IF NOT EXISTS ${s}.sync_coverage (
  source text NOT NULL,
  period text NOT NULL,
  synced_from timestamptz NOT NULL,
  synced_until timestamptz NOT NULL,
  synced_at timestamptz NOT NULL,
  PRIMARY KEY (source, period)
)`,
    },
    // Counts are integers, not count(*)'s bigint, which the driver gives as strings.
    {
      name: "daily_consumption",
      create: `CREATE VIEW ${s}.daily_consumption AS
SELECT source, ("timestamp" AT TIME ZONE 'Europe/London')::date AS day,
       sum(consumption) AS consumption, count(*)::integer AS readings,
       (count(*) FILTER (WHERE status & 1 <> 0))::integer AS interpolated
FROM ${s}.readings
WHERE period = 'halfHour'
GROUP BY 1, 2`,
    },
    {
      name: "monthly_consumption",
      create: `CREATE VIEW ${s}.monthly_consumption AS
SELECT source, to_char(day, 'YYYY-MM') AS month, sum(consumption) AS consumption,
       sum(readings)::integer AS readings, sum(interpolated)::integer AS interpolated
FROM ${s}.daily_consumption
GROUP BY 1, 2`,
    },
  ];
}

/** Where a URL points, fit to print, and the forms of its password to keep out of messages. */
export interface Target {
  /** `host:port, database "name" as user "name"`. */
  where: string;
  secrets: string[];
}

/** Reads a postgres:// URL for messages; undefined if it is no URL (never quoted: a password). */
export function targetOf(url: string): Target | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  };
  const query = parsed.searchParams;
  const user = query.get("user") ?? (decode(parsed.username) || process.env.PGUSER);
  const host = query.get("host") ?? (decode(parsed.hostname) || "localhost");
  const port = query.get("port") ?? (parsed.port || "5432");
  const database = query.get("dbname") ?? (decode(parsed.pathname.slice(1)) || user);
  const secrets = [parsed.password, decode(parsed.password), query.get("password") ?? ""];
  const as = user ? ` as user "${user}"` : "";
  return {
    where: `${host}:${port}, database "${database ?? "(default)"}"${as}`,
    secrets: [...new Set(secrets.filter((s) => s !== ""))],
  };
}

/** A driver's reason in words, for errors whose message is empty (Node's AggregateError). */
const REASONS: Record<string, string> = {
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host not found",
  ETIMEDOUT: "timed out",
  EHOSTUNREACH: "host unreachable",
};

const mentions = (text: string, secrets: readonly string[]) =>
  secrets.some((s) => text.includes(s));

/**
 * Why a connection failed, in one line: the driver's words (or the code's), withheld if they
 * repeat the password.
 */
export function reasonOf(error: unknown, secrets: readonly string[]): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
  const text = message || (typeof code === "string" ? (REASONS[code] ?? code) : "unknown error");
  return mentions(text, secrets)
    ? `${String(code ?? "error")} (the driver's text repeats the password)`
    : text;
}

/** The driver's error as a cause, unless anything in it repeats the password. */
export function safeCause(error: unknown, secrets: readonly string[]): { cause?: unknown } {
  return mentions(inspect(error, { depth: 5 }), secrets) ? {} : { cause: error };
}
