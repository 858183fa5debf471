/**
 * The whole synth of a rollout into an App's output folder: stacks built from the model and validated as one tree
 * before anything is written, then the output finished for pipelines (stale folders and files removed, HCL
 * formatted), the deploy order, the DR report and the flows to prove (flows.json) written beside the stacks.
 */
import type { App } from "../../modules/core/cdktf";
import { configErrorOf } from "../config/build-problems";
import type { RolloutConfig } from "../config/schema";
import { rolloutFlows } from "../flows/flows";
import { writeFlowSet } from "../flows/flow-file";
import { buildDrReport, DrReport } from "../report/dr-report";
import { clearFlowProofResults, pendingFlowProofsSection, putFlowProofsSection } from "../report/flow-proofs";
import { writeDrReport } from "../report/render";
import { buildRollout, RolloutStacks } from "../rollout/build";
import { DeployOrder, deployOrderOf, writeDeployOrder } from "./deploy-order";
import { FinishedSynthOutput, finishSynthOutput } from "./synth-output";
import { validateTree } from "./validate-tree";

export interface SynthesizedRollout {
  readonly rollout: RolloutStacks;
  readonly finished: FinishedSynthOutput;
  readonly order: DeployOrder;
  readonly report: DrReport;
  /** The files written beside the stacks; `flows`: the requests `backup-dr validate` proves. */
  readonly files: { readonly deployOrder: string; readonly markdown: string; readonly json: string; readonly flows: string };
}

/** Writes what every synth output gets after `app.synth()`: finished stack folders and the deploy order. */
export function finishApp(app: App): { finished: FinishedSynthOutput; order: DeployOrder; deployOrderFile: string } {
  const finished = finishSynthOutput(app);
  const order = deployOrderOf(app);
  return { finished, order, deployOrderFile: writeDeployOrder(app.outdir, order) };
}

/**
 * Builds and validates the stacks of a rollout in `app`, writing nothing. What a construct refuses is thrown as a
 * RolloutConfigError at the config path of the value that caused it.
 */
export function buildCheckedRollout(app: App, config: RolloutConfig, source?: string): RolloutStacks {
  try {
    const rollout = buildRollout(app, config);
    validateTree(app);
    return rollout;
  } catch (e) {
    throw configErrorOf(config, e, source);
  }
}

/**
 * Builds, validates and synthesizes a rollout into `app`, then finishes the output. Throws before writing on a bad
 * tree; `source` names the config in errors.
 */
export function synthesizeRollout(app: App, config: RolloutConfig, source?: string): SynthesizedRollout {
  const rollout = buildCheckedRollout(app, config, source);
  app.synth();
  const { finished, order, deployOrderFile } = finishApp(app);
  const report = buildDrReport(rollout.model);
  const { markdown, json } = writeDrReport(app.outdir, report);
  const flowSet = rolloutFlows(rollout.model);
  const flows = writeFlowSet(app.outdir, flowSet);
  clearFlowProofResults(app.outdir);
  putFlowProofsSection(markdown, pendingFlowProofsSection(flowSet));
  return { rollout, finished, order, report, files: { deployOrder: deployOrderFile, markdown, json, flows } };
}
