/**
 * Request counters for tests of politeness (e.g. at most one in flight): a request counts as
 * in flight until its response body is fully delivered, fails or is cancelled.
 */
import type { Middleware } from "./compose.js";

export class RequestCounters {
  requests = 0;
  inFlight = 0;
  maxInFlight = 0;

  /** Restarts the request count and the in-flight maximum. */
  reset(): void {
    this.requests = 0;
    this.maxInFlight = this.inFlight;
  }
}

export function countRequests(counters: RequestCounters): Middleware {
  return async (_ctx, next) => {
    counters.requests++;
    counters.inFlight++;
    counters.maxInFlight = Math.max(counters.maxInFlight, counters.inFlight);
    let finished = false;
    const finish = () => {
      if (!finished) {
        finished = true;
        counters.inFlight--;
      }
    };
    try {
      return trackDelivery(await next(), finish);
    } catch (error) {
      finish();
      throw error;
    }
  };
}

/** The response with `done` called once its body is fully read, fails or is cancelled. */
function trackDelivery(response: Response, done: () => void): Response {
  const source = response.body;
  if (!source) {
    done();
    return response;
  }
  const reader = source.getReader();
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done: end, value } = await reader.read();
          if (end) {
            done();
            controller.close();
          } else {
            controller.enqueue(value);
          }
        } catch (error) {
          done();
          controller.error(error);
        }
      },
      cancel(reason) {
        done();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, { status: response.status, headers: response.headers });
}
