// The codec is trusted for fingerprints (checker/engine/spec.ts), so it must
// give back every state it encodes: shown on every reachable state of the
// test configurations, and on states of the shapes a search cannot finish,
// reached by random walks.

import { describe, expect, it } from "vitest";
import { check } from "../checker/engine/bfs.ts";
import { sameFingerprint } from "../checker/engine/fingerprint.ts";
import { Random } from "../checker/engine/simulate/random.ts";
import { canonicalJson } from "../checker/engine/naive-bfs.ts";
import { NAMED_CONFIGS } from "../spec/configs/index.ts";
import fullEmpty from "../spec/configs/beyond-reach/full-empty.json" with { type: "json" };
import fullStable from "../spec/configs/beyond-reach/full-stable.json" with { type: "json" };
import { protocolCodec } from "./codec.ts";
import { protocolConfig, type ProtocolConfig } from "./config.ts";
import { makeContext } from "./context.ts";
import { protocolSpec } from "./protocol-spec.ts";
import { symmetries } from "./symmetry.ts";
import type { State } from "./types.ts";

/** Encodes and decodes with a codec of its own (not the search's), and says whether the state came back. */
function roundTripper(config: ProtocolConfig): (state: State) => boolean {
  const codec = protocolCodec(config.servers, config.clients.length);
  const words = new Int32Array(codec.words);
  return (state) => {
    codec.encode(state, words, 0);
    return sameFingerprint(codec.decode(words, 0), state);
  };
}

describe("the protocol's codec", () => {
  it.each(["tiny", "small", "pipelined"])("gives back every reachable state of %s", async (name) => {
    const config = NAMED_CONFIGS[name]!;
    const comesBack = roundTripper(config);
    let states = 0;
    const spec = protocolSpec(config);
    const result = await check(
      { ...spec, invariants: [{ name: "decode(encode(s)) = s", holds: (s) => (states++, comesBack(s)) }] },
      { symmetry: false },
    );
    expect(result.verdict.kind).toBe("pass");
    expect(states).toBe(result.stats.distinct);
  }, 120_000);

  it.each([
    ["full-stable", fullStable],
    ["full-empty", fullEmpty],
  ])("gives back 200 states of %s reached by random walks", (_name, json) => {
    const config = protocolConfig.parse(json);
    const spec = protocolSpec(config);
    const comesBack = roundTripper(config);
    const random = new Random(23);
    let checked = 0;
    while (checked < 200) {
      let state = spec.initialStates()[0]!;
      for (let depth = 0; depth < 40 && checked < 200; depth++) {
        const actions = spec.actions(state);
        if (actions.length === 0) break;
        state = spec.next(state, actions[Math.floor(random.next() * actions.length)]!);
        expect(comesBack(state)).toBe(true);
        checked++;
      }
    }
  });

  it("gives the symmetry's renamed components as stored ones, the same images the plain renaming gives", async () => {
    const config = protocolConfig.parse({ servers: 3, clients: [["Get x"]], maxView: 2, maxInFlight: 2, suspicion: "faulty", start: "empty", faults: { crashes: 1, restarts: 0, partitions: 0, heals: 0, drops: 0, duplicates: 0 } });
    const ctx = makeContext(config);
    const codec = protocolCodec(config.servers, config.clients.length);
    const plain = symmetries(ctx)!;
    const memoized = symmetries(ctx, codec.table)!;
    const words = new Int32Array(codec.words);
    let renamed = 0;
    await check({
      ...protocolSpec(config),
      invariants: [
        {
          name: "same images",
          holds: (s) => {
            // Twice: once from the state itself, once from its decoded copy, whose parts are the stored ones the memo keeps.
            codec.encode(s, words, 0);
            const images = plain(s).map(canonicalJson);
            renamed += images.length;
            return [s, codec.decode(words, 0)].every((from) => canonicalJson(memoized(from).map(canonicalJson)) === canonicalJson(images));
          },
        },
      ],
    }).then((result) => expect(result.verdict.kind).toBe("pass"));
    expect(renamed).toBeGreaterThan(1000);
  });
});
