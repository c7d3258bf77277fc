/**
 * Reading a small JSON response (meters, sign-in results...) and validating it. A body that is
 * not JSON, such as an IIS error page served with 200, is a protocol error, never `undefined`.
 */
import type * as z from "zod/mini";
import { DcsError, DcsProtocolError, quoteServerText } from "../core/errors.js";
import { validate } from "../schemas/validate.js";
import { takeBody } from "./body.js";
import { displayUrl } from "./errors-from-response.js";

/** What a failed parse should say the body looked like. */
function describeBody(text: string, contentType: string | null): string {
  const trimmed = text.trim();
  if (trimmed === "") return "an empty body";
  if (contentType?.includes("html") || trimmed.startsWith("<")) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(trimmed)?.[1]?.trim();
    return title ? `an HTML page ("${quoteServerText(title, 200)}")` : "an HTML page";
  }
  return `text that is not JSON (${JSON.stringify(quoteServerText(trimmed, 60))})`;
}

/** Parses and validates a JSON response body against `schema`. */
export async function readJson<S extends z.ZodMiniType>(
  response: Response,
  schema: S,
  what: string,
  method = "GET",
): Promise<z.output<S>> {
  const url = displayUrl(response.url);
  const context = { method, url, status: response.status };
  let text: string;
  try {
    text = await takeBody(response).text();
  } catch (error) {
    if (error instanceof DcsError) throw error;
    throw new DcsProtocolError(`${method} ${url}: reading the body failed`, {
      ...context,
      cause: error,
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    throw new DcsProtocolError(
      `${method} ${url}: expected JSON ${what}, got ${describeBody(text, response.headers.get("content-type"))}`,
      { ...context, cause },
    );
  }
  return validate(schema, data, what, context);
}

/** Frees a response whose body we don't need (the transport holds its slot until then). */
export async function discardBody({ response }: { response: Response }): Promise<void> {
  await takeBody(response).cancel();
}
