// Does each mutant type-check? A mutant that does not would not get past a
// student's compiler either, so it is set aside, as Stryker sets aside its
// compile errors. Only the mutated file is checked again: a mutant changes a
// function's body, never a signature other files depend on.

import { join } from "node:path";
import { Project } from "ts-morph";
import { applyMutant, type Mutant } from "./mutants.ts";

/** The first type error of each mutant that has one, by mutant name. */
export function typeErrors(repository: string, mutants: readonly Mutant[], read: (file: string) => string): Map<string, string> {
  const project = new Project({ tsConfigFilePath: join(repository, "tsconfig.json"), skipAddingFilesFromTsConfig: true });
  const errors = new Map<string, string>();
  const files = [...new Set(mutants.map((m) => m.file))];
  for (const file of files) {
    const source = project.addSourceFileAtPath(join(repository, file));
    project.resolveSourceFileDependencies();
    const original = read(file);
    for (const mutant of mutants.filter((m) => m.file === file)) {
      source.replaceWithText(applyMutant(original, mutant));
      const first = source.getPreEmitDiagnostics()[0];
      if (first !== undefined) {
        const text = first.getMessageText();
        errors.set(mutant.name, typeof text === "string" ? text : text.getMessageText());
      }
    }
    source.replaceWithText(original);
  }
  return errors;
}
