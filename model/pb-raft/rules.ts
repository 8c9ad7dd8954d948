// The rule branches the composed model adds to its two protocols', for rule
// coverage: every branch a glue rule can take, by ID (spec/pb-raft/rules.md).

import { RULE_BRANCHES } from "../rules.ts";
import { RAFT_RULE_BRANCHES } from "../raft/rules.ts";

export const PB_RAFT_RULE_BRANCHES = ["VR-2", "VR-3", "VR-3 uncommitted entries held back"] as const;

/** Every branch of the composed model: the glue's, then primary-backup's, then Raft's. */
export const ALL_BRANCHES: readonly string[] = [...PB_RAFT_RULE_BRANCHES, ...RULE_BRANCHES, ...RAFT_RULE_BRANCHES];
