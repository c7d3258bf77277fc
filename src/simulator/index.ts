/**
 * `coherent-dcs/simulator`: a deterministic DCS server for tests, demos and development.
 *
 * ```ts
 * import { createDcsSimulator, startDcsSimulator } from "coherent-dcs/simulator";
 *
 * const sim = createDcsSimulator({ seed: 1 });          // a fetch handler: no sockets, runs in browsers
 * const dcs = new DcsWebApi("http://dcs.test/DCSWebApi", { fetch: sim.fetch });
 *
 * const server = await startDcsSimulator({ port: 0 });  // Node: real HTTP on 127.0.0.1
 * // server.webApiUrl, server.v3Url ... await server.close();
 * ```
 *
 * Nothing here imports `node:` modules statically; `startDcsSimulator` loads `node:http` when
 * it is called.
 */
export type { Fault, FaultRule } from "./middleware/fault-rules.js";
export {
  type RunningDcsSimulator,
  type StartDcsSimulatorOptions,
  startDcsSimulator,
} from "./node.js";
export type { DcsSimulatorOptions, DcsSimulatorUser } from "./options.js";
export { DEFAULT_USERS } from "./options.js";
export {
  createDcsSimulator,
  type DcsSimulator,
  type DcsSimulatorStats,
  type SimulatorEstate,
} from "./simulator.js";
export type {
  SimCalibration,
  SimGap,
  SimIdc,
  SimIdcSettings,
  SimMeter,
  SimMeterGroup,
  SimMeterType,
  SimModbusDevice,
  SimRegister,
  SimRegisterAlias,
  SimRegisterType,
  SimReset,
  SimVirtualMeter,
} from "./types.js";
