/** The fault matrix over the node:http stack the Node build uses (fault-matrix.ts). */
import { faultMatrix } from "./fault-matrix.js";

faultMatrix("node:http", false);
