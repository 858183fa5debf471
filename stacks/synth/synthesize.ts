/**
 * The whole synth of a rollout into an App's output folder: stacks built from the model and validated as one tree
 * before anything is written, then the output finished for pipelines (stale folders and files removed, HCL
 * formatted), the deploy order, the DR report, the flows to prove (flows.json) and (on HCP Terraform) the workspaces
 * written beside the stacks.
 */
import * as fs from "node:fs";
import type { App } from "../../modules/core/cdktf";
import { configErrorOf } from "../config/build-problems";
import type { RolloutConfig } from "../config/schema";
import { rolloutFlows } from "../flows/flows";
import { flowsFile, writeFlowSet } from "../flows/flow-file";
import { buildDrReport, DrReport } from "../report/dr-report";
import { clearFlowProofResults, pendingFlowProofsSection } from "../report/flow-proofs";
import { drReportFiles, writeDrReportJson, writeDrReportMarkdown } from "../report/render";
import type { RolloutModel } from "../model/model";
import { buildRollout, rolloutStackNames, RolloutStacks } from "../rollout/build";
import { DeployOrder, deployOrderOf, writeDeployOrder } from "./deploy-order";
import { hcpWorkspacesOf, writeHcpWorkspaces } from "./hcp-workspaces";
import { FinishedSynthOutput, finishSynthOutput } from "./synth-output";
import { synthesizeRolloutSharded, synthWorkers } from "./shards";
import { validateTree } from "./validate-tree";

/** What a synth wrote, in one process or several. */
export interface SynthesizedRolloutFiles {
  readonly model: RolloutModel;
  readonly finished: FinishedSynthOutput;
  readonly order: DeployOrder;
  readonly report: DrReport;
  /** The files written beside the stacks: `flows` holds the requests `backup-dr validate` proves; `hcpWorkspaces` is there when the rollout keeps its state on HCP Terraform. */
  readonly files: BesideStacks;
}

export interface SynthesizedRollout extends SynthesizedRolloutFiles {
  /** The stacks, built in this process. */
  readonly rollout: RolloutStacks;
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
  const { report, files } = writeBesideStacks(app.outdir, rollout.model, order, deployOrderFile);
  return { rollout, model: rollout.model, finished, order, report, files };
}

/** The files written beside the stacks of a rollout. */
export interface BesideStacks {
  readonly deployOrder: string;
  readonly markdown: string;
  readonly json: string;
  readonly flows: string;
  readonly hcpWorkspaces?: string;
}

/**
 * Writes what goes beside the stacks that the model alone decides into `dir`: dr-report.json, flows.json and
 * dr-report.md (with the pending flow proofs section). Each file is written piece by piece, and the flows are let go
 * once written: at 1000 member accounts the three files are about 45 MB of text, which as whole strings were the
 * largest thing this process held. Returns the report.
 */
export function writeReportAndFlows(dir: string, model: RolloutModel): DrReport {
  const report = buildDrReport(model);
  const files = drReportFiles(dir);
  writeDrReportJson(files.json, report);
  writeDrReportMarkdown(files.markdown, report, writeFlows(dir, model));
  return report;
}

/** Writes flows.json into `dir`; returns the report's pending flow proofs section, all it needs of the flows. */
function writeFlows(dir: string, model: RolloutModel): string {
  const flowSet = rolloutFlows(model);
  writeFlowSet(dir, flowSet);
  return pendingFlowProofsSection(flowSet);
}

/** The DR report and flows of a rollout, written ahead into a folder (see stageBesideStacks). */
export interface StagedBesideStacks {
  readonly report: DrReport;
  /** The folder holding dr-report.md, dr-report.json and flows.json. */
  readonly staged: string;
}

/**
 * Writes the DR report and flows into `dir` ahead of time (a multi-process synth does it into its staging folder
 * while the workers run); writeBesideStacks then moves them into place.
 */
export function stageBesideStacks(dir: string, model: RolloutModel): StagedBesideStacks {
  return { report: writeReportAndFlows(dir, model), staged: dir };
}

/**
 * Writes what a rollout's synth puts beside the stacks, from the model and the deploy order (after the deploy order
 * itself): the HCP Terraform workspaces, the DR report and the flows to prove (earlier proof results removed). The
 * report and flows are written here, or moved from where stageBesideStacks wrote them. One home for a single-process
 * synth and a synth across worker processes.
 */
export function writeBesideStacks(
  outdir: string,
  model: RolloutModel,
  order: DeployOrder,
  deployOrder: string,
  staged?: StagedBesideStacks,
): { report: DrReport; files: BesideStacks } {
  const hcpWorkspaces = writeHcpWorkspaces(outdir, hcpWorkspacesOf(model.config, order, [model.management, model.central, ...model.members]));
  const to = { ...drReportFiles(outdir), flows: flowsFile(outdir) };
  let report: DrReport;
  if (staged) {
    const from = { ...drReportFiles(staged.staged), flows: flowsFile(staged.staged) };
    for (const k of ["markdown", "json", "flows"] as const) fs.renameSync(from[k], to[k]);
    report = staged.report;
  } else {
    report = writeReportAndFlows(outdir, model);
  }
  clearFlowProofResults(outdir);
  return { report, files: { deployOrder, ...to, ...(hcpWorkspaces ? { hcpWorkspaces } : {}) } };
}

/**
 * Synthesizes a rollout with as many processes as it is worth (see synthWorkers: one per core for large rollouts,
 * BACKUP_DR_SYNTH_WORKERS to choose); the output is the same either way.
 */
export async function synthesizeRolloutAuto(app: App, config: RolloutConfig, source?: string): Promise<SynthesizedRolloutFiles> {
  const workers = synthWorkers(rolloutStackNames(config).length);
  if (workers <= 1) return synthesizeRollout(app, config, source);
  return synthesizeRolloutSharded(app, config, workers, source);
}
