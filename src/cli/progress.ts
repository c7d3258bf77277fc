/**
 * Progress on stderr: a bar per running download (readings/s and ETA) while a terminal is
 * attached, one plain line per finished file otherwise, nothing with `--quiet`.
 */
import type { Writable } from "node:stream";
import cliProgress from "cli-progress";

export interface Progress {
  begin(wire: string, readings?: unknown): void;
  advance(wire: string): void;
  end(wire: string, rows: number, error?: unknown): void;
  stop(): void;
}

export type ProgressMode = "bar" | "lines" | "quiet";

export function progressMode(stream: Writable & { isTTY?: boolean }, quiet: boolean): ProgressMode {
  if (quiet) return "quiet";
  return stream.isTTY ? "bar" : "lines";
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** `expected` is the number of readings a full download of one source should give. */
export function createProgress(mode: ProgressMode, stream: Writable, expected: number): Progress {
  const started = new Map<string, number>();
  const counts = new Map<string, number>();
  const describeEnd = (wire: string, rows: number, error?: unknown) => {
    const ms = performance.now() - (started.get(wire) ?? performance.now());
    return error === undefined
      ? `${wire}: ${rows.toLocaleString("en-GB")} readings in ${seconds(ms)}`
      : `${wire}: failed after ${rows.toLocaleString("en-GB")} readings: ${error instanceof Error ? error.message : String(error)}`;
  };

  if (mode !== "bar") {
    return {
      begin: (wire) => started.set(wire, performance.now()),
      advance: () => {},
      end: (wire, rows, error) => {
        if (mode === "lines" || error !== undefined)
          stream.write(`${describeEnd(wire, rows, error)}\n`);
      },
      stop: () => {},
    };
  }

  const bars = new cliProgress.MultiBar(
    {
      stream: stream as NodeJS.WriteStream,
      format:
        " {wire} |{bar}| {percentage}% {value}/{total} readings | {rate}/s | ETA {eta_formatted}",
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const active = new Map<string, cliProgress.SingleBar>();
  const refresh = () => {
    for (const [wire, bar] of active) {
      const count = counts.get(wire) ?? 0;
      const ms = performance.now() - (started.get(wire) ?? performance.now());
      bar.update(Math.min(count, expected), {
        wire,
        rate: ms > 0 ? Math.round((count / ms) * 1000) : 0,
      });
    }
  };
  const timer = setInterval(refresh, 100);
  timer.unref();
  return {
    begin(wire) {
      started.set(wire, performance.now());
      counts.set(wire, 0);
      active.set(wire, bars.create(Math.max(expected, 1), 0, { wire, rate: 0 }));
    },
    advance(wire) {
      counts.set(wire, (counts.get(wire) ?? 0) + 1);
    },
    end(wire, rows, error) {
      refresh();
      const bar = active.get(wire);
      if (bar) {
        bar.update(Math.min(rows, expected));
        bars.remove(bar);
        active.delete(wire);
      }
      bars.log(`${describeEnd(wire, rows, error)}\n`);
    },
    stop() {
      clearInterval(timer);
      bars.stop();
    },
  };
}
