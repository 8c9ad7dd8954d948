// The configuration of the composed model: a primary-backup configuration for
// the servers and clients, and a Raft configuration for the view service's
// replicas. Each part is validated by its own protocol's schema.

import { z } from "zod";
import { protocolConfig } from "../config.ts";
import { raftConfig } from "../raft/config.ts";

import { PB_RAFT_VARIANTS } from "./variant-catalog.ts";

export const pbRaftConfig = z.strictObject({
  description: z.string().optional(),
  /** The servers, clients, views and fault budgets of the primary-backup protocol; its "VS" is the replicated service. */
  primaryBackup: protocolConfig,
  /** The view service's replicas as a Raft cluster: `servers` replicas, terms, log entries (one per table change) and faults. */
  viewService: raftConfig,
  /**
   * "empty": the replicas start as Raft does, with no leader. "elected": they
   * start where Raft is once V1 has won term 1's election and every vote was
   * answered (a state Raft reaches; the search skips the first election).
   */
  start: z.enum(["empty", "elected"]).default("elected"),
  /** Classic mistakes of a replicated view service (spec/pb-raft/rules.md). */
  variants: z.array(z.enum(PB_RAFT_VARIANTS)).default([]),
})
  .refine((c) => c.primaryBackup.start === "empty", {
    message: 'the replicated view service starts with no view: start "stable-view" would need its views in the replicas\' logs',
    path: ["primaryBackup", "start"],
  })
  .refine((c) => c.viewService.variants.length === 0, {
    message: "the view-service tables are named by index and term, which needs Raft's Election Safety: check Raft's mistakes with --spec raft",
    path: ["viewService", "variants"],
  })
  .refine((c) => !c.viewService.termWindow, { message: "the replicas' logs keep their terms: termWindow is for elections without entries", path: ["viewService", "termWindow"] })
  .refine((c) => !c.primaryBackup.variants.includes("vs-amnesia"), {
    message: "vs-amnesia restarts the single view service; here its replicas crash and restart under Raft (viewService.faults)",
    path: ["primaryBackup", "variants"],
  });

export type PbRaftConfig = z.infer<typeof pbRaftConfig>;
