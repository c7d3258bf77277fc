/**
 * A JSON body streamed lazily: a head, the rows of a source written one batch at a time, and
 * a tail. Pull-based, so a slow reader holds back production and memory stays flat.
 */
import { JSON_CONTENT_TYPE } from "../http.js";
import { type RowSource, Rows } from "./rows.js";

/** Aim for chunks of about this many characters (bytes for ASCII JSON). */
const CHUNK_CHARS = 32 * 1024;

export interface StreamedJson {
  head: string;
  tail: string;
  source: RowSource;
  /** The JSON text of row `i` of a batch. */
  row(rows: Rows, i: number): string;
}

/** A 200 whose JSON body is streamed as it is read. */
export function streamedJsonResponse(parts: StreamedJson): Response {
  return new Response(streamJson(parts), {
    status: 200,
    headers: { "content-type": JSON_CONTENT_TYPE },
  });
}

function streamJson(parts: StreamedJson): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const rows = new Rows();
  let started = false;
  let more = true;
  let first = true;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        let text = started ? "" : parts.head;
        started = true;
        while (more && text.length < CHUNK_CHARS) {
          more = parts.source.fill(rows);
          for (let i = 0; i < rows.n; i++) {
            text += first ? parts.row(rows, i) : `,${parts.row(rows, i)}`;
            first = false;
          }
        }
        if (!more) text += parts.tail;
        if (text.length > 0) controller.enqueue(encoder.encode(text));
        if (!more) controller.close();
      },
    },
    { highWaterMark: 0 },
  );
}
