/**
 * The "Flow proofs" section of the DR report. The report is written at synth from the model; whether a flow works is
 * decided later, by evaluating the synthesized policies (`backup-dr validate`). So the synth writes the section with
 * the flows to prove, and validate rewrites it with each flow's result, and writes flow-proofs.json beside it.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { FlowSet } from "../flows/flows";
import type { FlowOutcome } from "../flows/prove";

/** The line that opens the section in dr-report.md. */
export const FLOW_PROOFS_BEGIN = "<!-- flow-proofs -->";
const END = "<!-- /flow-proofs -->";
export const FLOW_PROOFS_JSON = "flow-proofs.json";

/** The results of the flow proofs of a synth output, as flow-proofs.json holds them. */
export interface FlowProofResults {
  readonly rollout: string;
  readonly summary: string;
  readonly flows: readonly {
    readonly name: string;
    readonly kind: string;
    readonly expect: "allow" | "deny";
    readonly ok: boolean;
    readonly failure?: string;
  }[];
}

function kindCounts(set: FlowSet): string[] {
  const counts = new Map<string, number>();
  for (const f of set.flows) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `- ${kind}: ${n}`);
}

/** The section as the synth writes it: what is to be proven and how. */
export function pendingFlowProofsSection(set: FlowSet): string {
  const allow = set.flows.filter((f) => f.expect === "allow").length;
  return [
    FLOW_PROOFS_BEGIN,
    "## Flow proofs",
    "",
    `${allow} data paths must be allowed and ${set.flows.length - allow} deny proofs must hold, by IAM evaluation of the synthesized key, vault, bucket and role policies (the requests: flows.json). Not evaluated yet: \`backup-dr validate\` proves them and writes each result here.`,
    "",
    ...kindCounts(set),
    END,
    "",
  ].join("\n");
}

/** The section with each flow's result. */
export function provenFlowProofsSection(results: FlowProofResults): string {
  const lines = [FLOW_PROOFS_BEGIN, "## Flow proofs", "", `Evaluated by \`backup-dr validate\` against the synthesized policies: **${results.summary}**.`, ""];
  lines.push("| flow | expected | result |", "|---|---|---|");
  for (const f of results.flows) lines.push(`| ${f.name} | ${f.expect === "allow" ? "allowed" : "denied"} | ${f.ok ? "proven" : "**FAILED**"} |`);
  const failed = results.flows.filter((f) => !f.ok);
  if (failed.length > 0) lines.push("", "Failures:", "", ...failed.map((f) => `- ${f.failure}`));
  lines.push(END, "");
  return lines.join("\n");
}

/** The section saying the proofs were not run, and why. */
export function notRunFlowProofsSection(set: FlowSet, why: string): string {
  return [FLOW_PROOFS_BEGIN, "## Flow proofs", "", `**Not run**: ${why}`, "", ...kindCounts(set), END, ""].join("\n");
}

/** Puts a section into dr-report.md, replacing the one there; no-op without a report. */
export function putFlowProofsSection(reportMarkdown: string, section: string): void {
  if (!fs.existsSync(reportMarkdown)) return;
  fs.writeFileSync(reportMarkdown, withFlowProofsSection(fs.readFileSync(reportMarkdown, "utf8"), section));
}

/** The report's Markdown with its flow proofs section replaced by (or ending in) `section`. */
export function withFlowProofsSection(text: string, section: string): string {
  const i = text.indexOf(FLOW_PROOFS_BEGIN);
  const j = text.indexOf(END);
  const kept = i >= 0 && j > i ? text.slice(0, i) + text.slice(j + END.length).replace(/^\n/, "") : text;
  return `${kept.replace(/\n*$/, "\n\n")}${section}`;
}

/** Writes the results of the proofs beside the report (flow-proofs.json) and into its Markdown; returns the JSON file. */
export function writeFlowProofResults(outdir: string, set: FlowSet, outcomes: readonly FlowOutcome[], summary: string): string {
  const results: FlowProofResults = {
    rollout: set.rollout,
    summary,
    flows: outcomes.map((o) => ({ name: o.flow.name, kind: o.flow.kind, expect: o.flow.expect, ok: o.ok, ...(o.failure ? { failure: o.failure } : {}) })),
  };
  const file = path.join(outdir, FLOW_PROOFS_JSON);
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  putFlowProofsSection(path.join(outdir, "dr-report.md"), provenFlowProofsSection(results));
  return file;
}

/** Removes the results of an earlier validate (a new synth makes them stale). */
export function clearFlowProofResults(outdir: string): void {
  fs.rmSync(path.join(outdir, FLOW_PROOFS_JSON), { force: true });
}
