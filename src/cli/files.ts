/**
 * Files that are whole or absent. Each is written under a temporary name beside its own
 * (`<name>.<pid>.partial`) and renamed when complete, so an interrupted or failed run never
 * leaves a file that looks whole; a failure to write is one clear error naming the file.
 */
import type { Stats } from "node:fs";
import { open, rename, rm, stat } from "node:fs/promises";
import { dirname } from "node:path";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";

/** The temporary name this process writes `path` under. */
const partialName = (path: string): string => `${path}.${process.pid}.partial`;

/** Matches the temporary names of any process (the pid is part of the name). */
export const PARTIAL = /\.\d+\.partial$/;

/** A failure to write `path`, in words that say what to fix. */
function cannotWrite(path: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reason =
    code === "ENOENT"
      ? `the folder ${dirname(path)} does not exist`
      : error instanceof Error
        ? error.message
        : String(error);
  return new Error(`cannot write ${path}: ${reason}`, { cause: error });
}

/**
 * Writes `path` whole: `write` gets the stream of the temporary file; when it has finished,
 * the file is closed, `beforeRename` sees its size and time (to record them), and only then
 * does it get its name. On any failure the temporary file is removed and the error thrown.
 */
export async function writeWhole<T>(
  path: string,
  write: (out: Writable) => Promise<T>,
  beforeRename?: (stats: Stats) => Promise<void>,
): Promise<T> {
  const temp = partialName(path);
  const out = await open(temp, "wx").then(
    (handle) => handle.createWriteStream(),
    (error: unknown) => {
      throw cannotWrite(path, error);
    },
  );
  try {
    const result = await write(out);
    out.end();
    await finished(out);
    await beforeRename?.(await stat(temp));
    await rename(temp, path);
    return result;
  } catch (error) {
    out.destroy();
    await rm(temp, { force: true });
    throw out.errored ? cannotWrite(path, out.errored) : error;
  }
}
