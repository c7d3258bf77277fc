/** The fault matrix over the platform's fetch (fault-matrix.ts), and the session expiry cases. */
import { faultMatrix } from "./fault-matrix.js";

faultMatrix("fetch", true);
