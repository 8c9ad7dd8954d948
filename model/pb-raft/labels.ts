// How a person reads the composed model: primary-backup steps as that model
// shows them, Raft steps with the replicas named V1..Vn (S1.. are the
// primary-backup servers here), and each replica's log as the tables it holds.

import type { DiagramStep } from "../../checker/engine/diagram-hook.ts";
import type { StepInfo } from "../../checker/engine/path-costs.ts";
import * as pb from "../labels.ts";
import { fieldHelp as pbFieldHelp, present as pbPresent } from "../present.ts";
import * as raft from "../raft/labels.ts";
import type { ViewService } from "../types.ts";
import type { PbRaftContext } from "./context.ts";
import { tableAt } from "./tables.ts";
import { replicaName, type PbRaftAction, type PbRaftState } from "./types.ts";

/** Raft's texts name servers S1..; here they are the replicas V1.. */
const asReplicas = (text: string): string => text.replace(/\bS(\d+)\b/g, "V$1");

const showTable = (t: ViewService): string => `${pb.showView(t.view)}${t.acked ? ", acked" : ""}`;

export function label(action: PbRaftAction): string {
  switch (action.kind) {
    case "Pb":
      return pb.label(action.action);
    case "Raft":
      return asReplicas(raft.label(action.action));
    case "Serve":
      return `${pb.showDelivery(action.message)}, at ${replicaName(action.replica)}`;
    case "Suspect":
      return `${replicaName(action.replica)}, leader of the view service, suspects ${action.server}`;
  }
}

export function stepInfo(action: PbRaftAction): StepInfo {
  switch (action.kind) {
    case "Pb":
      return pb.stepInfo(action.action);
    case "Raft": {
      const info = raft.stepInfo(action.action);
      return { ...info, actor: asReplicas(info.actor) };
    }
    case "Serve":
    case "Suspect":
      return { actor: replicaName(action.replica), fault: false };
  }
}

export function diagramStep(action: PbRaftAction): DiagramStep | undefined {
  switch (action.kind) {
    case "Pb":
      return pb.diagramStep(action.action);
    case "Raft": {
      const drawn = raft.diagramStep(action.action);
      if (drawn === undefined) return undefined;
      return drawn.kind === "arrow"
        ? { ...drawn, from: asReplicas(drawn.from), to: asReplicas(drawn.to), text: drawn.text }
        : { ...drawn, over: drawn.over.map(asReplicas) };
    }
    case "Serve":
      // Drawn to the service, where servers send it, naming the replica that answers.
      return { kind: "arrow", from: action.message.from, to: "VS", text: `${pb.showMessage(action.message)}, at ${replicaName(action.replica)}` };
    case "Suspect":
      return { kind: "note", over: [replicaName(action.replica)], text: `suspects ${action.server}`, event: true };
  }
}

export function present(ctx: PbRaftContext, state: PbRaftState): Record<string, unknown> {
  const { VS, ...rest } = pbPresent(ctx.pb, state.pb);
  const cluster = raft.present(state.cluster) as Record<string, unknown>;
  const replicas = state.cluster.servers.map((s, i) => {
    const shown = cluster[`S${i + 1}`] as Record<string, unknown>;
    const tables = s.log.map((term, k) => `${k + 1}@${term} ${showTable(tableAt(state.tables, s.log, k + 1))}`);
    return [replicaName(i), { ...JSON.parse(asReplicas(JSON.stringify(shown))), tables: tables.join("; ") || "none" }] as const;
  });
  const rename = (key: string) => JSON.parse(asReplicas(JSON.stringify(cluster[key]))) as unknown;
  return {
    VS: VS,
    ...Object.fromEntries(replicas),
    "VS in flight": rename("in flight"),
    "VS cut links": rename("cut links"),
    "VS faults left": cluster["faults left"],
    "VS history": rename("history"),
    ...rest,
  };
}

const HELP: Readonly<Record<string, string>> = {
  VS: "VR-4: the newest table a replica has committed, the view service as the properties see it",
  "V.tables": "VR-1: the table each log entry holds, as index@term",
  "VS in flight": "Raft's messages between the view service's replicas",
  "VS cut links": "links between replicas a partition has cut",
  "VS faults left": "what is left of the replicas' fault budgets",
  "VS history": "Raft's history variables, for its properties",
};

export function fieldHelp(path: string): string | undefined {
  const [head, field] = path.split(".");
  if (head !== undefined && /^V\d+$/.test(head)) return field === "tables" ? HELP["V.tables"] : raft.fieldHelp(`S1.${field}`);
  if (head === "VS" && field === undefined) return HELP.VS;
  return HELP[head ?? ""] ?? pbFieldHelp(path);
}

/** Messages in flight, written as the arrows that deliver them are, so a diagram can tell which step sent each. */
export const inFlightArrows = (state: PbRaftState) => [
  ...state.pb.network.map((m) => ({ from: m.from, to: m.to, text: pb.showMessage(m) })),
  ...state.cluster.network.map((m) => ({ from: replicaName(m.from), to: replicaName(m.to), text: raft.showMessage(m) })),
];

export const diagramParticipants = (ctx: PbRaftContext): string[] => [
  ...Array.from({ length: ctx.config.viewService.servers }, (_, i) => replicaName(i)),
  "VS",
  ...ctx.pb.serverNames,
  ...ctx.pb.clientNames,
];
