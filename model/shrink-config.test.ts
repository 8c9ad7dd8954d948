import { describe, expect, it } from "vitest";
import { minimizeConfig } from "../checker/cli/minimize-config.ts";
import { SPECS } from "../checker/cli/registry.ts";
import { NAMED_CONFIGS } from "../spec/configs/index.ts";
import { protocolConfig } from "./config.ts";
import { describeConfig, smallerConfigs } from "./shrink-config.ts";

describe("smaller configurations", () => {
  it("are each valid, and each take one thing away", () => {
    const small = NAMED_CONFIGS.small!;
    const smaller = smallerConfigs(small);
    expect(smaller.length).toBeGreaterThan(8);
    for (const c of smaller) expect(protocolConfig.safeParse(c).success).toBe(true);
  });

  it("find the smallest configuration where no-backup-ack still loses a write", async () => {
    const entry = SPECS.find((s) => s.name === "primary-backup")!;
    const found = await minimizeConfig(entry, { ...NAMED_CONFIGS.small!, variants: ["no-backup-ack"] }, "INV-2 acknowledged writes survive, once each");
    expect(describeConfig(found.config as never)).toBe(
      "2 servers, 1 client (Append x=1), no faults, views up to 2, 1 in flight, stable-view start",
    );
    expect(found.steps).toBe(6);
  }, 60_000);
});
