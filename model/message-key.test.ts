import { describe, expect, it } from "vitest";
import { check } from "../checker/engine/bfs.ts";
import { Random } from "../checker/engine/simulate/random.ts";
import { NAMED_CONFIGS } from "../spec/configs/index.ts";
import fullEmpty from "../spec/configs/beyond-reach/full-empty.json" with { type: "json" };
import { protocolConfig } from "./config.ts";
import { keyText, stableText } from "./message-key.ts";
import { protocolSpec } from "./protocol-spec.ts";
import type { Message, State } from "./types.ts";

/** Messages whose template text is not the general text, from the network of `state`. */
const wrongKeys = (state: State): string[] => state.network.filter((m) => keyText(m) !== stableText(m)).map(stableText);

describe("a message's key", () => {
  it.each(["tiny", "pipelined"])("is the general sorted text for every message in flight in %s", async (name) => {
    const wrong = new Set<string>();
    const kinds = new Set<string>();
    const spec = protocolSpec(NAMED_CONFIGS[name]!);
    await check({ ...spec, invariants: [{ name: "keys", holds: (s) => (wrongKeys(s).forEach((k) => wrong.add(k)), s.network.forEach((m) => kinds.add(m.kind)), true) }] });
    expect([...wrong]).toEqual([]);
    expect(kinds.size).toBeGreaterThanOrEqual(8);
  }, 60_000);

  it("is the general sorted text on random walks of the whole protocol (transfers, orphans, every kind)", () => {
    const spec = protocolSpec(protocolConfig.parse(fullEmpty));
    const random = new Random(5);
    const kinds = new Set<string>();
    for (let walk = 0; walk < 300; walk++) {
      let state = spec.initialStates()[0]!;
      for (let depth = 0; depth < 50; depth++) {
        const actions = spec.actions(state);
        if (actions.length === 0) break;
        state = spec.next(state, actions[random.int(actions.length)]!);
        expect(wrongKeys(state)).toEqual([]);
        for (const m of state.network) kinds.add(m.kind + ("orphan" in m ? "+orphan" : "") + ("acked" in m ? "+acked" : ""));
      }
    }
    expect([...kinds]).toEqual(expect.arrayContaining(["Transfer", "Forward", "ViewReply+acked", "Ping+orphan"]));
  });

  it("falls back to the general text for a message with a field its template does not know", () => {
    const odd = { kind: "Ping", from: "S1", to: "VS", viewnum: 2, extra: 1 } as unknown as Message;
    const undefinedMark = { kind: "Ping", from: "S1", to: "VS", viewnum: 2, orphan: undefined } as unknown as Message;
    const oddView = { kind: "ViewReply", from: "VS", to: "S1", view: { num: 1, primary: "S1", backup: "", note: 1 } } as unknown as Message;
    for (const m of [odd, undefinedMark, oddView]) expect(keyText(m)).toBe(stableText(m));
    expect(keyText(odd)).toContain('"extra":1');
  });
});
