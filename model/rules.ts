// The branches of the protocol's rules, as rule coverage counts them: each
// rule's accepting branch and each of its rejecting ones. `check` reports how
// often each was taken, and warns about any that never was: a rule that never
// runs in a configuration is not checked there. Branches are counted on steps,
// so a rule that forbids a step (VS-4b's wait for a suspected primary) shows
// only as the step's absence and has no branch here.

export const RULE_BRANCHES = [
  "PB-1 a newer view is learned",
  "PB-1 a reply with the known view confirms it",
  "PB-1 a reply older than the known view is ignored",
  "PB-9 a restarted server ignores a view naming it primary",
  "PB-4b a pending forward is abandoned in a new view",
  "PB-3 a primary with a backup waits for the transfer",
  "PB-3 a backup waits for the transfer",
  "PB-10 the view service confirms the primary",
  "PB-3 the backup accepts the transfer",
  "PB-3b a late copy of the transfer is confirmed but not applied",
  "PB-5 a transfer from a stale primary is rejected",
  "PB-3 the transfer is confirmed: the primary enters its view",
  "PB-3 a stale transfer reply is ignored",
  "PB-5 the backup applies a forward",
  "PB-5 a forward from a stale primary, or before the transfer, is rejected",
  "PB-4 the backup acknowledged: the primary applies and replies",
  "PB-4 the backup refused: the client is told to retry",
  "PB-4 a stale forward reply is ignored",
  "PB-6 a server that does not serve clients refuses a request",
  "PB-7 a duplicate request gets the remembered reply",
  "PB-7 an older duplicate request is ignored",
  "PB-4 with no backup, the primary executes at once",
  "PB-4 the primary forwards to the backup",
  "VS-2 the first server to ping becomes primary of view 1",
  "VS-3 the primary acknowledges its view",
  "VS-3 the view cannot move until the primary acknowledged",
  "VS-4 the backup takes over from the primary",
  "VS-4b with no backup, a restarted primary leaves no primary",
  "VS-5 a gone backup is replaced",
  "VS-5 an idle server is recruited as backup",
  "VS-5b a server that just pinged 0 is not recruited in that step",
  "CL-1 a reply completes the operation",
  "CL-1 a stale or failed reply is dropped",
] as const;

export type RuleBranch = (typeof RULE_BRANCHES)[number];
