// EXTENDING.md cannot fall behind the code: every command in its sh blocks
// is run here, in order, and must end with the exit code its comment says.

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const guide = readFileSync(join(import.meta.dirname, "EXTENDING.md"), "utf8");
const commands = [...guide.matchAll(/```sh\n([\s\S]*?)```/g)]
  .flatMap((block) => block[1]!.split("\n"))
  .filter((line) => line.startsWith("npx splitbrain "))
  .map((line) => {
    const exit = /#\s*exit (\d)/.exec(line);
    if (exit === null) throw new Error(`EXTENDING.md: a command without "# exit N": ${line}`);
    return { line, command: line.slice(0, line.indexOf("#")).trim(), exitCode: Number(exit[1]) };
  });

describe("EXTENDING.md", () => {
  it("has commands to run", () => {
    expect(commands.length).toBeGreaterThanOrEqual(10);
  });

  it("runs each of its commands with the exit code it says", () => {
    for (const { line, command, exitCode } of commands) {
      const run = spawnSync("bash", ["-c", command.replace("npx splitbrain", `"${process.execPath}" bin/splitbrain.js`)], { encoding: "utf8", cwd: import.meta.dirname });
      expect(run.status, `${line}\n${run.stderr}`).toBe(exitCode);
    }
  }, 300_000);
});
