/**
 * The flow proofs of `backup-dr validate`: the flows a rollout's synth wrote (flows.json), evaluated against the
 * policies of the synthesized stacks with an IAM policy evaluator that the user installs (it is AGPL-3.0, so this
 * package does not depend on it). Without it, validate says loudly that the proofs were not run, why, and how to
 * run them, and prints no flows line.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { FLOWS_FILE, readFlowSet } from "../stacks/flows/flow-file";
import { RolloutPolicies, SynthesizedStack } from "../stacks/flows/policies";
import { FLOW_EVALUATOR_HINT, FlowEvaluatorLoad, flowSummaryLine, loadFlowEvaluator, proveFlows } from "../stacks/flows/prove";
import { clearFlowProofResults, notRunFlowProofsSection, putFlowProofsSection, writeFlowProofResults } from "../stacks/report/flow-proofs";
import type { CommandIo } from "./args";

/** What became of the proofs: all held, some failed, or not run (no flows in the output, no evaluator, HCL output). */
export type FlowProofStatus = "proven" | "failed" | "not-run";

export interface FlowProofOptions {
  /** Loads the evaluator. @default loadFlowEvaluator */
  readonly loadEvaluator?: () => FlowEvaluatorLoad;
}

/** Proves the flows of a synth output folder; prints the `flows:` line, each failure, and writes the results beside the report. */
export async function runFlowProofs(outDir: string, io: CommandIo, options: FlowProofOptions = {}): Promise<FlowProofStatus> {
  const set = readFlowSet(outDir);
  if (!set) {
    io.out(`flows: not run: ${outDir} has no ${FLOWS_FILE} (a synth of a backup-dr rollout writes it)`);
    return "not-run";
  }
  const notRun = (why: string): FlowProofStatus => {
    io.err(`WARNING: flow proofs were NOT run: ${why}`);
    io.out(`flows: NOT RUN (${set.flows.length} flows unproven)`);
    clearFlowProofResults(outDir);
    putFlowProofsSection(path.join(outDir, "dr-report.md"), notRunFlowProofsSection(set, why));
    return "not-run";
  };
  const stacksDir = path.join(outDir, "stacks");
  const stackNames = fs.readdirSync(stacksDir).sort();
  const hcl = stackNames.filter((s) => !fs.existsSync(path.join(stacksDir, s, "cdk.tf.json")));
  if (hcl.length > 0)
    return notRun(
      `the proofs read the stacks' JSON, and ${hcl.join(", ")} ${hcl.length === 1 ? "has" : "have"} none (synthesize without --hcl to prove the flows)`,
    );
  const load = (options.loadEvaluator ?? loadFlowEvaluator)();
  if ("missing" in load) return notRun(`${load.missing}. ${FLOW_EVALUATOR_HINT}`);

  const started = Date.now();
  const stacks = Object.fromEntries(
    stackNames.map((s) => [s, JSON.parse(fs.readFileSync(path.join(stacksDir, s, "cdk.tf.json"), "utf8")) as SynthesizedStack]),
  );
  const outcomes = await proveFlows(load.run, new RolloutPolicies(stacks, set.external), set.flows);
  const failed = outcomes.filter((o) => !o.ok);
  for (const f of failed) io.err(`flow proof failed: ${f.failure}`);
  const summary = flowSummaryLine(outcomes);
  const file = writeFlowProofResults(outDir, set, outcomes, summary);
  io.out(summary);
  io.out(`flow proof results: ${file} and the DR report [${((Date.now() - started) / 1000).toFixed(1)}s]`);
  return failed.length === 0 ? "proven" : "failed";
}
