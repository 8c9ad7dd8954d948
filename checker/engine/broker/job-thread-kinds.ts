// The first byte of every message to a worker's job: what it is. Shared by
// the job's thread and the coordinator, which sends the requests.

import type { Kind } from "../parallel/transport.ts";

export const KINDS: readonly (Kind | "request")[] = ["steps", "verdict", "states", "request"];
