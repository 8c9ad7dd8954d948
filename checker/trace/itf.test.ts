// ITF output checked against the format's rules (ADR-015, which publishes no
// JSON schema: the schema below is written from its text), for every trace
// in the catalog and for the command line.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { readTraceFile } from "../cli/replay.ts";
import { toItf, toItfValue } from "./itf.ts";
import { replayLabels } from "./trace-file.ts";

/** ADR-015's expressions: string, integer (in the JSON-safe range) or #bigint, list, record, #tup, #set, #map (and Quint's variants). */
const expression: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    z.string(),
    z.boolean(),
    z.number().int().min(-(2 ** 53) + 1).max(2 ** 53 - 1),
    z.strictObject({ "#bigint": z.string().regex(/^-?[0-9]+$/) }),
    z.array(expression),
    z.strictObject({ "#tup": z.array(expression) }),
    z.strictObject({ "#set": z.array(expression) }),
    z.strictObject({ "#map": z.array(z.tuple([expression, expression])) }),
    z.strictObject({ tag: z.string(), value: expression }),
    z.record(z.string().regex(/^[^#]/, "record fields do not start with #"), expression),
  ]),
);

const itfTrace = z
  .strictObject({
    "#meta": z.record(z.string(), z.unknown()).optional(),
    params: z.array(z.string()).optional(),
    vars: z.array(z.string()),
    states: z.array(z.record(z.string(), z.unknown())),
    loop: z.number().int().min(0).optional(),
  })
  .superRefine((trace, ctx) => {
    if (trace.loop !== undefined && trace.loop >= trace.states.length) ctx.addIssue({ code: "custom", message: "loop is the index of a state", path: ["loop"] });
    trace.states.forEach((state, i) => {
      if (state["#meta"] !== undefined && (typeof state["#meta"] !== "object" || state["#meta"] === null)) ctx.addIssue({ code: "custom", message: "#meta is an object", path: ["states", i] });
      for (const v of trace.vars) if (!(v in state)) ctx.addIssue({ code: "custom", message: `every state defines every variable: ${v} missing`, path: ["states", i] });
      for (const [key, value] of Object.entries(state)) {
        if (key === "#meta") continue;
        if (!trace.vars.includes(key)) ctx.addIssue({ code: "custom", message: `${key} is not a variable`, path: ["states", i, key] });
        const parsed = expression.safeParse(value);
        if (!parsed.success) ctx.addIssue({ code: "custom", message: `${key} is not an ITF expression`, path: ["states", i, key] });
      }
    });
  });

const catalog = join(import.meta.dirname, "../../counterexamples");

describe("ITF export", () => {
  it.each(readdirSync(catalog).filter((f) => f.endsWith(".json")))("%s exports to a valid ITF trace, one state per step plus the initial one", (name) => {
    const loaded = readTraceFile(join(catalog, name));
    if (!loaded.ok) throw new Error(loaded.error.message);
    const replay = replayLabels(loaded.value.spec, loaded.value.file.steps);
    if (!replay.ok) throw new Error(`step ${replay.step} no longer applies`);
    const itf = toItf({ source: "test", description: "test", states: replay.states, labels: loaded.value.file.steps, loop: loaded.value.file.loop });
    expect(itfTrace.safeParse(itf).error?.issues ?? []).toEqual([]);
    // A lasso keeps its loop: the index of the state the run goes back to.
    expect(itf.loop).toBe(loaded.value.file.loop);
    expect(itf.states).toHaveLength(loaded.value.file.steps.length + 1);
    expect(itf.states.at(-1)!["#meta"]).toEqual({ index: loaded.value.file.steps.length, action: loaded.value.file.steps.at(-1) });
  }, 60_000);

  it("writes integers as big integers, null as None, sets and maps in their ITF forms", () => {
    expect(toItfValue({ n: 3, pending: null, on: true, s: new Set(["a"]), m: new Map([[1, "x"]]), gone: undefined })).toEqual({
      n: { "#bigint": "3" },
      pending: { tag: "None", value: {} },
      on: true,
      s: { "#set": ["a"] },
      m: { "#map": [[{ "#bigint": "1" }, "x"]] },
    });
    expect(() => toItfValue({ "#x": 1 })).toThrow("record fields may not start with #");
    expect(() => toItfValue(1.5)).toThrow("no non-integer numbers");
    // The schema can say no: a state missing a variable, a raw null.
    expect(itfTrace.safeParse({ vars: ["x"], states: [{}] }).success).toBe(false);
    expect(itfTrace.safeParse({ vars: ["x"], states: [{ x: null }] }).success).toBe(false);
  }, 60_000);

  it("is what splitbrain export --itf writes, and it says what it refuses", () => {
    const out = join(mkdtempSync(join(tmpdir(), "splitbrain-itf-")), "t.itf.json");
    const cli = (...args: string[]) => spawnSync(process.execPath, ["bin/splitbrain.js", "export", ...args], { encoding: "utf8" });
    const run = cli("counterexamples/no-backup-ack.json", "--itf", "--out", out);
    expect(run.status, run.stderr).toBe(0);
    const itf = JSON.parse(readFileSync(out, "utf8"));
    expect(itfTrace.safeParse(itf).success).toBe(true);
    expect(itf["#meta"].format).toBe("ITF");
    expect(itf.vars).toEqual(["vs", "servers", "clients", "network", "cuts", "budgets", "history"]);
    const noFormat = cli("counterexamples/no-backup-ack.json");
    expect([noFormat.status, noFormat.stderr]).toEqual([2, expect.stringContaining("name the format; the one there is: --itf")]);
  }, 60_000);
});
