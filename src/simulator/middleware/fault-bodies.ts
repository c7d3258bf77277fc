/**
 * Bodies broken the ways a network or a server breaks them: sent slowly, stalled, dropped,
 * or a gzip stream cut short. Each pulls from the real body only as the client reads.
 */
import { sleep } from "../http.js";

/** The response with its body passed through `alter`. */
export function alterBody(
  response: Response,
  alter: (body: ReadableStream<Uint8Array>) => ReadableStream<Uint8Array>,
): Response {
  const body = response.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() });
  const headers = new Headers(response.headers);
  headers.delete("content-length"); // the altered body is not what the length described
  return new Response(alter(body), { status: response.status, headers });
}

/** The next chunk, cut to at most `room` bytes; undefined at the end of the body. */
async function nextPiece(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  room: number,
): Promise<Uint8Array | undefined> {
  const { done, value } = await reader.read();
  if (done) return undefined;
  return value.byteLength > room ? value.slice(0, room) : value;
}

/** The body in pieces of `chunkBytes`, one every `intervalMs`. */
export function trickle(
  body: ReadableStream<Uint8Array>,
  chunkBytes: number,
  intervalMs: number,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const size = Math.max(1, Math.floor(chunkBytes));
  let pending: Uint8Array = new Uint8Array(0);
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        while (pending.byteLength === 0) {
          const { done, value } = await reader.read();
          if (done) {
            controller.close();
            return;
          }
          pending = value;
        }
        await sleep(intervalMs);
        if (cancelled) return;
        controller.enqueue(pending.slice(0, size));
        pending = pending.subarray(size);
      },
      cancel(reason) {
        cancelled = true;
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/** The first `afterBytes` of the body, then nothing until the client cancels. */
export function stall(
  body: ReadableStream<Uint8Array>,
  afterBytes: number,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let sent = 0;
  let release: (() => void) | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (sent >= afterBytes) {
          void reader.cancel().catch(() => {});
          return new Promise<void>((resolve) => {
            release = resolve;
          });
        }
        const piece = await nextPiece(reader, afterBytes - sent);
        if (!piece) return controller.close();
        sent += piece.byteLength;
        controller.enqueue(piece);
      },
      cancel(reason) {
        release?.();
        return reader.cancel(reason).catch(() => {});
      },
    },
    { highWaterMark: 0 },
  );
}

/** The first `afterBytes` of the body, then an error: never a clean end. */
export function drop(
  body: ReadableStream<Uint8Array>,
  afterBytes: number,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let sent = 0;
  const broken = () => new TypeError(`The connection was dropped after ${sent} bytes (simulated)`);
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (sent >= afterBytes) {
          await reader.cancel().catch(() => {});
          controller.error(broken());
          return;
        }
        const piece = await nextPiece(reader, afterBytes - sent);
        if (!piece) {
          controller.error(broken());
          return;
        }
        sent += piece.byteLength;
        controller.enqueue(piece);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/** Passes a gzip stream on without its last bytes (and at most 16 KiB of it): a cut body. */
export function cutGzip(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const hold = 12; // more than the 8-byte trailer, so the deflate data is cut too
  const limit = 16 * 1024;
  let held: Uint8Array = new Uint8Array(0);
  let sent = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          if (sent >= limit) {
            await reader.cancel().catch(() => {});
            controller.close();
            return;
          }
          const { done, value } = await reader.read();
          if (done) {
            controller.close();
            return;
          }
          const joined = new Uint8Array(held.byteLength + value.byteLength);
          joined.set(held);
          joined.set(value, held.byteLength);
          const out = joined.subarray(
            0,
            Math.max(0, Math.min(joined.byteLength - hold, limit - sent)),
          );
          held = joined.slice(out.byteLength);
          if (out.byteLength > 0) {
            sent += out.byteLength;
            controller.enqueue(out.slice());
            return;
          }
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
