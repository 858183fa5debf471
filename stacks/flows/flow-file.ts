/**
 * flows.json: the flows of a rollout, written beside the stacks at synth so that `backup-dr validate` can prove them
 * against the synthesized stacks without the rollout config.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { writeJson, writeTextFile } from "../../modules/core/private/text-file";
import type { FlowSet } from "./flows";

export const FLOWS_FILE = "flows.json";

/** Where flows.json goes in a folder. */
export function flowsFile(outdir: string): string {
  return path.join(outdir, FLOWS_FILE);
}

/**
 * Writes the flows into a synth output folder; returns the file. The same bytes as `${JSON.stringify(set)}\n`, written
 * piece by piece (about 16 MB at 1000 member accounts).
 */
export function writeFlowSet(outdir: string, set: FlowSet): string {
  const file = flowsFile(outdir);
  writeTextFile(file, (out) => {
    writeJson(out, set);
    out.write("\n");
  });
  return file;
}

/** The flows of a synth output folder, or undefined when the synth wrote none. */
export function readFlowSet(outdir: string): FlowSet | undefined {
  const file = flowsFile(outdir);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as FlowSet) : undefined;
}
