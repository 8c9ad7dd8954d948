// The exercises' command line (npm run grade / npm run exercise):
//   grade N                  grade exercise N in this repository
//   start N                  set up exercise N's starting point (only some have one)
//   student-copy DIR [--start N ...]
//                            a copy of the repository for students: no solutions/
//
// Exit codes: 0 full marks or done, 1 not full marks, 2 bad input.

import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { applyPatch, copyRepository } from "../checker/cli/repository-copy.ts";
import { grade, type Exercise } from "./grading.ts";

const ROOT = resolve(import.meta.dirname, "..");
const HERE = "exercises";
/**
 * Never copied to students: the solutions, and the tests that grade them,
 * which without solutions/ could only fail.
 */
const notForStudents = (path: string) => path.split("/")[0] === "solutions" || /^exercises\/\d\d-[^/]+\/grade\.test\.ts$/.test(path);

const USAGE = `usage: npm run grade -- N
       npm run exercise -- start N
       npm run exercise -- student-copy DIR [--start N ...]
exercises: ${folders().map((f) => f.name).join(", ")}`;

interface Folder {
  readonly number: number;
  readonly name: string;
}

function folders(): Folder[] {
  return readdirSync(join(ROOT, HERE), { withFileTypes: true })
    .filter((d) => d.isDirectory() && /^\d\d-/.test(d.name))
    .map((d) => ({ number: Number(d.name.slice(0, 2)), name: d.name }))
    .sort((a, b) => a.number - b.number);
}

function bad(message: string): number {
  process.stderr.write(`exercise: ${message}\n${USAGE}\n`);
  return 2;
}

function folderOf(arg: string | undefined): Folder | string {
  if (arg === undefined || !/^\d+$/.test(arg)) return `expected an exercise number, got ${arg === undefined ? "nothing" : `"${arg}"`}`;
  return folders().find((f) => f.number === Number(arg)) ?? `there is no exercise ${arg}`;
}

async function runGrade(args: readonly string[]): Promise<number> {
  const folder = folderOf(args[0]);
  if (typeof folder === "string") return bad(folder);
  if (args.length > 1) return bad(`grade takes one exercise number; not expected: ${args.slice(1).join(" ")}`);
  const module = (await import(pathToFileURL(join(ROOT, HERE, folder.name, "grade.ts")).href)) as { exercise: Exercise };
  return grade(
    folder.number,
    module.exercise,
    ROOT,
    (line) => process.stdout.write(`${line}\n`),
    (line) => process.stderr.write(`${line}\n`),
  );
}

/** Apply an exercise's start.patch in `root`; a message if it cannot be. */
function applyStart(root: string, folder: Folder, removeAfter: boolean): string | undefined {
  const patch = join(root, HERE, folder.name, "start.patch");
  if (!existsSync(patch)) return undefined;
  const problem = applyPatch(root, relative(root, patch));
  if (problem !== undefined) return `${problem} (already started?)`;
  if (removeAfter) rmSync(patch);
  return undefined;
}

function runStart(args: readonly string[]): number {
  const folder = folderOf(args[0]);
  if (typeof folder === "string") return bad(folder);
  if (!existsSync(join(ROOT, HERE, folder.name, "start.patch"))) {
    process.stdout.write(`Exercise ${folder.number} starts from the repository as it is: read ${HERE}/${folder.name}/README.md.\n`);
    return 0;
  }
  const patch = join(HERE, folder.name, "start.patch");
  const problem = applyStart(ROOT, folder, false);
  if (problem !== undefined) return bad(problem);
  process.stdout.write(`Exercise ${folder.number} is set up: read ${HERE}/${folder.name}/README.md, then npm run grade -- ${folder.number}.\n`);
  process.stdout.write(`${commitStart(ROOT, patch, folder)}\n`);
  return 0;
}

/**
 * The starting point as a commit of its own, so that git diff shows the
 * student's own changes and never the broken rule the exercise hides. Only
 * the patch's files are committed: anything else the student has is left alone.
 */
function commitStart(root: string, patch: string, folder: Folder): string {
  const git = (...args: string[]) => spawnSync("git", args, { cwd: root, encoding: "utf8" });
  const files = git("apply", "--numstat", patch);
  if (files.status !== 0 || git("rev-parse", "--is-inside-work-tree").stdout.trim() !== "true") {
    return "This is not a git repository, so git diff cannot show the starting point; keep a copy of it before you change anything.";
  }
  const paths = files.stdout.trim().split("\n").map((line) => line.split("\t")[2]!);
  const commit = git("commit", "--quiet", "-m", `Exercise ${folder.number}: the starting point`, "--", ...paths);
  return commit.status === 0
    ? `The starting point is committed ("Exercise ${folder.number}: the starting point"), so git diff shows only your changes.`
    : `Could not commit the starting point (${commit.stderr.trim().split("\n")[0]}); git diff will show it until you commit it.`;
}

function runStudentCopy(args: readonly string[]): number {
  const [dir, ...rest] = args;
  if (dir === undefined || dir.startsWith("--")) return bad("student-copy needs the folder to write the copy to");
  const target = resolve(dir);
  if (existsSync(target) && readdirSync(target).length > 0) return bad(`${dir} exists and is not empty`);
  if (target.startsWith(ROOT + "/")) return bad(`${dir} is inside this repository; choose a folder outside it`);
  const starts: Folder[] = [];
  for (let i = 0; i < rest.length; i += 2) {
    if (rest[i] !== "--start") return bad(`unknown option ${rest[i]}`);
    const folder = folderOf(rest[i + 1]);
    if (typeof folder === "string") return bad(`--start: ${folder}`);
    starts.push(folder);
  }
  copyRepository(target, notForStudents);
  withoutTaNotes(join(target, HERE, "README.md"));
  for (const folder of starts) {
    const problem = applyStart(target, folder, true);
    if (problem !== undefined) return bad(problem);
  }
  process.stdout.write(
    `Wrote ${dir}: the repository without solutions/${starts.length > 0 ? `, exercise ${starts.map((s) => s.number).join(", ")} already started (start.patch removed)` : ""}.\n` +
      `Next: cd ${dir} && git init && git add -A && git commit -m "Problem set", then hand it out; students run npm ci.\n`,
  );
  return 0;
}

/** The students' exercises/README.md: without the section for TAs, which points to solutions/, not in their copy. */
function withoutTaNotes(readme: string): void {
  const text = readFileSync(readme, "utf8");
  const start = text.indexOf("\n## For TAs");
  if (start < 0) return;
  const end = text.indexOf("\n## ", start + 1);
  writeFileSync(readme, text.slice(0, start + 1) + (end < 0 ? "" : text.slice(end + 1)));
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case "grade":
      return runGrade(args);
    case "start":
      return runStart(args);
    case "student-copy":
      return runStudentCopy(args);
    default:
      return bad(command === undefined ? "which command?" : `unknown command "${command}"`);
  }
}

process.exitCode = await main(process.argv.slice(2));
