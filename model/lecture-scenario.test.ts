// The lecture's own scenario: a partition keeps S1 from the view service, S2
// becomes primary, S1 still thinks it is primary, and S1 cannot complete a
// client request, whatever happens next.

import { describe, expect, it } from "vitest";
import { check } from "../checker/engine/bfs.ts";
import { playLabels } from "../checker/trace/play.ts";
import { protocolConfig } from "./config.ts";
import { protocolSpec } from "./protocol-spec.ts";
import type { State } from "./types.ts";

const config = protocolConfig.parse({
  servers: 3,
  clients: [["Put x 1"]],
  maxView: 4,
  suspicion: "faulty",
  start: "stable-view",
  faults: { crashes: 0, restarts: 0, partitions: 1, heals: 0, drops: 0, duplicates: 0 },
});
const spec = protocolSpec(config);
const [start] = spec.initialStates();

const VIEW_2 = "view 2: primary S1, backup S2";
const VIEW_3 = "view 3: primary S2, backup S3";

// C1 learns view 2 before the partition, so it will keep talking to S1.
const split = playLabels(spec, start!, [
  "C1 sends GetView to VS",
  "C1 → VS GetView",
  `VS → C1 ViewReply(${VIEW_2})`,
  "cut S1–VS",
  "VS suspects S1",
  "S2 sends Ping(2) to VS",
  "S2 → VS Ping(2)",
  `VS → S2 ViewReply(${VIEW_3})`,
]);

const successFromS1 = (s: State) => s.network.some((m) => m.kind === "Reply" && m.from === "S1" && m.reply.ok);

describe("the lecture's partition scenario", () => {
  it("leaves S1 and S2 both believing they are primary, of views 2 and 3", () => {
    expect(split.servers[0]!.view).toEqual({ num: 2, primary: "S1", backup: "S2" });
    expect(split.servers[1]!.view).toEqual({ num: 3, primary: "S2", backup: "S3" });
    expect(split.vs.view.num).toBe(3);
  });

  it("shows S2 rejecting S1's forward, so S1 answers its client with an error", () => {
    const after = playLabels(spec, split, [
      "C1 sends Request(#1 Put x=1) to S1",
      "C1 → S1 Request(#1 Put x=1)",
      "S1 → S2 Forward(C1#1 Put x=1, view 2)",
      "S2 → S1 ForwardReply(C1#1 rejected, view 2)",
    ]);
    expect(after.network).toContainEqual({ kind: "Reply", from: "S1", to: "C1", seq: 1, reply: { ok: false, error: "wrong-server" } });
  });

  it("never lets S1 complete a request, in any continuation", async () => {
    const fromSplit = {
      ...spec,
      initialStates: () => [split],
      invariants: [{ name: "S1 completes no request", holds: (s: State) => !successFromS1(s) }],
      witnesses: [
        { name: "S1 answered C1 with an error", reached: (s: State) => s.network.some((m) => m.kind === "Reply" && m.from === "S1") },
        { name: "C1's Put completed through S2", reached: (s: State) => s.clients[0]!.done === 1 },
      ],
    };
    const result = await check(fromSplit);
    expect(result.verdict.kind).toBe("pass");
    expect(result.witnesses.map((w) => w.trace !== undefined)).toEqual([true, true]);
  });
});
