// Rule coverage of the correct protocol in each named configuration. The
// branches never taken are pinned, so that a rule turning into dead code (a
// reduction that discards what it would handle, a configuration trimmed too
// far) is a decision someone made, not an accident.

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { check } from "../checker/engine/bfs.ts";
import { NAMED_CONFIGS } from "../spec/configs/index.ts";
import { protocolSpec } from "./protocol-spec.ts";
import { RULE_BRANCHES } from "./rules.ts";

const NEVER_TAKEN: Record<"tiny" | "small" | "pipelined", readonly string[]> = {
  tiny: [
    "PB-1 a reply older than the known view is ignored",
    "PB-3b a late copy of the transfer is confirmed but not applied",
    "PB-4 a stale forward reply is ignored",
    "PB-7 an older duplicate request is ignored",
  ],
  small: ["PB-7 an older duplicate request is ignored", "VS-2 the first server to ping becomes primary of view 1", "VS-4b with no backup, a restarted primary leaves no primary"],
  pipelined: [
    "PB-9 a restarted server ignores a view naming it primary",
    "VS-2 the first server to ping becomes primary of view 1",
    "VS-4b with no backup, a restarted primary leaves no primary",
    "VS-5 an idle server is recruited as backup",
    "VS-5b a server that just pinged 0 is not recruited in that step",
  ],
};

describe("rule coverage", () => {
  it("names only rules that spec/protocol.md states", () => {
    const spec = readFileSync(join(import.meta.dirname, "..", "spec", "protocol.md"), "utf8");
    const missing = RULE_BRANCHES.map((b) => b.split(" ")[0]!).filter((id) => !spec.includes(`**${id}**`) && !spec.includes(`${id}:`) && !spec.includes(`${id} `));
    expect(missing).toEqual([]);
  });

  it.each(Object.entries(NEVER_TAKEN))("in %s, the branches never taken are the pinned ones", async (name, never) => {
    const result = await check(protocolSpec(NAMED_CONFIGS[name]!));
    expect(result.verdict.kind).toBe("pass");
    expect(result.rules!.map((r) => r.name)).toEqual([...RULE_BRANCHES]);
    expect(result.rules!.filter((r) => r.taken === 0).map((r) => r.name)).toEqual([...never].sort((a, b) => RULE_BRANCHES.indexOf(a as never) - RULE_BRANCHES.indexOf(b as never)));
  }, 120_000);

  it("taken together, tiny, small and pipelined (the default check) take every branch: no rule is dead code there", () => {
    expect(Object.values(NEVER_TAKEN).reduce((a, b) => a.filter((x) => b.includes(x)))).toEqual([]);
  });
});
