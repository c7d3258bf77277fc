/**
 * Exports a register's readings into a SQLite database file (sql.js: SQLite compiled to
 * WebAssembly, so nothing native to install). Readings are streamed from DCS straight into one
 * transaction through a prepared statement; running it again for an overlapping range
 * replaces those rows instead of duplicating them.
 *
 *   npm run example -- export-sqlite R768 2024-01-01 2025-01-01 readings.sqlite
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import initSqlJs from "sql.js";
import { connect, fail } from "./connect.js";

const [id, start, end, file] = process.argv.slice(2);
if (!id || !start || !end || !file || !/^R\d+$/i.test(id)) {
  fail("usage: export-sqlite <register id, e.g. R768> <start> <end> <file.sqlite>");
}

const SQL = await initSqlJs();
const db = existsSync(file) ? new SQL.Database(readFileSync(file)) : new SQL.Database();
db.run(`CREATE TABLE IF NOT EXISTS readings (
  source_id    TEXT    NOT NULL,  -- "R768"
  timestamp    TEXT    NOT NULL,  -- start of the period, ISO 8601 UTC
  total_value  REAL,              -- the register's running total at the period start
  period_value REAL,              -- consumption in the period
  status       INTEGER NOT NULL,  -- bit set: 1 interpolated, 2 reset
  PRIMARY KEY (source_id, timestamp)
)`);

await using dcs = await connect();
const res = await dcs.largeReadings(id, { startTime: start, endTime: end, format: "complete" });

const insert = db.prepare("INSERT OR REPLACE INTO readings VALUES (?, ?, ?, ?, ?)");
// Non-finite values (DCS sends "NaN" for missing data) are stored as NULL.
const real = (value: number) => (Number.isFinite(value) ? value : null);
let count = 0;
db.run("BEGIN");
try {
  for await (const r of res.readings) {
    insert.run([id, r.timestamp.toISOString(), real(r.totalValue), real(r.periodValue), r.status]);
    count++;
  }
  db.run("COMMIT");
} catch (error) {
  db.run("ROLLBACK");
  throw error;
} finally {
  insert.free();
}

// Write beside the target and rename, so an interrupted run never leaves a torn file.
writeFileSync(`${file}.partial`, db.export());
renameSync(`${file}.partial`, file);
db.close();
console.log(`${count} readings of ${res.name} (${res.unit}) written to ${file}`);
