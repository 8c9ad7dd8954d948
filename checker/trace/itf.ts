// A trace in the Informal Trace Format (ITF) that Apalache and Quint read
// (apalache-mc.org/docs/adr/015adr-trace.html): the states in order, each
// variable a JSON expression. The spec's state is plain data, so each
// top-level field becomes a variable and each value converts directly.

export type ItfValue =
  | boolean
  | string
  | { readonly "#bigint": string }
  | readonly ItfValue[]
  | { readonly "#set": readonly ItfValue[] }
  | { readonly "#map": readonly (readonly [ItfValue, ItfValue])[] }
  | { readonly tag: string; readonly value: ItfValue }
  | { readonly [field: string]: ItfValue };

export interface ItfTrace {
  readonly "#meta": Readonly<Record<string, unknown>>;
  readonly vars: readonly string[];
  readonly states: readonly Readonly<Record<string, unknown>>[];
  /** For a lasso: the index of the state the last one loops back to. */
  readonly loop?: number;
}

export const ITF_DESCRIPTION = "https://apalache-mc.org/docs/adr/015adr-trace.html";

/**
 * One value as an ITF expression. Integers are written as big integers, as
 * Quint does, which every ITF reader accepts; null (nothing there, such as no
 * pending operation) is Quint's option None, and a missing field is left out.
 */
export function toItfValue(value: unknown, where = "state"): ItfValue {
  if (typeof value === "boolean" || typeof value === "string") return value;
  if (typeof value === "number") {
    if (!Number.isInteger(value)) throw new Error(`ITF has no non-integer numbers: ${where} = ${value}`);
    return { "#bigint": String(value) };
  }
  if (value === null) return { tag: "None", value: {} };
  if (Array.isArray(value)) return value.map((v, i) => toItfValue(v, `${where}[${i}]`));
  if (value instanceof Set) return { "#set": [...value].map((v) => toItfValue(v, where)) };
  if (value instanceof Map) return { "#map": [...value].map(([k, v]) => [toItfValue(k, where), toItfValue(v, where)] as const) };
  if (typeof value === "object") {
    const fields = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    for (const [field] of fields) if (field.startsWith("#")) throw new Error(`ITF record fields may not start with #: ${where}.${field}`);
    return Object.fromEntries(fields.map(([field, v]) => [field, toItfValue(v, `${where}.${field}`)]));
  }
  throw new Error(`no ITF form for ${typeof value}: ${where}`);
}

export interface ItfInput {
  readonly source: string;
  readonly description: string;
  /** The states, initial first; each a record of the spec's variables. */
  readonly states: readonly unknown[];
  /** The label of the step into each state after the first. */
  readonly labels: readonly string[];
  /** A lasso's loop: the index of the state the run returns to after the last. */
  readonly loop?: number;
}

export function toItf(input: ItfInput): ItfTrace {
  const first = input.states[0];
  if (first === null || typeof first !== "object" || Array.isArray(first)) throw new Error("ITF needs each state to be a record of variables");
  const vars = Object.keys(first as object).filter((k) => (first as Record<string, unknown>)[k] !== undefined);
  return {
    "#meta": { format: "ITF", "format-description": ITF_DESCRIPTION, source: input.source, description: input.description },
    vars,
    states: input.states.map((state, index) => ({
      "#meta": index === 0 ? { index } : { index, action: input.labels[index - 1] },
      ...Object.fromEntries(vars.map((v) => [v, toItfValue((state as Record<string, unknown>)[v], v)])),
    })),
    ...(input.loop === undefined ? {} : { loop: input.loop }),
  };
}
