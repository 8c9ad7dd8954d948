import { describe, expect, it } from "vitest";
import { protocolConfig } from "./config.ts";
import { makeContext } from "./context.ts";
import type { ViewService } from "./types.ts";
import { afterPing, afterSuspicion, INITIAL_VIEW_SERVICE } from "./view-service.ts";

const ctx = (variants: string[] = []) =>
  makeContext(
    protocolConfig.parse({
      servers: 3,
      clients: [["Get x"]],
      maxView: 9,
      suspicion: "any",
      faults: { crashes: 0, restarts: 0, partitions: 0, heals: 0, drops: 0, duplicates: 0 },
      variants,
    }),
  );

const acked = (num: number, primary: "S1" | "S2" | "S3" | "", backup: "S1" | "S2" | "S3" | "", idle: ("S1" | "S2" | "S3")[] = []): ViewService => ({
  view: { num, primary, backup },
  acked: true,
  idle,
});

describe("the view service", () => {
  it("VS-2: makes the first server to ping the primary of view 1, with no backup", () => {
    expect(afterPing(ctx(), INITIAL_VIEW_SERVICE, "S2", 0)).toEqual({ view: { num: 1, primary: "S2", backup: "" }, acked: false, idle: [] });
  });

  it("VS-3: does not move on before the primary acknowledged the current view", () => {
    const unacked = { ...acked(2, "S1", "S2"), acked: false };
    expect(afterSuspicion(ctx(), unacked, "S1")).toBe(unacked);
    expect(afterPing(ctx(), unacked, "S1", 2).acked).toBe(true);
  });

  it("VS-4, VS-5: promotes the backup and recruits an idle server in one view change", () => {
    expect(afterSuspicion(ctx(), acked(2, "S1", "S2", ["S3"]), "S1")).toEqual({
      view: { num: 3, primary: "S2", backup: "S3" },
      acked: false,
      idle: [],
    });
  });

  it("VS-4: never promotes an idle server when there is no backup", () => {
    const vs = acked(1, "S1", "", ["S2"]);
    expect(afterSuspicion(ctx(), vs, "S1")).toBe(vs);
  });

  it("VS-4b: a restarted primary with no backup leaves a view with no primary", () => {
    expect(afterPing(ctx(), acked(1, "S1", ""), "S1", 0).view).toEqual({ num: 2, primary: "", backup: "" });
  });

  it("VS-5: treats a backup that pings 0 as restarted and replaces it", () => {
    expect(afterPing(ctx(), acked(2, "S1", "S2", ["S3"]), "S2", 0).view).toEqual({ num: 3, primary: "S1", backup: "S3" });
  });

  it("VS-5b: does not make a server backup in the very ping that carried 0", () => {
    const vs = afterPing(ctx(), acked(1, "S1", ""), "S2", 0);
    expect(vs).toEqual({ ...acked(1, "S1", ""), idle: ["S2"] });
    expect(afterPing(ctx(), vs, "S2", 1).view).toEqual({ num: 2, primary: "S1", backup: "S2" });
  });

  it("vs-no-ack-wait: moves on without the acknowledgement", () => {
    const unacked = { ...acked(2, "S1", "S2"), acked: false };
    expect(afterSuspicion(ctx(["vs-no-ack-wait"]), unacked, "S1").view.num).toBe(3);
  });
});
