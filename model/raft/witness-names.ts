// The names of Raft's witnesses, apart from their definitions so that the
// configuration schema can name them without importing the properties.

export const RAFT_WITNESS_NAMES = [
  "a leader was elected",
  "an entry was committed",
  "a leader was replaced after it crashed",
  "a conflicting entry was truncated",
] as const;

export type RaftWitnessName = (typeof RAFT_WITNESS_NAMES)[number];
