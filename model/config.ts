// The configuration of one model: how many servers, what each client does,
// and the budget of every fault. Everything that could grow without bound is
// bounded here. Validated with zod: configuration files come from users.

import { z } from "zod";
import { VARIANTS } from "./variant-catalog.ts";
import { WITNESS_NAMES } from "./witness-names.ts";

const KEY = /^[a-z][a-z0-9]*$/;
const VALUE = /^[A-Za-z0-9]+$/;

/** A client operation, written as in the lecture: "Put x 1", "Append x 2", "Get x". */
const operationText = z.string().transform((text, ctx) => {
  const words = text.trim().split(/\s+/);
  const [verb, key, value] = words;
  const keyOk = key !== undefined && KEY.test(key);
  if ((verb === "Put" || verb === "Append") && words.length === 3 && keyOk && VALUE.test(value!)) {
    return { kind: verb, key: key!, value: value! } as const;
  }
  if (verb === "Get" && words.length === 2 && keyOk) return { kind: "Get", key: key! } as const;
  ctx.addIssue({
    code: "custom",
    message: `"${text}" is not an operation; expected "Put KEY VALUE", "Append KEY VALUE" or "Get KEY" (keys lower-case, values letters and digits)`,
  });
  return z.NEVER;
});

/** The same operation as data, as it appears in a parsed configuration (and so in trace files). */
const operationData = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("Put"), key: z.string().regex(KEY), value: z.string().regex(VALUE) }),
  z.strictObject({ kind: z.literal("Append"), key: z.string().regex(KEY), value: z.string().regex(VALUE) }),
  z.strictObject({ kind: z.literal("Get"), key: z.string().regex(KEY) }),
]);

// Text in files people write, data in files the checker writes; each form
// gets its own error messages.
const operation = z.unknown().transform((value, ctx): z.infer<typeof operationData> => {
  const parsed = typeof value === "string" ? operationText.safeParse(value) : operationData.safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
  return z.NEVER;
});

const budget = z.number().int().min(0).max(5);

export const faultBudgets = z.strictObject({
  /** Crash a server: it loses all its state (PB-8). */
  crashes: budget,
  /** Restart a crashed server, empty and at view 0. */
  restarts: budget,
  /** Cut the link between two nodes, or isolate one node from all others. */
  partitions: budget,
  /** Heal every cut link. */
  heals: budget,
  /** Lose one message in flight. */
  drops: budget,
  /** Deliver one message twice: add a copy of it to the network. */
  duplicates: budget,
  /** At most this many faults in one run, of any kind (no limit beyond the ones above when left out). */
  total: budget.optional(),
});

export const variantName = z.enum(VARIANTS);
export type Variant = z.infer<typeof variantName>;

export const protocolConfig = z.strictObject({
  description: z.string().optional(),
  servers: z.number().int().min(1).max(5),
  /** One script per client, run one operation at a time (CL-1). */
  clients: z.array(z.array(operation).min(1).max(4)).min(1).max(3),
  /**
   * At most this many messages in flight before a node may start a new
   * exchange (ping, view query, request, transfer). Answers are always sent.
   * A bound on concurrency, like maxView on views: leave out for no bound.
   */
  maxInFlight: z.number().int().min(1).max(20).optional(),
  /** The view service never creates a view numbered above this. */
  maxView: z.number().int().min(1).max(12),
  /**
   * VS-6: "any" lets the view service suspect any server of the current view
   * at any moment (pings lost or late); "faulty" only a server that is
   * crashed or whose link to the view service is cut.
   */
  suspicion: z.enum(["any", "faulty"]),
  faults: faultBudgets,
  /**
   * What a partition may do: "A|B" cuts the link between A and B, "A" isolates
   * node A from every other. Every link and node when left out. Listing only
   * the partitions that matter keeps the search small.
   */
  partitionable: z.array(z.string().regex(/^(VS|[SC][1-9])(\|(VS|[SC][1-9]))?$/, 'expected "A|B" (a link) or "A" (a node), e.g. "S1|VS" or "S1"')).optional(),
  /** Where the search starts: the empty beginning, or a stable view after start-up (model/setup.ts). */
  start: z.enum(["empty", "stable-view"]).default("empty"),
  /**
   * Witnesses this configuration cannot reach (say why in its description),
   * so they are not demanded of it; every other witness must be reached.
   */
  omitWitnesses: z.array(z.enum(WITNESS_NAMES)).default([]),
  /** Classic mistakes to switch on (see spec/variants.md); none by default. */
  variants: z.array(variantName).default([]),
})
  .refine((c) => c.start === "empty" || c.servers >= 2, {
    message: 'start "stable-view" needs at least 2 servers (a primary and a backup)',
    path: ["start"],
  })
  .refine((c) => c.start === "empty" || c.maxView >= 2, {
    message: 'start "stable-view" begins in view 2, so it needs maxView 2 or more',
    path: ["maxView"],
  })
  // Runs even when other fields are wrong, so that one run names every mistake.
  .superRefine((c, ctx) => {
    const known = (node: string) =>
      node === "VS" || (node[0] === "S" && Number(node.slice(1)) <= c.servers) || (node[0] === "C" && Number(node.slice(1)) <= c.clients.length);
    (c.partitionable ?? []).forEach((entry, i) => {
      if (typeof entry !== "string") return;
      for (const node of entry.split("|")) {
        if (!known(node)) ctx.addIssue({ code: "custom", message: `${node} is not a node of this configuration`, path: ["partitionable", i] });
      }
    });
  }, { when: ({ value }) => isNodeCountable(value) });

/** Enough of a configuration to tell which nodes it has. */
function isNodeCountable(value: unknown): value is { servers: number; clients: unknown[]; partitionable?: unknown[] } {
  if (typeof value !== "object" || value === null) return false;
  const { servers, clients, partitionable } = value as Record<string, unknown>;
  return typeof servers === "number" && Array.isArray(clients) && (partitionable === undefined || Array.isArray(partitionable));
}

export type ProtocolConfig = z.infer<typeof protocolConfig>;
export type Operation = z.infer<typeof operation>;
export type FaultBudgets = z.infer<typeof faultBudgets>;
