// How a person reads Raft's actions, messages and states: servers by name,
// logs as the paper draws them (the term of each entry, index 1 first).

import type { DiagramStep } from "../../checker/engine/diagram-hook.ts";
import type { StepInfo } from "../../checker/engine/path-costs.ts";
import { serverName as name, type Message, type RaftAction, type RaftServer, type RaftState } from "./types.ts";

export function showMessage(m: Message): string {
  switch (m.kind) {
    case "RequestVote":
      return `RequestVote(term ${m.term}, last entry ${m.lastLogIndex}@${m.lastLogTerm})`;
    case "Vote":
      return `Vote(term ${m.term}, ${m.granted ? "granted" : "refused"})`;
    case "AppendEntries":
      return `AppendEntries(term ${m.term}, after ${m.prevLogIndex}@${m.prevLogTerm}, ${m.entries.length === 0 ? "heartbeat" : `entry of term ${m.entries[0]}`}, commit ${m.leaderCommit})`;
    case "Appended":
      return `Appended(term ${m.term}, ${m.success ? `holds up to ${m.matchIndex}` : "refused"})`;
  }
}

const arrow = (m: Message) => `${name(m.from)} → ${name(m.to)} ${showMessage(m)}`;

export function label(action: RaftAction): string {
  switch (action.kind) {
    case "Timeout":
      return `${name(action.server)} times out`;
    case "RequestVote":
      return `${name(action.from)} asks ${name(action.to)} for its vote`;
    case "AppendEntries":
      return `${name(action.from)} sends AppendEntries to ${name(action.to)}`;
    case "Heartbeat":
      return `${name(action.from)} sends a heartbeat to ${name(action.to)}`;
    case "ClientRequest":
      return `a client command reaches leader ${name(action.server)}`;
    case "Deliver":
      return `deliver ${arrow(action.message)}`;
    case "Crash":
      return `crash ${name(action.server)}`;
    case "Restart":
      return `restart ${name(action.server)}`;
    case "Cut":
      return `cut ${name(action.a)}|${name(action.b)}`;
    case "Heal":
      return "heal every cut link";
    case "Drop":
      return `drop ${arrow(action.message)}`;
    case "Duplicate":
      return `duplicate ${arrow(action.message)}`;
  }
}

export function stepInfo(action: RaftAction): StepInfo {
  switch (action.kind) {
    case "Timeout":
    case "ClientRequest":
      return { actor: name(action.server), fault: false };
    case "RequestVote":
    case "AppendEntries":
    case "Heartbeat":
      return { actor: name(action.from), fault: false };
    case "Deliver":
      return { actor: name(action.message.to), fault: false };
    case "Crash":
    case "Restart":
      return { actor: name(action.server), fault: true };
    case "Cut":
    case "Heal":
      return { actor: "network", fault: true };
    case "Drop":
    case "Duplicate":
      return { actor: name(action.message.to), fault: true };
  }
}

export function diagramStep(action: RaftAction): DiagramStep | undefined {
  switch (action.kind) {
    case "Deliver":
      return { kind: "arrow", from: name(action.message.from), to: name(action.message.to), text: showMessage(action.message) };
    case "Drop":
      return { kind: "arrow", from: name(action.message.from), to: name(action.message.to), text: `DROPPED ${showMessage(action.message)}`, lost: true };
    case "Duplicate":
      return { kind: "arrow", from: name(action.message.from), to: name(action.message.to), text: `copy of ${showMessage(action.message)}` };
    case "Timeout":
      return { kind: "note", over: [name(action.server)], text: "election timeout", event: true };
    case "ClientRequest":
      return { kind: "note", over: [name(action.server)], text: "client command appended", event: true };
    case "Crash":
    case "Restart":
      return { kind: "note", over: [name(action.server)], text: action.kind.toLowerCase() };
    case "Cut":
      return { kind: "note", over: [name(action.a), name(action.b)], text: "link cut" };
    case "Heal":
    case "RequestVote":
    case "AppendEntries":
    case "Heartbeat":
      // Sends are drawn when delivered; a heal touches no one lifeline.
      return undefined;
  }
}

function presentServer(s: RaftServer): unknown {
  const stored = { term: s.term, votedFor: s.votedFor < 0 ? "nobody" : name(s.votedFor), log: `[${s.log.join(" ")}]` };
  if (!s.up) return { crashed: true, ...stored };
  const votes = s.role === "candidate" ? { votes: [...s.nextIndex.keys()].filter((j) => (s.votes & (1 << j)) !== 0).map(name).join(" ") } : {};
  const leading =
    s.role === "leader" ? { nextIndex: s.nextIndex.map((v, j) => `${name(j)}:${v}`).join(" "), matchIndex: s.matchIndex.map((v, j) => `${name(j)}:${v}`).join(" ") } : {};
  return { role: s.role, ...stored, commitIndex: s.commitIndex, ...votes, ...leading };
}

export function present(state: RaftState): unknown {
  return {
    ...Object.fromEntries(state.servers.map((s, i) => [name(i), presentServer(s)])),
    "in flight": state.network.map(arrow),
    "cut links": state.cuts.map((c) => c.split("|").map((i) => name(Number(i))).join("|")),
    "faults left": state.faultsLeft,
    history: {
      leaders: state.history.leaders.map((r) => `term ${r.split(":")[0]}: ${name(Number(r.split(":")[1]))}`),
      committed: state.history.committed.map((c, k) => `${k + 1}@${c.entry} in term ${c.inTerm}`),
      applied: `[${state.history.applied.join(" ")}]`,
    },
  };
}

const FIELD_HELP: Readonly<Record<string, string>> = {
  "S.role": "follower, candidate or leader (FL-2, CA-2)",
  "S.term": "PS-1: currentTerm, kept across a crash",
  "S.votedFor": "PS-1, RV-2: the candidate this server voted for in its current term, kept across a crash",
  "S.log": "PS-1: the term of each entry, index 1 first, kept across a crash",
  "S.commitIndex": "AE-5, LD-5: the highest entry known committed; lost in a crash",
  "S.votes": "CA-2: the servers that granted this candidate their vote",
  "S.nextIndex": "LD-3, LD-4: per server, the next entry this leader sends it",
  "S.matchIndex": "LD-3, LD-5: per server, the highest entry known to be there",
  "S.crashed": "PS-1: down; its term, vote and log wait on stable storage",
  "in flight": "messages in the network, a set: a duplicate is delivered while the original stays (NW-4)",
  "history.leaders": "Election Safety: every server that became leader, by term",
  "history.committed": "Leader Completeness: the entry first committed at each index, and in which term",
  "history.applied": "State Machine Safety: the entry first applied at each index",
};

export function fieldHelp(path: string): string | undefined {
  const [head, field] = path.split(".");
  if (head !== undefined && /^S\d+$/.test(head) && field !== undefined) return FIELD_HELP[`S.${field}`];
  return FIELD_HELP[path] ?? FIELD_HELP[head ?? ""];
}

export const diagramParticipants = (n: number): string[] => Array.from({ length: n }, (_, i) => name(i));

export const inFlightArrows = (state: RaftState) => state.network.map((m) => ({ from: name(m.from), to: name(m.to), text: showMessage(m) }));
