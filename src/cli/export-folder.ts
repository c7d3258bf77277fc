/**
 * An export folder: one `dcs export` at a time, and a record of what each file holds.
 *
 * - `.dcs-export.lock` names the process that holds the folder. Another run refuses to start
 *   while that process lives; a lock whose process is gone (kill -9, a crash) is taken over,
 *   and then the temporary files it left are provably abandoned and removed.
 * - `.dcs-export.jsonl` has one line per written file: what it holds (source, range, period,
 *   format, options, file layout) and its size and modification time once complete. A file
 *   is trusted, and skipped on a re-run, only if all of that matches. The line is appended
 *   before the file gets its name, so a crash never leaves a whole file without its record.
 */
import { appendFile, mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { PARTIAL, writeWhole } from "./files.js";
import { write } from "./output.js";

const LOCK = ".dcs-export.lock";
const RECORD = ".dcs-export.jsonl";

/** The layout of exported files; raise it when their columns or encoding change. */
export const FILE_LAYOUT = 2;

/** What an exported file holds: two files hold the same readings if all of this is equal. */
export interface FileContent {
  id: string;
  start: string;
  end: string;
  period: string;
  format: string;
  calibrated: boolean;
  interpolated: boolean;
  as: string;
  /** UK local days (the by-half-hour layout); absent for UTC, as in records before it existed. */
  localTime?: true;
  /** A virtual meter's decimal places, which its values are written with. */
  decimalPlaces: number | null;
  layout: number;
}

const CONTENT_KEYS: readonly (keyof FileContent)[] = [
  "id",
  "start",
  "end",
  "period",
  "format",
  "calibrated",
  "interpolated",
  "as",
  "localTime",
  "decimalPlaces",
  "layout",
];

interface Entry extends FileContent {
  file: string;
  rows: number;
  bytes: number;
  mtimeMs: number;
}

/** What a folder has for one wanted file. */
export type FileState =
  | { state: "complete" }
  | { state: "absent" }
  /** Recorded as this very content, but changed since (edited, truncated): ours to redo. */
  | { state: "changed" }
  /** Holds something else; `why` says what, for the message that refuses to overwrite it. */
  | { state: "other"; why: string };

interface LockHolder {
  pid: number;
  host: string;
  since: string;
}

export class ExportFolder {
  readonly #dir: string;
  readonly #entries: Map<string, Entry>;
  #appending: Promise<void> = Promise.resolve();

  private constructor(dir: string, entries: Map<string, Entry>) {
    this.#dir = dir;
    this.#entries = entries;
  }

  /** Takes the folder (creating it if needed); fails if another run holds it. */
  static async open(dir: string): Promise<ExportFolder> {
    await mkdir(dir, { recursive: true });
    await takeLock(dir);
    try {
      for (const name of await readdir(dir)) {
        if (PARTIAL.test(name)) await rm(join(dir, name), { force: true }); // abandoned: we hold the lock
      }
      const folder = new ExportFolder(dir, await readRecord(join(dir, RECORD)));
      await folder.#compact();
      return folder;
    } catch (error) {
      await rm(join(dir, LOCK), { force: true });
      throw error;
    }
  }

  async check(file: string, wanted: FileContent): Promise<FileState> {
    const found = await stat(join(this.#dir, file)).catch(() => undefined);
    if (!found) return { state: "absent" };
    const entry = this.#entries.get(file);
    if (!entry) return { state: "other", why: `not recorded in ${RECORD}` };
    const differs = CONTENT_KEYS.find((key) => entry[key] !== wanted[key]);
    if (differs) {
      return {
        state: "other",
        why: `${differs} ${entry[differs]} (this export: ${wanted[differs]})`,
      };
    }
    return found.size === entry.bytes && found.mtimeMs === entry.mtimeMs
      ? { state: "complete" }
      : { state: "changed" };
  }

  /** Records a complete file before it gets its name. */
  record(file: string, content: FileContent, rows: number, size: number, mtimeMs: number) {
    const entry: Entry = { file, ...content, rows, bytes: size, mtimeMs };
    this.#entries.set(file, entry);
    const line = `${JSON.stringify(entry)}\n`;
    this.#appending = this.#appending.then(() => appendFile(join(this.#dir, RECORD), line));
    return this.#appending;
  }

  /** Rewrites the record with one line per file, and gives the folder up. */
  async close(): Promise<void> {
    try {
      await this.#appending.catch(() => {});
      await this.#compact();
    } finally {
      await rm(join(this.#dir, LOCK), { force: true });
    }
  }

  async #compact(): Promise<void> {
    const lines = [...this.#entries.values()].map((e) => `${JSON.stringify(e)}\n`).join("");
    await writeWhole(join(this.#dir, RECORD), (out) => write(out, lines));
  }
}

/** The record's entries by file; the latest line of a file wins, lines cut by a crash are ignored. */
async function readRecord(path: string): Promise<Map<string, Entry>> {
  const entries = new Map<string, Entry>();
  const text = await readFile(path, "utf8").catch(() => "");
  for (const line of text.split("\n")) {
    try {
      const entry = JSON.parse(line) as Entry;
      if (typeof entry?.file === "string") entries.set(entry.file, entry);
    } catch {
      // an empty line, or one a crash cut short
    }
  }
  return entries;
}

async function takeLock(dir: string): Promise<void> {
  const path = join(dir, LOCK);
  const me: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    try {
      await writeFile(path, JSON.stringify(me), { flag: "wx" });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = await readHolder(path);
    if (attempt > 0 || holder === "busy" || (holder && isAlive(holder))) {
      const who =
        holder && holder !== "busy"
          ? ` (pid ${holder.pid} on ${holder.host}, since ${holder.since})`
          : "";
      throw new Error(
        `${dir} is in use by another dcs export${who}: wait for it to end, or use another --dir (if no export is running, delete ${path})`,
      );
    }
    await rm(path, { force: true }); // its process is gone
  }
}

/** Who holds the lock; "busy" while another run is still writing it; undefined if abandoned. */
async function readHolder(path: string): Promise<LockHolder | "busy" | undefined> {
  const text = await readFile(path, "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const holder = JSON.parse(text) as LockHolder;
    if (Number.isInteger(holder.pid) && typeof holder.host === "string") return holder;
  } catch {
    // written by a run that died before it finished writing, or is writing it right now
  }
  const age = Date.now() - ((await stat(path).catch(() => undefined))?.mtimeMs ?? 0);
  return age < 10_000 ? "busy" : undefined;
}

/** Whether the lock's process still runs (one on another host is assumed to). */
function isAlive(holder: LockHolder): boolean {
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return false; // a lock of an earlier life of this pid
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
