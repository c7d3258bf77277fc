/**
 * The answers of the faults that replace a response: a reset, a 5xx, an IIS error page,
 * broken or mis-shaped JSON, an empty body, a 429.
 */
import { emptyResponse, errorResponse, JSON_CONTENT_TYPE } from "../http.js";
import type { Next } from "./compose.js";
import type { Fault } from "./fault-rules.js";

const REPLACING = [
  "reset",
  "status",
  "html",
  "malformed",
  "wrongShape",
  "empty",
  "rateLimit",
] as const;

type ReplacingFault = Extract<Fault, { kind: (typeof REPLACING)[number] }>;

export const isReplacing = (fault: Fault): fault is ReplacingFault =>
  (REPLACING as readonly string[]).includes(fault.kind);

const json = (text: string) =>
  new Response(text, { status: 200, headers: { "content-type": JSON_CONTENT_TYPE } });

/** What the client gets instead of the real answer (which only `wrongShape` looks at). */
export async function faultAnswer(fault: ReplacingFault, real: Next): Promise<Response> {
  switch (fault.kind) {
    case "reset":
      throw new TypeError("The connection was reset (simulated)");
    case "status":
      return statusAnswer(fault);
    case "html":
      return new Response(iisPage(fault.status), {
        status: fault.status,
        headers: { "content-type": "text/html; charset=utf-8", server: "Microsoft-IIS/10.0" },
      });
    case "malformed":
      return json('[{"id":405,"name":"Sample meter","registers":[{"id":733,"unit":"kWh"');
    case "empty":
      return emptyResponse(200, { "content-type": JSON_CONTENT_TYPE });
    case "wrongShape":
      return json(
        (await firstCharacter(await real())) === "["
          ? '{"items":[],"note":"an object where an array belongs"}'
          : '[{"note":"an array where an object belongs"}]',
      );
    case "rateLimit": {
      const seconds = fault.retryAfterSeconds;
      const headers: Record<string, string> =
        seconds === null ? {} : { "retry-after": String(seconds ?? 1) };
      return errorResponse(
        429,
        "API calls quota exceeded! (simulated)",
        { backOffSuggestion: fault.backOffSeconds ?? seconds ?? 1 },
        headers,
      );
    }
  }
}

function statusAnswer(fault: Extract<Fault, { kind: "status" }>): Response {
  const headers: Record<string, string> = {};
  if (fault.retryAfterSeconds !== undefined)
    headers["retry-after"] = String(fault.retryAfterSeconds);
  if (fault.body === undefined) {
    return errorResponse(
      fault.status,
      `Simulated fault: ${fault.status} ${REASONS[fault.status] ?? ""}`.trim(),
      {},
      headers,
    );
  }
  const type = /^\s*[[{]/.test(fault.body) ? JSON_CONTENT_TYPE : "text/plain; charset=utf-8";
  return new Response(fault.body, {
    status: fault.status,
    headers: { ...headers, "content-type": type },
  });
}

const REASONS: Record<number, string> = {
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

function iisPage(status: number): string {
  const reason = REASONS[status] ?? (status === 200 ? "OK" : "Error");
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"/>
<title>${status} - ${reason}</title>
</head>
<body>
<div id="header"><h1>Server Error</h1></div>
<div id="content">
 <div class="content-container"><fieldset>
  <h2>${status} - ${reason}.</h2>
  <h3>There is a problem with the resource you are looking for, and it cannot be displayed.</h3>
 </fieldset></div>
</div>
</body>
</html>
`;
}

/** The first non-space character of a body, cancelling the rest. */
async function firstCharacter(response: Response): Promise<string> {
  if (!response.body) return "";
  // The real answer may already be gzipped for the client: look at the JSON, not the bytes.
  const gzipped = response.headers.get("content-encoding") === "gzip";
  const body = gzipped
    ? response.body.pipeThrough(
        new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>,
      )
    : response.body;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return "";
      const text = new TextDecoder().decode(value).trimStart();
      if (text !== "") return text[0] as string;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}
