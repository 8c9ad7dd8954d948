// Pins that do not trust the engine: the same numbers, computed by a
// textbook breadth-first search over states serialized as text (checker/engine/naive-bfs.ts).
// If the engine and this search disagree, one of them is wrong.

import { describe, expect, it } from "vitest";
import { naiveSearch } from "../checker/engine/naive-bfs.ts";
import { select } from "../checker/engine/spec-source.ts";
import { NAMED_CONFIGS } from "../spec/configs/index.ts";
import type { Variant } from "./config.ts";
import { protocolSpec } from "./protocol-spec.ts";

const INV1 = "INV-1 at most one primary per view";
const INV2 = "INV-2 acknowledged writes survive, once each";

describe("a textbook search agrees with the pinned numbers", () => {
  it("tiny has 18,909 distinct states (no symmetry: the textbook search stores every renaming apart)", () => {
    expect(naiveSearch(protocolSpec(NAMED_CONFIGS.tiny!))).toMatchObject({ kind: "pass", distinct: 18_909 });
  }, 60_000);

  it("pipelined has 100,391 distinct states", () => {
    expect(naiveSearch(protocolSpec(NAMED_CONFIGS.pipelined!))).toMatchObject({ kind: "pass", distinct: 100_391 });
  }, 60_000);

  const caught: [Variant, string, string, number][] = [
    ["vs-amnesia", "tiny", INV1, 7],
    ["promote-idle", "tiny", INV2, 19],
    ["no-backup-ack", "small", INV2, 6],
    ["no-dedup", "small", INV2, 8],
    ["transfer-twice", "pipelined", INV2, 24],
  ];
  it.each(caught)("%s breaks its property first at the pinned depth", (variant, config, property, depth) => {
    // Only the invariant the variant is meant to break, as its pin is checked (model/variants.test.ts).
    const spec = select(protocolSpec({ ...NAMED_CONFIGS[config]!, variants: [variant] }), { invariants: [property] });
    expect(naiveSearch(spec)).toEqual({ kind: "violation", property, depth });
  }, 60_000);
});
