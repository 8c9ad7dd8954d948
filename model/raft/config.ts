// The configuration of one Raft model: how many servers, how far terms and
// logs may grow, how timeouts fire, and the budget of every fault. Validated
// with zod: configuration files come from users.

import { z } from "zod";
import { RAFT_VARIANTS } from "./variant-catalog.ts";
import { RAFT_WITNESS_NAMES } from "./witness-names.ts";

const budget = z.number().int().min(0).max(5);

export const raftFaultBudgets = z.strictObject({
  /** Crash a server: it keeps currentTerm, votedFor and its log, and loses the rest (PS-1). */
  crashes: budget,
  /** Restart a crashed server as a follower. */
  restarts: budget,
  /** Cut the link between two servers: what is sent across it is lost. */
  partitions: budget,
  /** Heal every cut link. */
  heals: budget,
  /** Lose one message in flight. */
  drops: budget,
  /** Deliver a copy of a message and keep it in flight, to be delivered again. */
  duplicates: budget,
});

export const raftConfig = z
  .strictObject({
    description: z.string().optional(),
    servers: z.number().int().min(2).max(5),
    /** No server times out into a term above this (with "window", no term more than this above the oldest server's). */
    maxTerm: z.number().int().min(1).max(8),
    /** No leader appends an entry past this index (LD-2). */
    maxLog: z.number().int().min(0).max(4),
    /** At most this many messages in flight before a server may send a request; replies are always sent. */
    maxInFlight: z.number().int().min(1).max(20).optional(),
    /**
     * FL-2: "any" lets any follower or candidate time out at any moment;
     * "randomized" is what randomized timeouts buy (section 5.6): one timer
     * fires first and the others wait, and only after the last election's
     * votes were all answered.
     */
    timeouts: z.enum(["any", "randomized"]).default("any"),
    /**
     * Count terms from the oldest server's (TE-1), so that an election that
     * repeats forever is a loop the liveness check can find. Only without
     * log entries, where nothing else holds a term.
     */
    termWindow: z.boolean().default(false),
    faults: raftFaultBudgets,
    /** Witnesses this configuration cannot reach (say why in its description). */
    omitWitnesses: z.array(z.enum(RAFT_WITNESS_NAMES)).default([]),
    /** Classic mistakes to switch on (spec/raft/variants.md). */
    variants: z.array(z.enum(RAFT_VARIANTS)).default([]),
  })
  .refine((c) => !c.termWindow || c.maxLog === 0, { message: "termWindow needs maxLog 0: log entries keep their terms for good", path: ["termWindow"] })
  .refine((c) => !c.termWindow || !c.variants.includes("forget-on-restart"), {
    message: "termWindow counts on terms never going down, which forget-on-restart breaks",
    path: ["termWindow"],
  });

export type RaftConfig = z.infer<typeof raftConfig>;
