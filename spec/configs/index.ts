// The named configurations, validated when loaded: a broken one is a bug in
// this repository, so it throws.

import { protocolConfig, type ProtocolConfig } from "../../model/config.ts";
import large from "./large.json" with { type: "json" };
import pipelined from "./pipelined.json" with { type: "json" };
import small from "./small.json" with { type: "json" };
import tiny from "./tiny.json" with { type: "json" };
import wideEmpty from "./wide-empty.json" with { type: "json" };
import wideStable from "./wide-stable.json" with { type: "json" };

export const NAMED_CONFIGS: Readonly<Record<string, ProtocolConfig>> = {
  tiny: protocolConfig.parse(tiny),
  small: protocolConfig.parse(small),
  large: protocolConfig.parse(large),
  pipelined: protocolConfig.parse(pipelined),
  "wide-stable": protocolConfig.parse(wideStable),
  "wide-empty": protocolConfig.parse(wideEmpty),
};

/** Named configurations that take minutes (run them with --workers 2): tests and the bench leave them out. */
export const SLOW_CONFIGS: readonly string[] = ["wide-stable", "wide-empty"];
