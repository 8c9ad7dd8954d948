// The witnesses of spec/properties.md by name, so that a configuration can
// leave out one it cannot reach (`omitWitnesses`) and the name is checked.

export const WITNESS_NAMES = [
  "the backup took over as primary",
  "a restarted server became backup again",
  "a new primary that does not know it yet rejects a client",
  "two servers believe they are primary, in different views",
  "a write was acknowledged after a failover",
] as const;

export type WitnessName = (typeof WITNESS_NAMES)[number];
