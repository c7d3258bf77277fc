/**
 * coherent-dcs in Node: the browser entry's API (src/index.ts), with clients that send their
 * requests on node:http rather than Node's fetch, which costs more time per request and more
 * memory per streamed body (transport/node-http.ts). The package's "node" export condition
 * resolves `coherent-dcs` here.
 *
 * @packageDocumentation
 */
import { useNodeHttp } from "./transport/node-http.js";

useNodeHttp();

export * from "./index.js";
