/**
 * Fault injection: rules that make matching requests slow, broken or refused, to test how a
 * client copes with everything a real server, IIS or the network can do. The rules are in
 * `fault-rules.ts`, the answers that replace a response in `fault-answers.ts`, the broken
 * bodies in `fault-bodies.ts`.
 */
import { sleep } from "../http.js";
import type { Middleware } from "./compose.js";
import { gzipResponse } from "./encoding.js";
import { faultAnswer, isReplacing } from "./fault-answers.js";
import { alterBody, cutGzip, drop, stall, trickle } from "./fault-bodies.js";
import type { Fault, FaultRules } from "./fault-rules.js";

/**
 * Applies the faults of the matching rules: latency first, then a replacement if any fault
 * replaces the answer, else the real answer with its body altered. It stands outside the
 * encoding, so a body is broken as the client would receive it.
 */
export function injectFaults(rules: FaultRules): Middleware {
  return async (ctx, next) => {
    const faults = rules.take(ctx.request.method, ctx.path);
    for (const fault of faults)
      if (fault.kind === "latency") await sleep(fault.ms, ctx.request.signal);
    const replacing = faults.find(isReplacing);
    if (replacing) return faultAnswer(replacing, next);
    let response = await next();
    for (const fault of faults) response = await breakBody(fault, response);
    return response;
  };
}

async function breakBody(fault: Fault, response: Response): Promise<Response> {
  switch (fault.kind) {
    case "gzipTruncated":
      return alterBody(await gzipResponse(response), cutGzip);
    case "trickle":
      return alterBody(response, (body) => trickle(body, fault.chunkBytes, fault.intervalMs));
    case "stall":
      return alterBody(response, (body) => stall(body, fault.afterBytes ?? 0));
    case "drop":
      return alterBody(response, (body) => drop(body, fault.afterBytes));
    default:
      return response;
  }
}
