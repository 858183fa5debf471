import * as path from "node:path";
import defaultRollout from "./rollouts/default.json";
import { RolloutConfig } from "./schema";
import { loadRolloutFile, parseRollout } from "./load";

/** The embedded default rollout: management, central backup, two members, two regions, every capability. */
export function defaultRolloutConfig(): RolloutConfig {
  return parseRollout(defaultRollout, "embedded default rollout");
}

/** The rollout named by ROLLOUT_CONFIG, else the embedded default. */
export function loadRolloutFromEnvironment(env: NodeJS.ProcessEnv = process.env): RolloutConfig {
  const file = env.ROLLOUT_CONFIG;
  return file ? loadRolloutFile(path.resolve(file)) : defaultRolloutConfig();
}
