// splitbrain worker --broker URL: serve partitions of searches that a
// coordinator (`check --broker URL --workers N`) runs, until stopped. A job
// names its spec, configuration and variants; this worker builds them from
// its own copy of splitbrain, through the same registry as `check`.

import { z } from "zod";
import { parseBrokerUrl, BrokerUnreachable } from "../engine/broker/link.ts";
import { WorkerService, type Resolve } from "../engine/broker/worker-service.ts";
import { findSpec, parseConfig, parseFlags } from "./shared.ts";
import { badInput, EXIT, type UserError } from "./user-error.ts";

const flags = z.object({
  broker: z.string({ message: "--broker URL is needed: the NATS server the coordinator uses, e.g. nats://10.0.0.5:4222" }),
  name: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, "--name takes letters, digits, - and _")
    .optional(),
});

const OPTIONS = { broker: { type: "string" }, name: { type: "string" } } as const;

/** A job's spec and configuration as this copy of splitbrain builds them, through check's registry, or why it cannot. */
export const resolveJob: Resolve = (spec, configuration, selection) => {
  const entry = findSpec(spec);
  if (!entry.ok) return { ok: false, why: `this splitbrain has no spec ${spec}` };
  const config = parseConfig(entry.value, configuration, "the job's configuration");
  if (!config.ok) return { ok: false, why: config.error.message };
  const variants = (config.value as { variants?: readonly string[] }).variants ?? [];
  return { ok: true, source: { ...entry.value.source(config.value), select: selection }, title: `${entry.value.name}${variants.length > 0 ? ` with ${variants.join(", ")}` : ""}` };
};

export async function runWorker(args: string[], usage: string, fail: (e: UserError) => number): Promise<number> {
  const parsed = parseFlags(args, OPTIONS, flags, usage);
  if (!parsed.ok) return fail(parsed.error);
  const url = parseBrokerUrl(parsed.value.values.broker);
  if (!url.ok) return fail(badInput(`--broker: ${url.why}`).error);
  const say = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
  const service = new WorkerService({ address: url.address, resolve: resolveJob, say, name: parsed.value.values.name });
  try {
    await service.start();
  } catch (error) {
    if (error instanceof BrokerUnreachable) return fail(badInput(`${error.message}. Start the broker first (nats-server, see the README), or give its address with --broker.`).error);
    throw error;
  }
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  say("stopping");
  await service.stop();
  return EXIT.pass;
}
