/**
 * flows.json: the flows of a rollout, written beside the stacks at synth so that `backup-dr validate` can prove them
 * against the synthesized stacks without the rollout config.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { FlowSet } from "./flows";

export const FLOWS_FILE = "flows.json";

/** Where flows.json goes in a folder. */
export function flowsFile(outdir: string): string {
  return path.join(outdir, FLOWS_FILE);
}

/** Writes the flows into a synth output folder; returns the file. */
export function writeFlowSet(outdir: string, set: FlowSet): string {
  return writeFlowsText(outdir, flowSetText(set));
}

/** Writes flows.json from its rendered contents (flowSetText); returns its path. */
export function writeFlowsText(outdir: string, text: string): string {
  const file = flowsFile(outdir);
  fs.writeFileSync(file, text);
  return file;
}

/** The contents of flows.json. */
export function flowSetText(set: FlowSet): string {
  return `${JSON.stringify(set)}\n`;
}

/** The flows of a synth output folder, or undefined when the synth wrote none. */
export function readFlowSet(outdir: string): FlowSet | undefined {
  const file = flowsFile(outdir);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as FlowSet) : undefined;
}
