import { describe, expect, it } from "vitest";
import { graphSpec } from "../test-graphs.ts";
import { Random } from "./random.ts";
import { planMembers } from "./swarm-plan.ts";
import { describeStyle, drawStyle } from "./swarm-style.ts";

describe("a swarm member's walk style", () => {
  const styles = Array.from({ length: 1000 }, (_, i) => drawStyle(i + 1, new Random(i), ["Deliver", "Crash", "Suspect"], 20));

  it("walks to a depth of its own, from 10 up to the full depth, the full depth as often as its share", () => {
    const depths = styles.map((s) => s.depth);
    expect(Math.min(...depths)).toBe(10);
    expect(Math.max(...depths)).toBe(20);
    // log-uniform on [10, 20.5): about 7% round to 20.
    expect(depths.filter((d) => d === 20).length).toBeGreaterThan(40);
    expect(drawStyle(1, new Random(1), [], 3).depth).toBe(3);
  });

  it("steers some families and leaves the others at the spec's weights", () => {
    const steered = styles.map((s) => Object.keys(s.familyWeights).length);
    expect(steered.filter((n) => n === 0).length).toBeGreaterThan(100);
    expect(steered.filter((n) => n === 3).length).toBeGreaterThan(20);
    for (const s of styles) for (const w of Object.values(s.familyWeights)) expect(w >= 0.1 && w <= 10).toBe(true);
  });

  it("is the plain walk for member 0, and reads in one line", () => {
    expect(drawStyle(0, new Random(1), ["Deliver"], 50)).toEqual({ depth: 50, familyWeights: {} });
    expect(describeStyle({ depth: 37, familyWeights: { Deliver: 3.2, Suspect: 0.15 } })).toBe("depth 37; Deliver ×3.2, Suspect ×0.15");
    expect(describeStyle({ depth: 100, familyWeights: {} })).toBe("depth 100; the spec's weights");
  });
});

describe("planning a swarm", () => {
  const spec = graphSpec({ edges: [[1]], bad: new Set(), starts: [0] });
  const source = () => ({ module: "graph", exportName: "graph", args: [] });

  it("builds the spec once for every member that keeps the configuration, and narrows only with a narrow hook", () => {
    let built = 0;
    const build = () => {
      built++;
      return spec;
    };
    const members = planMembers({ config: { n: 1 }, build, source }, { seed: 1, depth: 30, swarm: 4 });
    expect(members.map((m) => m.config)).toEqual([{ n: 1 }, { n: 1 }, { n: 1 }, { n: 1 }]);
    expect(built).toBe(1);
  });

  it("steers only the families the spec names", () => {
    const { actionNames: _names, ...unnamed } = spec;
    const members = planMembers({ config: {}, build: () => unnamed, source }, { seed: 2, depth: 30, swarm: 8 });
    for (const m of members) expect(m.member.style.familyWeights).toEqual({});
  });
});
