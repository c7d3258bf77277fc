/**
 * A small hostile DCS on 127.0.0.1 that serves readings of both API generations for any
 * range, one reading per period, and can refuse long ranges or bend a response's timestamps,
 * for the faults the simulator never makes.
 */
import { addPeriods, isPeriodType, type PeriodType } from "../../src/core/periods.js";
import { formatUtcSeconds, toInstant } from "../../src/core/time.js";
import { type RawServer, startRawServer } from "../reliability/helpers.js";

export interface ReadingsServerOptions {
  /** Refuse spans longer than this many days with the "range too long" 400. Default: no limit. */
  rangeLimitDays?: number;
  /**
   * The instants a readings response carries, given the ones a correct server sends and the
   * request's number among those for the same source (from 0). Read at every request, so a
   * test may change it between calls. Default: unchanged.
   */
  bend?: ((times: number[], request: number) => number[]) | undefined;
  /** Raw JSON members put before the readings array of the current API's header. */
  extraHeader?: string;
}

export interface ReadingsServer extends RawServer {
  /** `<url>/DCSWebApi` */
  webApiUrl: string;
  /** `<url>/DCS` */
  v3Url: string;
  /** Every readings request, in order: its path and query, and what was answered. */
  requests: ServedRequest[];
}

export interface ServedRequest {
  path: string;
  /** The source asked for: `R1`, `VM9` (current API), `1` (legacy API). */
  source: string;
  /** The span asked for, in epoch ms. */
  start: number;
  end: number;
  /** The instants of the readings sent; undefined if the request was refused. */
  times?: number[];
}

/** The value of the reading at instant `t`: a meter total that grows by 1 per half hour. */
export const valueAt = (t: number) => t / 1_800_000;

export async function startReadingsServer(
  options: ReadingsServerOptions = {},
): Promise<ReadingsServer> {
  const requests: ServedRequest[] = [];
  const server = await startRawServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const q = url.searchParams;
    const send = (status: number, body: string) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
      res.end(body);
    };
    const webApi = /\/DCSWebApi\/(public\/)?readings$/.test(url.pathname);
    const v3 = /\/DCS\/api\/(registerReadings|virtualMeterReadings)\/list$/.test(url.pathname);
    if (!webApi && !v3) return send(404, '{"details":"Not found"}');
    const periodText = q.get(webApi ? "periodType" : "integrationPeriod") ?? "halfHour";
    if (!isPeriodType(periodText)) return send(400, `{"details":"Bad period ${periodText}"}`);
    const period: PeriodType = periodText;
    const start = toInstant(q.get(webApi ? "startTime" : "start") ?? "", "start");
    const end = toInstant(q.get(webApi ? "endTime" : "end") ?? "", "end");
    const source = q.get("id") ?? q.get("registerId") ?? q.get("virtualMeterId") ?? "";
    const number = requests.filter((r) => r.source === source).length;
    const request: ServedRequest = { path: `${url.pathname}${url.search}`, source, start, end };
    requests.push(request);
    const days = (end - start) / 86_400_000;
    if (options.rangeLimitDays !== undefined && days > options.rangeLimitDays) {
      return send(
        400,
        `{"details":"The requested range of ${days} days exceeds the maximum of ${options.rangeLimitDays} days."}`,
      );
    }
    const times: number[] = [];
    for (let t = start; t < end; t = addPeriods(t, period, 1)) times.push(t);
    const served = options.bend ? options.bend(times, number) : times;
    request.times = served;
    if (webApi) {
      const readings = served.map(
        (t) => `{"timestamp":"${formatUtcSeconds(t)}","value":${valueAt(t)},"status":0}`,
      );
      return send(
        200,
        `{"startTime":"${formatUtcSeconds(start)}","endTime":"${formatUtcSeconds(end)}",` +
          `"name":"Main: kWh","periodType":"${period}","unit":"kWh","readingDuration":0,` +
          `${options.extraHeader ?? ""}"readings":[${readings.join(",")}]}`,
      );
    }
    const readings = served.map(
      (t, i) =>
        `{"id":${i + 1},"startTime":"${formatUtcSeconds(t)}","duration":${(addPeriods(t, period, 1) - t) / 60_000},` +
        `"totalValue":${valueAt(t)},"periodValue":1,"isGenerated":false,"isInterpolated":false}`,
    );
    return send(200, `[${readings.join(",")}]`);
  });
  return {
    ...server,
    webApiUrl: `${server.url}/DCSWebApi`,
    v3Url: `${server.url}/DCS`,
    requests,
  };
}
