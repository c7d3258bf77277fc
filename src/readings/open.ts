/**
 * Opening a readings response, for both clients: its body is read up to the start of the
 * readings array (a current-API header before it is then known), and its readings are checked,
 * as they stream, to lie in the span asked for.
 */
import { DcsProtocolError } from "../core/errors.js";
import { validationError } from "../schemas/validate.js";
import { takeBody } from "../transport/body.js";
import { displayUrl } from "../transport/errors-from-response.js";
import { ReadingsBodySource } from "./body.js";
import type { ReadingCodec } from "./codecs.js";
import {
  completeHeader,
  decodeHeader,
  type HeaderRange,
  pendingHeader,
  type ReadingsHeader,
} from "./header.js";
import type { BatchSource } from "./readings.js";
import type { ArrayLocation } from "./scanner.js";
import { type ReadingsSpan, SpanCheck } from "./span.js";

/** The request, for errors. */
interface RequestContext {
  method: string;
  url: string;
  status: number;
}

export interface OpenReadingsOptions<R> {
  codec: ReadingCodec<R>;
  /** Where the response's readings must lie. */
  span: ReadingsSpan;
  /** The caller's signal, for the stream. */
  signal: AbortSignal | undefined;
}

/** A legacy v3 response: the document is the readings array. */
export async function openReadingsArray<R>(
  response: Response,
  options: OpenReadingsOptions<R>,
): Promise<BatchSource<R>> {
  const { body, context } = readingsBody(response, "root", options);
  return opened(body, () => checked(body, "root", context, options));
}

/** A current-API response: a result object whose members are the header and the array. */
export async function openReadingsResult<R>(
  response: Response,
  options: OpenReadingsOptions<R> & {
    /** The range the header reports instead of the server's. */
    range?: HeaderRange | undefined;
  },
): Promise<{ source: BatchSource<R>; header: ReadingsHeader }> {
  let header: ReadingsHeader | undefined; // handed out once the array has begun
  let decodedMembers = -1; // members seen when the header was decoded: the end decodes only if more came
  const { body, context } = readingsBody(response, "member", options, (members) => {
    if (body.memberCount === decodedMembers) return;
    const complete = decodeHeader(members, context, true, options.range);
    if (complete && header) completeHeader(header, complete);
  });
  return opened(body, () => {
    if (!body.hasArray) {
      throw validationError(
        "readings result",
        [{ path: ["readings"], message: "expected an array, got nothing" }],
        context,
      );
    }
    header = decodeHeader(body.members, context, false, options.range);
    if (header) decodedMembers = body.memberCount;
    else header = pendingHeader(options.range);
    return { source: checked(body, "member", context, options), header };
  });
}

function readingsBody<R>(
  response: Response,
  location: ArrayLocation,
  { codec, signal }: OpenReadingsOptions<R>,
  onEnd?: (members: ReadonlyMap<string, unknown>) => void,
): { body: ReadingsBodySource<R>; context: RequestContext } {
  const context = { method: "GET", url: displayUrl(response.url), status: response.status };
  if (!response.body) {
    // An empty body is not JSON: the same error as for every other call.
    throw new DcsProtocolError(
      `GET ${context.url}: expected JSON readings, got an empty body`,
      context,
    );
  }
  const body = takeBody(response);
  return {
    body: new ReadingsBodySource<R>({ body, location, codec, context, signal, onEnd }),
    context,
  };
}

/** Reads up to the array, then `then()`; a failure of either frees the response. */
async function opened<R, T>(body: ReadingsBodySource<R>, then: () => T): Promise<T> {
  try {
    await body.open();
    return then();
  } catch (error) {
    await body.cancel(error);
    throw error;
  }
}

function checked<R>(
  body: ReadingsBodySource<R>,
  location: ArrayLocation,
  context: RequestContext,
  { codec, span }: OpenReadingsOptions<R>,
): BatchSource<R> {
  return new SpanCheck(body, { span, timeOf: codec.timeOf, location, context });
}
