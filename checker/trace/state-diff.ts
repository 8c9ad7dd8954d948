// Shows a state, or what changed between two states, as flat "path = value"
// lines, so a reader sees the one field that changed instead of a nested dump.

export function flatten(value: unknown, path = "", out = new Map<string, string>()): Map<string, string> {
  if (value instanceof Set) {
    out.set(path, `{${[...value].map(show).sort().join(", ")}}`);
  } else if (value instanceof Map) {
    for (const [k, v] of [...value].sort(([a], [b]) => (show(a) < show(b) ? -1 : 1))) flatten(v, `${path}[${show(k)}]`, out);
    if (value.size === 0) out.set(path, "{}");
  } else if (Array.isArray(value)) {
    if (value.length === 0) out.set(path, "[]");
    value.forEach((item, i) => flatten(item, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    if (keys.length === 0) out.set(path, "{}");
    for (const key of keys) flatten((value as Record<string, unknown>)[key], path === "" ? key : `${path}.${key}`, out);
  } else {
    out.set(path, show(value));
  }
  return out;
}

function show(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined) return "—";
  if (value !== null && typeof value === "object") return JSON.stringify([...flatten(value)]);
  return String(value);
}

export interface Change {
  readonly path: string;
  readonly before: string | undefined;
  readonly after: string | undefined;
}

export function diff(before: unknown, after: unknown): Change[] {
  const a = flatten(before);
  const b = flatten(after);
  const changes: Change[] = [];
  for (const [path, value] of b) if (a.get(path) !== value) changes.push({ path, before: a.get(path), after: value });
  for (const [path, value] of a) if (!b.has(path)) changes.push({ path, before: value, after: undefined });
  // An empty container is shown as "{}" or "[]"; when it fills up or empties,
  // the changes to its contents already say so.
  const isPlaceholder = (v: string | undefined) => v === "{}" || v === "[]";
  return changes.filter(
    (c) => !(isPlaceholder(c.before) || isPlaceholder(c.after)) || !changes.some((o) => o !== c && (o.path.startsWith(c.path + ".") || o.path.startsWith(c.path + "["))),
  );
}

/** ANSI colour, or the text as it is. */
export const paint = (on: boolean, code: number, text: string): string => (on ? `\x1b[${code}m${text}\x1b[0m` : text);

/** One change as text; with `color`, the field in cyan and its new value in yellow. */
export function showChange(change: Change, color = false): string {
  const path = paint(color, 36, change.path);
  if (change.before === undefined) return `${path} = ${paint(color, 33, change.after!)}`;
  if (change.after === undefined) return `${path} removed (was ${change.before})`;
  return `${path}: ${change.before} → ${paint(color, 33, change.after)}`;
}
