import { App, skipTokenCreationStacks } from "./modules/core/cdktf";
import { ValidationError } from "./modules/core";
import { RolloutConfigError } from "./stacks/config/problems";
import { loadRolloutFromEnvironment } from "./stacks/config/source";
import { synthSummary } from "./stacks/report/render";
import type { FinishedSynthOutput } from "./stacks/synth/synth-output";
import type { DeployOrder } from "./stacks/synth/deploy-order";
import { finishApp, synthesizeRolloutAuto } from "./stacks/synth/synthesize";
import { validateTree } from "./stacks/synth/validate-tree";
import { buildExampleApp } from "./examples/app";

function printFinish(finished: FinishedSynthOutput, order: DeployOrder, deployOrderFile: string): void {
  if (finished.staleStacks.length > 0) console.log(`removed the folders of stacks no longer in the app: ${finished.staleStacks.join(", ")}`);
  console.log(`deploy order: ${deployOrderFile} (${order.waves.length} waves: ${order.waves.map((w) => w.length).join(" + ")} stacks)`);
}

/**
 * Synthesizes the rollout named by ROLLOUT_CONFIG (a JSON file), or the embedded default rollout; with
 * SYNTH_EXAMPLES=1, one example stack per module family instead. Everything is built and validated before anything
 * is written: a bad config writes no stack. Large rollouts are synthesized in one process per core (BACKUP_DR_SYNTH_WORKERS).
 */
async function main(): Promise<void> {
  skipTokenCreationStacks();
  if (process.env.SYNTH_EXAMPLES === "1") {
    const app = buildExampleApp(new App());
    validateTree(app);
    app.synth();
    const { finished, order, deployOrderFile } = finishApp(app);
    printFinish(finished, order, deployOrderFile);
    return;
  }
  // The config is read and checked before the App exists: creating the App prepares the output folder.
  const config = loadRolloutFromEnvironment();
  const app = new App();
  const result = await synthesizeRolloutAuto(app, config, process.env.ROLLOUT_CONFIG ?? "embedded default rollout");
  printFinish(result.finished, result.order, result.files.deployOrder);
  if (result.files.hcpWorkspaces) console.log(`HCP Terraform workspaces: ${result.files.hcpWorkspaces} (create them before the first run)`);
  console.log(synthSummary(app.outdir, result.report, result.files.markdown));
}

main().catch((e: unknown) => {
  if (e instanceof RolloutConfigError || e instanceof ValidationError) {
    console.error(`error: ${e.message}`);
    process.exit(1);
  }
  console.error(e);
  process.exit(1);
});
