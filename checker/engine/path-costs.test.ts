// Among the shortest paths, the fewest faults, then the fewest switches
// between nodes: the arithmetic, and how the search uses it.

import { describe, expect, it } from "vitest";
import { check } from "./bfs.ts";
import { cheaper, extend, PathCosts, type PathEnd } from "./path-costs.ts";
import type { ActionSpec } from "./spec.ts";

const step = (actor: string, fault = false) => ({ actor, fault });

describe("path costs", () => {
  it("add up faults and count a switch whenever the actor changes", () => {
    const costs = new PathCosts();
    costs.recordInitial(); // 0: an initial state
    costs.record(0, step("A")); // 1: A
    costs.record(1, step("B", true)); // 2: A, B*
    costs.record(2, step("B")); // 3: A, B*, B
    costs.record(3, step("A", true)); // 4: A, B*, B, A*
    expect([0, 1, 2, 3, 4].map((id) => costs.costOf(id))).toEqual([
      { faults: 0, switches: 0 },
      { faults: 0, switches: 0 },
      { faults: 1, switches: 1 },
      { faults: 1, switches: 1 },
      { faults: 2, switches: 2 },
    ]);
  });

  it("take a parent only when it is cheaper: fewer faults first, then fewer switches", () => {
    const costs = new PathCosts();
    costs.recordInitial(); // 0
    costs.record(0, step("A")); // 1: A
    costs.record(0, step("B", true)); // 2: B*
    costs.record(2, step("A")); // 3: B*, A  (1 fault, 1 switch)
    // Through 2 again, by a fault: worse.
    expect(costs.improve(3, 2, step("A", true))).toBe(false);
    expect(costs.costOf(3)).toEqual({ faults: 1, switches: 1 });
    // Through 2 with the same cost: not cheaper, so the first parent stays.
    expect(costs.improve(3, 2, step("A"))).toBe(false);
    // Through 1, no fault: cheaper.
    expect(costs.improve(3, 1, step("B"))).toBe(true);
    expect(costs.costOf(3)).toEqual({ faults: 0, switches: 1 });
    // Through 1, no fault and no switch: cheaper still.
    expect(costs.improve(3, 1, step("A"))).toBe(true);
    expect(costs.costOf(3)).toEqual({ faults: 0, switches: 0 });
    // The recorded actor moved with the parent: a step by B after 3 is now a switch.
    costs.record(3, step("B"));
    expect(costs.costOf(4)).toEqual({ faults: 0, switches: 1 });
  });

  it("prefer fewer faults even at the price of more switches", () => {
    const costs = new PathCosts();
    costs.recordInitial(); // 0
    costs.record(0, step("A", true)); // 1: A*
    costs.record(1, step("A")); // 2: A*, A  (1 fault, 0 switches)
    costs.record(0, step("B")); // 3: B
    expect(costs.improve(2, 3, step("A"))).toBe(true); // B, A: 0 faults, 1 switch
    expect(costs.costOf(2)).toEqual({ faults: 0, switches: 1 });
  });
});

/** A spec over named states: each edge has an actor and may be a fault. */
function namedGraph(edges: Record<string, [to: string, actor: string, fault?: boolean][]>, options: { bad?: string; target?: string }): ActionSpec<string, [string, string, boolean?]> {
  return {
    name: "named",
    initialStates: () => ["s"],
    actions: (n) => edges[n] ?? [],
    next: (_n, [to]) => to,
    label: ([to, actor]) => `${actor}→${to}`,
    actionName: () => "go",
    actionNames: ["go"],
    stepInfo: ([, actor, fault]) => ({ actor, fault: fault === true }),
    invariants: options.bad ? [{ name: "not bad", holds: (n) => n !== options.bad }] : [],
    witnesses: options.target ? [{ name: "target", reached: (n) => n === options.target }] : [],
  };
}

describe("path costs held elsewhere (a parallel search's partitions)", () => {
  const S1 = { actor: "S1", fault: false };
  const S2 = { actor: "S2", fault: false };
  const crash = { actor: "S2", fault: true };

  it("extend a path's end as recording it locally would", () => {
    const start: PathEnd = { faults: 0, switches: 0, lastActor: "" };
    expect(extend(start, S1)).toEqual({ faults: 0, switches: 0, lastActor: "S1" });
    expect(extend(extend(start, S1), S1)).toEqual({ faults: 0, switches: 0, lastActor: "S1" });
    expect(extend(extend(start, S1), crash)).toEqual({ faults: 1, switches: 1, lastActor: "S2" });
    const local = new PathCosts();
    local.recordInitial();
    local.record(0, S1);
    local.record(1, crash);
    expect(local.endOf(2)).toEqual(extend(extend(start, S1), crash));
    expect(local.endOf(0)).toEqual(start);
  });

  it("record and improve from an end sent by another partition exactly as from a local parent", () => {
    const local = new PathCosts();
    const remote = new PathCosts();
    for (const costs of [local, remote]) costs.recordInitial();
    local.record(0, S1);
    local.record(1, S2);
    remote.recordAfter({ faults: 0, switches: 0, lastActor: "" }, S1);
    remote.recordAfter(remote.endOf(1), S2);
    expect([remote.costOf(1), remote.costOf(2)]).toEqual([local.costOf(1), local.costOf(2)]);
    local.record(2, crash);
    remote.recordAfter(remote.endOf(2), crash);
    // A cheaper way into state 3: from S1's state with a step by S1 (no fault, no switch).
    expect(remote.improveAfter(3, remote.endOf(1), S1)).toBe(local.improve(3, 1, S1));
    expect(remote.costOf(3)).toEqual(local.costOf(3));
    expect(remote.improveAfter(3, remote.endOf(2), crash)).toBe(false);
    expect(remote.endOf(3)).toEqual({ faults: 0, switches: 0, lastActor: "S1" });
  });

  it("call a path cheaper for fewer faults, or as many and fewer switches, and never for equal costs", () => {
    expect(cheaper({ faults: 0, switches: 5 }, { faults: 1, switches: 0 })).toBe(true);
    expect(cheaper({ faults: 1, switches: 0 }, { faults: 0, switches: 5 })).toBe(false);
    expect(cheaper({ faults: 1, switches: 1 }, { faults: 1, switches: 2 })).toBe(true);
    expect(cheaper({ faults: 1, switches: 2 }, { faults: 1, switches: 1 })).toBe(false);
    expect(cheaper({ faults: 1, switches: 1 }, { faults: 1, switches: 1 })).toBe(false);
  });
});

describe("choosing among shortest traces", () => {
  // Two bad states at depth 2, the first found ("p") by path A,X and the
  // second ("q") by path B,Y: the cheaper one is reported, the first on a tie.
  const twoBad = (p: [string, boolean, string, boolean], q: [string, boolean, string, boolean]) =>
    namedGraph(
      {
        s: [["p1", p[0], p[1]], ["q1", q[0], q[1]]],
        p1: [["p", p[2], p[3]]],
        q1: [["q", q[2], q[3]]],
      },
      {},
    );
  const reported = async (spec: ActionSpec<string, [string, string, boolean?]>) => {
    const result = await check({ ...spec, invariants: [{ name: "not bad", holds: (n: string) => n !== "p" && n !== "q" }] });
    if (result.verdict.kind !== "violation") throw new Error("expected a violation");
    return result.verdict.trace.steps.at(-1)!.state;
  };

  it("reports the violation with fewer faults, though found later", async () => {
    expect(await reported(twoBad(["A", true, "A", false], ["A", false, "B", false]))).toBe("q");
  });

  it("reports the violation with fewer switches when faults tie, though found later", async () => {
    expect(await reported(twoBad(["A", false, "B", false], ["A", false, "A", false]))).toBe("q");
  });

  it("keeps the first violation found when faults and switches tie", async () => {
    expect(await reported(twoBad(["A", false, "B", false], ["B", false, "A", false]))).toBe("p");
  });

  it("keeps fewer faults over fewer switches", async () => {
    expect(await reported(twoBad(["A", false, "B", false], ["A", true, "A", false]))).toBe("p");
  });

  it("breaks a tie in faults by fewer switches", async () => {
    // Two shortest paths to bad, no faults either way: A,B,A (2 switches), found first, and A,A,B (1 switch).
    const spec = namedGraph(
      {
        s: [["x1", "A"], ["y1", "A"]],
        x1: [["x2", "B"]],
        y1: [["y2", "A"]],
        x2: [["bad", "A"]],
        y2: [["bad", "B"]],
      },
      { bad: "bad" },
    );
    const result = await check(spec);
    if (result.verdict.kind !== "violation") throw new Error("expected a violation");
    expect(result.verdict.trace.steps.map((s) => s.label)).toEqual(["A→y1", "A→y2", "B→bad"]);
    expect(result.verdict.cost).toEqual({ faults: 0, switches: 1 });
  });

  it("never trades a shorter path for a cheaper longer one", async () => {
    // t is one fault away, or two fault-free steps away: the shortest path wins.
    const spec = namedGraph({ s: [["t", "A", true], ["a", "A"]], a: [["t", "A"]] }, { target: "t" });
    const result = await check(spec);
    expect(result.witnesses[0]!.trace!.steps.map((s) => s.label)).toEqual(["A→t"]);
  });

  it("does not re-parent a state of an earlier level, whose successors were already found through it", async () => {
    // u is found at depth 1 by a fault; at depth 2 a fault-free path reaches it again.
    // Taking that parent would make u's and v's traces longer than their depth.
    const spec = namedGraph({ s: [["u", "A", true], ["a", "A"]], a: [["u", "A"]], u: [["v", "A"]] }, { target: "v" });
    const result = await check(spec);
    expect(result.witnesses[0]!.trace!.steps.map((s) => s.label)).toEqual(["A→u", "A→v"]);
  });
});
