// Mistakes in what a user gave us (a flag, a config, a trace file) are values,
// not exceptions: they carry the message to print and the exit code to leave
// with. Exceptions are kept for bugs.

import type { z } from "zod";

export const EXIT = {
  pass: 0,
  violation: 1,
  badInput: 2,
  incomplete: 3,
  /** The spec's own code threw: a bug in the model, reported by cli.ts. */
  specError: 4,
} as const;

export interface UserError {
  readonly kind: "user-error";
  readonly message: string;
  readonly exitCode: number;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: UserError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const badInput = (message: string): { ok: false; error: UserError } => ({
  ok: false,
  error: { kind: "user-error", message, exitCode: EXIT.badInput },
});

/** One line per zod issue: where in the input, and what was expected there. */
export function describeZodError(where: string, error: z.ZodError): string {
  const lines = error.issues.map((issue) => {
    const path = issue.path.length === 0 ? "(top level)" : issue.path.map(String).join(".");
    return `  ${path}: ${issue.message}`;
  });
  return `${where}: invalid input\n${lines.join("\n")}`;
}
