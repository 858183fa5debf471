import { App, skipTokenCreationStacks } from "./modules/core/cdktf";
import { RolloutConfigError } from "./stacks/config/problems";
import { ValidationError } from "./modules/core";
import { loadRolloutFromEnvironment } from "./stacks/config/source";
import { buildRollout } from "./stacks/rollout/build";
import { validateTree } from "./stacks/synth/validate-tree";
import { buildExampleApp } from "./examples/app";
import { finishSynthOutput } from "./stacks/synth/synth-output";
import { buildDrReport } from "./stacks/report/dr-report";
import { synthSummary, writeDrReport } from "./stacks/report/render";

/**
 * Synthesizes the rollout named by ROLLOUT_CONFIG (a JSON file), or the embedded default rollout; with
 * SYNTH_EXAMPLES=1, one example stack per module family instead. Everything is built and validated before anything
 * is written: a bad config writes no stack.
 */
function main(): void {
  skipTokenCreationStacks();
  const examples = process.env.SYNTH_EXAMPLES === "1";
  // The config is read and checked before the App exists: creating the App prepares the output folder.
  const config = examples ? undefined : loadRolloutFromEnvironment();
  const app = new App();
  const rollout = config ? buildRollout(app, config) : undefined;
  if (!rollout) buildExampleApp(app);
  validateTree(app);
  app.synth();
  finishSynthOutput(app);
  if (rollout) {
    const report = buildDrReport(rollout.model);
    const files = writeDrReport(app.outdir, report);
    console.log(synthSummary(app.outdir, report, files.markdown));
  }
}

try {
  main();
} catch (e) {
  if (e instanceof RolloutConfigError || e instanceof ValidationError) {
    console.error(`error: ${e.message}`);
    process.exit(1);
  }
  throw e;
}
