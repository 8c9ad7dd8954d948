// Exercise 1: the lecture's three questions as witnesses, each reached in the
// fewest steps the model allows (the reference solution's numbers).

import { checkJson, fail, isOutcome, listed, pass, type Check, type CheckJson, type Exercise, type Outcome } from "../grading.ts";

const QUESTIONS = [
  { id: "Q1", asks: "a client's request on its way to a server the view service has made primary, up but still knowing an older view", steps: { small: 6, tiny: 8 } },
  { id: "Q2", asks: "the old primary still believing it is primary after the backup took over", steps: { small: 5, tiny: 22 } },
  { id: "Q3", asks: "the old primary's forward refused, while it still believes itself primary of a view older than the view service's", steps: { small: 9, tiny: 27 } },
] as const;

type ConfigName = keyof (typeof QUESTIONS)[number]["steps"];

const runs = new Map<string, CheckJson | Outcome>();

function witnessName(root: string, id: string): string | undefined {
  return listed(root).witnesses.find((w) => w.startsWith(`${id} `));
}

/** One check of the configuration with the three witnesses, shared by the questions' checks. */
function runWith(root: string, config: ConfigName, names: readonly string[]): CheckJson | Outcome {
  const key = `${root}\n${config}\n${names.join("\n")}`;
  if (!runs.has(key)) runs.set(key, checkJson(root, ["--config", config, ...names.flatMap((n) => ["--witness", n])]));
  return runs.get(key)!;
}

function question(q: (typeof QUESTIONS)[number]): Check {
  return {
    name: `${q.id} (${q.asks}) is reached, in the shortest number of steps`,
    run: (root) => {
      const name = witnessName(root, q.id);
      if (name === undefined) return fail(`no witness is named "${q.id} ..."`, `add one to WITNESS_NAMES (model/witness-names.ts) and to witnesses() in model/properties.ts, named "${q.id} <the question in words>"`);
      const names = QUESTIONS.map((other) => witnessName(root, other.id)).filter((n) => n !== undefined);
      for (const config of ["small", "tiny"] as const) {
        const result = runWith(root, config, names);
        if (isOutcome(result)) return result;
        const found = result.witnesses.find((w) => w.name === name);
        if (found === undefined || !found.reached) return fail(`"${name}" is never reached in ${config}`, "the predicate is too strict, or asks for something the protocol never does; read EXTENDING.md, Add a witness");
        if (found.steps !== q.steps[config]) {
          return fail(
            `"${name}" is reached in ${found.steps} steps in ${config}; the question is first answered in ${q.steps[config]}`,
            found.steps! < q.steps[config] ? "your predicate also holds in states the question does not describe: add the missing condition" : "your predicate misses some states the question describes: drop a condition it does not ask for",
          );
        }
      }
      return pass(`${q.steps.small} steps in small, ${q.steps.tiny} in tiny`);
    },
  };
}

export const exercise: Exercise = {
  title: "the lecture's three questions as witnesses",
  checks: [
    ...QUESTIONS.map(question),
    {
      name: "small still passes with your witnesses (every invariant holds)",
      run: (root) => {
        const names = QUESTIONS.map((q) => witnessName(root, q.id)).filter((n) => n !== undefined);
        if (names.length === 0) return fail("there are no Q witnesses to check yet", "add them first");
        const result = runWith(root, "small", names);
        if (isOutcome(result)) return result;
        return result.verdict === "pass" ? pass() : fail(`small ends with ${result.verdict}${result.property ? ` (${result.property})` : ""}`, "a witness must only observe: did you change a rule?");
      },
    },
  ],
};
