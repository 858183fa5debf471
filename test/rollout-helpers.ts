import * as fs from "node:fs";
import * as path from "node:path";
import defaultRollout from "../stacks/config/rollouts/default.json";
import referenceRollout from "../examples/rollouts/reference.json";
import govcloudRollout from "./snapshot/rollouts/govcloud.json";
import { parseRollout } from "../stacks/config/load";
import { RolloutConfig } from "../stacks/config/schema";
import { buildRollout } from "../stacks/rollout/build";
import { validateTree } from "../stacks/synth/validate-tree";
import { synthToTemp } from "./helpers";

/** The rollouts whose stacks are snapshot-tested: the embedded default, the reference example, and a GovCloud one. */
export const REFERENCE_ROLLOUTS = { default: defaultRollout, reference: referenceRollout, govcloud: govcloudRollout } as const;

/** A deep copy of a reference rollout's raw JSON, to change in a test. */
export function rawRollout(name: keyof typeof REFERENCE_ROLLOUTS = "default"): any {
  return JSON.parse(JSON.stringify(REFERENCE_ROLLOUTS[name]));
}

/** Parses a raw rollout. */
export function rollout(raw: unknown = rawRollout()): RolloutConfig {
  return parseRollout(raw, "test rollout");
}

/** Synthesizes a rollout into a temp folder (whole app, so every stack is prepared) and returns the folder. */
export function synthRollout(config: RolloutConfig): string {
  return synthToTemp((app) => {
    buildRollout(app, config);
    validateTree(app);
  });
}

/** The synthesized JSON of every stack of a synth output, by stack name. */
export function readStacks(outDir: string): Record<string, any> {
  const dir = path.join(outDir, "stacks");
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .sort()
      .map((s) => [s, JSON.parse(fs.readFileSync(path.join(dir, s, "cdk.tf.json"), "utf8"))]),
  );
}
