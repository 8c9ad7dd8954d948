import { describe, expect, it } from "vitest";
import { protocolConfig } from "./config.ts";

const base = {
  servers: 2,
  clients: [["Put x 1", "Append x 2", "Get x"]],
  maxView: 3,
  suspicion: "any",
  faults: { crashes: 0, restarts: 0, partitions: 0, heals: 0, drops: 0, duplicates: 0 },
};

describe("protocol configuration", () => {
  it("reads operations written as in the lecture", () => {
    expect(protocolConfig.parse(base).clients[0]).toEqual([
      { kind: "Put", key: "x", value: "1" },
      { kind: "Append", key: "x", value: "2" },
      { kind: "Get", key: "x" },
    ]);
  });

  it("names an operation that does not parse, and where it is", () => {
    const result = protocolConfig.safeParse({ ...base, clients: [["Put x"]] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ["clients", 0, 0], message: expect.stringContaining('"Put x" is not an operation') });
  });

  it("refuses an unknown variant, a node that does not exist, and a missing budget", () => {
    const issues = protocolConfig.safeParse({
      ...base,
      variants: ["no-such-bug"],
      partitionable: ["S7|VS"],
      faults: { crashes: 1 },
    }).error!.issues.map((i) => i.path.join("."));
    expect(issues).toEqual(expect.arrayContaining(["variants.0", "partitionable.0", "faults.restarts"]));
  });

  it("refuses a stable-view start with a single server", () => {
    const result = protocolConfig.safeParse({ ...base, servers: 1, start: "stable-view" });
    expect(result.error?.issues[0]?.path).toEqual(["start"]);
  });

  it("refuses a stable-view start that maxView would not let reach view 2", () => {
    const result = protocolConfig.safeParse({ ...base, maxView: 1, start: "stable-view" });
    expect(result.error?.issues[0]).toMatchObject({ path: ["maxView"], message: expect.stringContaining("maxView 2 or more") });
  });

  it("refuses a witness name that does not exist", () => {
    const result = protocolConfig.safeParse({ ...base, omitWitnesses: ["the moon is reached"] });
    expect(result.error?.issues[0]?.path).toEqual(["omitWitnesses", 0]);
  });

  it("names a partition of a node the configuration does not have", () => {
    const result = protocolConfig.safeParse({ ...base, partitionable: ["S7|VS"] });
    expect(result.error?.issues[0]).toMatchObject({ path: ["partitionable", 0], message: "S7 is not a node of this configuration" });
  });
});
