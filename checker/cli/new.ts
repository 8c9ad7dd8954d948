// splitbrain new variant|spec: the scaffolding of an extension, which passes
// lint, the type check and the tests as soon as it is written.
//   new variant NAME --rule ID   a draft entry in model/variant-catalog.ts, and where the rule is coded
//   new spec NAME                examples/NAME/ (spec, rules, pinned test), registered in examples/index.ts

import { canImportTypeScript } from "../engine/typescript-loader.ts";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { check } from "../engine/bfs.ts";
import type { AnySpec } from "../engine/spec.ts";
import { protocolSpec } from "../../model/protocol-spec.ts";
import { VARIANTS } from "../../model/variant-catalog.ts";
import { NAMED_CONFIGS } from "../../spec/configs/index.ts";
import { raftSpec } from "../../model/raft/raft-spec.ts";
import { RAFT_VARIANTS } from "../../model/raft/variant-catalog.ts";
import { RAFT_CONFIGS, RAFT_SLOW_CONFIGS } from "../../spec/raft/configs/index.ts";
import { pbRaftSpec } from "../../model/pb-raft/pb-raft-spec.ts";
import { PB_RAFT_VARIANTS } from "../../model/pb-raft/variant-catalog.ts";
import { PB_RAFT_CONFIGS, PB_RAFT_SLOW_CONFIGS, PB_RAFT_WIDE_CONFIGS } from "../../spec/pb-raft/configs/index.ts";
import { ruleIdsOfSpec } from "../quality/rule-ids.ts";
import { invariantWithId } from "./catalog-page.ts";
import { rulesSource, specNames, specSource, testSource } from "./new-spec-template.ts";
import { SPECS } from "./registry.ts";
import { badInput, EXIT, type UserError } from "./user-error.ts";

const CATALOG_FILE = "model/variant-catalog.ts";
const CATALOG_END = "] as const satisfies readonly CatalogEntry[];";
const PROTOCOL_DOC = "spec/protocol.md";
const ADDED_SPECS_FILE = "examples/index.ts";
const IMPORTS_MARK = "// splitbrain new spec: imports above this line";
const ENTRIES_MARK = "  // splitbrain new spec: entries above this line";
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** Where a protocol keeps its variants, and what a draft of one needs (new variant ... --spec NAME). */
interface VariantHome {
  readonly catalogFile: string;
  readonly catalogEnd: string;
  readonly doc: string;
  readonly folder: string;
  readonly configs: readonly string[];
  readonly defaultConfig: string;
  readonly defaultInvariant: string;
  readonly invariantId: RegExp;
  readonly invariants: () => readonly { readonly name: string }[];
  readonly variants: readonly string[];
  /** How the model reads the flag where the rule is coded. */
  readonly flag: (name: string) => string;
}

const HOMES: Readonly<Record<string, VariantHome>> = {
  "primary-backup": {
    catalogFile: CATALOG_FILE,
    catalogEnd: CATALOG_END,
    doc: PROTOCOL_DOC,
    folder: "model",
    configs: ["tiny", "small", "pipelined"],
    defaultConfig: "small",
    defaultInvariant: "INV-2",
    invariantId: /^INV-\d+$/,
    invariants: () => protocolSpec(NAMED_CONFIGS.small!).invariants,
    variants: VARIANTS,
    flag: (name) => `if (ctx.bug("${name}")) ...`,
  },
  raft: {
    catalogFile: "model/raft/variant-catalog.ts",
    catalogEnd: "] as const satisfies readonly RaftCatalogEntry[];",
    doc: "spec/raft/rules.md",
    folder: "model/raft",
    configs: Object.keys(RAFT_CONFIGS).filter((c) => !RAFT_SLOW_CONFIGS.includes(c)),
    defaultConfig: "replication",
    defaultInvariant: "SMS",
    invariantId: /^[A-Z]+$/,
    invariants: () => raftSpec(RAFT_CONFIGS.replication!).invariants,
    variants: RAFT_VARIANTS,
    flag: (name) => `... || ctx.mistake("${name}")`,
  },
  "pb-raft": {
    catalogFile: "model/pb-raft/variant-catalog.ts",
    catalogEnd: "] as const satisfies readonly PbRaftCatalogEntry[];",
    doc: "spec/pb-raft/rules.md",
    folder: "model/pb-raft",
    configs: Object.keys(PB_RAFT_CONFIGS).filter((c) => ![...PB_RAFT_SLOW_CONFIGS, ...PB_RAFT_WIDE_CONFIGS].includes(c)),
    defaultConfig: "failover",
    defaultInvariant: "INV-1",
    invariantId: /^INV-\d+$/,
    invariants: () => pbRaftSpec(PB_RAFT_CONFIGS.failover!).invariants,
    variants: PB_RAFT_VARIANTS,
    flag: (name) => `if (ctx.mistake("${name}")) ...`,
  },
};

/** "a, b and c" */
const inWords = (items: readonly string[]) => (items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`);

type Fail = (e: UserError) => number;
const say = (text: string) => process.stdout.write(`${text}\n`);

export async function runNew(args: readonly string[], fail: Fail): Promise<number> {
  const [what, name, ...rest] = args;
  if (what !== "variant" && what !== "spec") return fail(badInput(`new: expected "new variant NAME --rule ID" or "new spec NAME", got "new ${args.join(" ")}"`).error);
  if (name === undefined || !NAME.test(name)) return fail(badInput(`new ${what}: the name must be lower-case words joined by hyphens, e.g. skip-forward; got ${name === undefined ? "nothing" : `"${name}"`}`).error);
  return what === "variant" ? newVariant(name, rest, fail) : newSpec(name, rest, fail);
}

/** --flag VALUE pairs; a message naming the first thing that is not one of `known`. */
function flagPairs(rest: readonly string[], known: readonly string[]): Map<string, string> | string {
  const flags = new Map<string, string>();
  for (let i = 0; i < rest.length; i += 2) {
    const [flag, value] = [rest[i]!, rest[i + 1]];
    if (!known.includes(flag)) return `unknown option ${flag}; known: ${known.join(", ")}`;
    if (value === undefined || value.startsWith("--")) return `${flag} needs a value`;
    flags.set(flag, value);
  }
  return flags;
}

function newVariant(name: string, rest: readonly string[], fail: Fail): number {
  const flags = flagPairs(rest, ["--rule", "--invariant", "--config", "--mistake", "--spec"]);
  if (typeof flags === "string") return fail(badInput(`new variant: ${flags}`).error);
  const specName = flags.get("--spec") ?? "primary-backup";
  const home = HOMES[specName];
  if (home === undefined) return fail(badInput(`new variant: --spec ${specName}: variants are kept for ${inWords(Object.keys(HOMES))}`).error);
  const rule = flags.get("--rule");
  const invariantId = flags.get("--invariant") ?? home.defaultInvariant;
  const config = flags.get("--config") ?? home.defaultConfig;
  const spec = specName === "primary-backup" ? "" : `--spec ${specName} `;
  if (home.variants.includes(name)) return fail(badInput(`new variant: ${name} is already a variant (${home.catalogFile})`).error);
  const rules = ruleIdsOfSpec(readFileSync(home.doc, "utf8"));
  if (rule === undefined || !rules.has(rule)) return fail(badInput(`new variant: --rule ${rule ?? "(missing)"}: name the rule it breaks, one of ${[...rules].join(", ")} (${home.doc})`).error);
  const invariants = home.invariants();
  if (!home.invariantId.test(invariantId) || invariantWithId(invariants, invariantId) === undefined) {
    return fail(badInput(`new variant: --invariant ${invariantId}: expected the ID of one of ${invariants.map((i) => `"${i.name}"`).join(", ")}`).error);
  }
  if (!home.configs.includes(config)) return fail(badInput(`new variant: --config ${config}: expected one of ${home.configs.join(", ")}`).error);
  const catalog = readFileSync(home.catalogFile, "utf8");
  if (!catalog.includes(home.catalogEnd)) return fail(badInput(`new variant: ${home.catalogFile} does not end its list with "${home.catalogEnd}"`).error);
  const mistake = flags.get("--mistake") ?? "TODO: the mistake, in words";
  const line = `  { variant: "${name}", mistake: ${JSON.stringify(mistake)}, breaks: "${rule}", violates: "${invariantId}", config: "${config}", draft: true },\n`;
  writeFileSync(home.catalogFile, catalog.replace(home.catalogEnd, line + home.catalogEnd));
  say(`${home.catalogFile}: added ${name}, a draft: --variant ${name} works, and it is not pinned until you finish it.`);
  const places = ruleLocations(home.folder, rule);
  say(places.length > 0 ? `${rule} is coded at:\n${places.map((p) => `  ${p}`).join("\n")}` : `No code names ${rule} yet.`);
  say(
    [
      "Next:",
      `  1. Read the flag where the rule is coded: ${home.flag(name)}${flags.has("--mistake") ? "" : `, and say the mistake in ${home.catalogFile}`}`,
      `  2. npx splitbrain check ${spec}--config ${config} --variant ${name} --invariant ${invariantId}   (exit 1: caught)`,
      `  3. Remove draft: true from its entry, then: npm run counterexamples -- ${name}`,
    ].join("\n"),
  );
  return EXIT.pass;
}

/** file:line of each comment of the model that names the rule: where it is implemented. */
function ruleLocations(folder: string, rule: string): string[] {
  const word = new RegExp(`^//.*\\b${rule}\\b`);
  return readdirSync(folder)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .flatMap((f) =>
      readFileSync(join(folder, f), "utf8")
        .split("\n")
        .flatMap((text, i) => (word.test(text.trim()) ? [`${folder}/${f}:${i + 1}: ${text.trim()}`] : [])),
    );
}

async function newSpec(name: string, rest: readonly string[], fail: Fail): Promise<number> {
  if (rest.length > 0) return fail(badInput(`new spec takes only a name; not expected: ${rest.join(" ")}`).error);
  if (SPECS.some((s) => s.name === name)) return fail(badInput(`new spec: there is already a spec named ${name} (splitbrain list)`).error);
  const folder = join("examples", name);
  if (existsSync(folder)) return fail(badInput(`new spec: ${folder} already exists`).error);
  const index = readFileSync(ADDED_SPECS_FILE, "utf8");
  if (!index.includes(IMPORTS_MARK) || !index.includes(ENTRIES_MARK)) return fail(badInput(`new spec: ${ADDED_SPECS_FILE} lacks its marks ("${IMPORTS_MARK}", "${ENTRIES_MARK.trim()}")`).error);
  const names = specNames(name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, "spec.ts"), specSource(names));
  writeFileSync(join(folder, "rules.md"), rulesSource(names));
  // The test pins the counts the new spec has now, measured here.
  await canImportTypeScript();
  const module = (await import(pathToFileURL(resolve(folder, "spec.ts")).href)) as Record<string, unknown>;
  const build = module[names.builder] as (config: unknown) => AnySpec;
  const { configs } = module[names.entry] as { configs: Record<string, unknown> };
  const counts: Record<string, number> = {};
  for (const [config, value] of Object.entries(configs)) counts[config] = (await check(build(value))).stats.distinct;
  writeFileSync(join(folder, "spec.test.ts"), testSource(names, counts));
  writeFileSync(
    ADDED_SPECS_FILE,
    index
      .replace(IMPORTS_MARK, `import { ${names.entry} } from "./${name}/spec.ts";\n${IMPORTS_MARK}`)
      .replace(ENTRIES_MARK, `  withSource(${names.entry}, "./${name}/spec.ts", "${names.builder}"),\n${ENTRIES_MARK}`),
  );
  say(`Wrote ${folder}/spec.ts, rules.md and spec.test.ts (${Object.entries(counts).map(([c, n]) => `${c}: ${n} states`).join(", ")}), and registered it in ${ADDED_SPECS_FILE}.`);
  say(
    [
      "Next:",
      `  npx splitbrain check --spec ${name}`,
      `  npx splitbrain lint ${folder} --spec-doc ${folder}/rules.md`,
      `  npx vitest run ${folder}`,
      `Then make it your protocol: rules in rules.md, one function per rule in spec.ts.`,
    ].join("\n"),
  );
  return EXIT.pass;
}
