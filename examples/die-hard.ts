// The jugs puzzle from "Die Hard 3", as in the TLA+ examples: with a 5-gallon
// and a 3-gallon jug, measure exactly 4 gallons. The "invariant" big ≠ 4 is
// meant to fail: its shortest counterexample is the puzzle's solution.

import type { ActionSpec } from "../checker/engine/spec.ts";

export interface Jugs {
  readonly big: number;
  readonly small: number;
}

export type JugAction =
  | { readonly kind: "FillSmall" }
  | { readonly kind: "FillBig" }
  | { readonly kind: "EmptySmall" }
  | { readonly kind: "EmptyBig" }
  | { readonly kind: "SmallToBig" }
  | { readonly kind: "BigToSmall" };

const ACTIONS: readonly JugAction[] = [
  { kind: "FillSmall" },
  { kind: "FillBig" },
  { kind: "EmptySmall" },
  { kind: "EmptyBig" },
  { kind: "SmallToBig" },
  { kind: "BigToSmall" },
];

export function dieHard(bigSize = 5, smallSize = 3, goal = 4): ActionSpec<Jugs, JugAction> {
  const next = (s: Jugs, a: JugAction): Jugs => {
    switch (a.kind) {
      case "FillSmall":
        return { ...s, small: smallSize };
      case "FillBig":
        return { ...s, big: bigSize };
      case "EmptySmall":
        return { ...s, small: 0 };
      case "EmptyBig":
        return { ...s, big: 0 };
      case "SmallToBig": {
        const poured = Math.min(s.small, bigSize - s.big);
        return { big: s.big + poured, small: s.small - poured };
      }
      case "BigToSmall": {
        const poured = Math.min(s.big, smallSize - s.small);
        return { big: s.big - poured, small: s.small + poured };
      }
    }
  };
  return {
    name: "die-hard",
    initialStates: () => [{ big: 0, small: 0 }],
    // Every action is always enabled; some leave the state as it is.
    actions: () => ACTIONS,
    next,
    label: (a) => a.kind,
    actionName: (a) => a.kind,
    actionNames: ACTIONS.map((a) => a.kind),
    invariants: [
      {
        name: `big ≠ ${goal}`,
        holds: (s) => s.big !== goal,
        explain: (s) => `the big jug holds ${s.big} gallons`,
      },
    ],
    witnesses: [],
  };
}
