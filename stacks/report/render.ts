import * as fs from "node:fs";
import * as path from "node:path";
import { DrReport, EntryReport, formatMinutes } from "./dr-report";
import { RECOVERY_TIMES_AS_OF } from "../../modules/core/rules/recovery-times";
import { TextSink, writeJson, writeTextFile } from "../../modules/core/private/text-file";
import { FLOW_PROOFS_BEGIN, withFlowProofsSection } from "./flow-proofs";

function lockText(l: { mode: string; minRetentionDays: number; maxRetentionDays?: number }): string {
  return `${l.mode} ${l.minRetentionDays}-${l.maxRetentionDays ?? "∞"} d`;
}

function keptText(e: EntryReport): string {
  const r = e.retention;
  const parts: string[] = [];
  if (r.backupDays !== undefined) parts.push(`backups ${r.backupDays} d${r.coldStorageAfterDays ? ` (cold after ${r.coldStorageAfterDays} d)` : ""}`);
  if (r.continuousDays !== undefined) parts.push(`PITR ${r.continuousDays} d`);
  if (r.amiCount !== undefined) parts.push(`${r.amiCount} AMIs`);
  if (r.snapshotCount !== undefined) parts.push(`${r.snapshotCount} snapshots`);
  return parts.join(", ");
}

function copiesText(e: EntryReport): string {
  return e.copies.length === 0 ? "none" : e.copies.map((c) => `${c.kind} ${c.accountId}/${c.region} ${c.retentionDays} d`).join("; ");
}

function mechanismsText(e: EntryReport): string {
  const kinds = [
    e.rpo.backupMinutes !== undefined ? "Backup" : "",
    e.rpo.continuousBackup ? "PITR" : "",
    e.rpo.amiMinutes !== undefined ? "AMIs" : "",
    e.rpo.snapshotMinutes !== undefined ? "snapshots" : "",
  ];
  return kinds.filter(Boolean).join(" + ");
}

function rpoText(e: EntryReport): string {
  return `${formatMinutes(e.rpo.minutes)}${e.rpo.continuousBackup ? " (PITR for supported types)" : ""}`;
}

/** The objectives table: per account, tag and region, each declared objective met or not, and what is missing. */
export function objectivesSection(report: DrReport): string[] {
  const { mode, findings } = report.objectives;
  if (findings.length === 0) return [];
  const missed = findings.filter((f) => !f.met).length;
  const out = ["## Objectives", ""];
  out.push(
    `${findings.length - missed} of ${findings.length} objectives met${missed > 0 ? (mode === "report" ? " (the config says objectives: report, so misses are only reported)" : "") : ""}. RTO classes come from the recovery-time table (${RECOVERY_TIMES_AS_OF}).`,
    "",
  );
  out.push("| account | tag | region | objective | asked | achieved | met | missing |", "|---|---|---|---|---|---|---|---|");
  for (const f of findings)
    out.push(
      `| ${f.account} | ${f.tag} | ${f.region} | ${f.objective} | ${f.asked} | ${cell(f.achieved)} | ${f.met ? "yes" : "**no**"} | ${cell(f.missing ?? "")} |`,
    );
  out.push("");
  return out;
}

/** The topology diagram as a Mermaid block, which GitHub, GitLab and most Markdown viewers draw. */
export function topologySection(report: DrReport): string[] {
  return [
    "## Topology",
    "",
    "Accounts, regions and vaults (🔒 marks a lock, with its mode and retention bounds); solid arrows are copies, dotted ones shares and Organizations backup policies.",
    "",
    "```mermaid",
    report.topology,
    "```",
    "",
  ];
}

const usd = (n: number | undefined) => (n === undefined ? "-" : `$${n.toFixed(2)}`);

/** Recovery points per mechanism and tier, and with a usage file the monthly estimate, AMI + Backup beside Backup only. */
export function costSection(report: DrReport): string[] {
  const c = report.cost;
  if (c.recoveryPoints.length === 0) return [];
  const out = ["## Cost", ""];
  out.push("Recovery points kept in steady state, per account, tag, region, mechanism and tier.", "");
  const priced = c.estimate !== undefined;
  out.push(
    `| account | tag | region | mechanism | tier | kept in | points | span |${priced ? " GiB | USD/month |" : ""}`,
    `|---|---|---|---|---|---|---|---|${priced ? "---|---|" : ""}`,
  );
  for (const r of c.recoveryPoints)
    out.push(
      `| ${r.account} | ${r.tag} | ${r.region} | ${r.mechanism} | ${r.tier} | ${r.where} | ${r.points} | ${Math.round(r.spanDays * 100) / 100} d |${priced ? ` ${r.gib ?? "-"} | ${usd(r.monthlyUsd)} |` : ""}`,
    );
  out.push("");
  if (!c.estimate) {
    out.push("Give a usage file (`backup-dr report --usage usage.json`) for a monthly estimate.", "");
    return out;
  }
  out.push(
    `Monthly estimate from ${c.priceRegion} list prices as of ${c.pricesAsOf} (${c.priceSources.join(", ")}): incremental chains, cold points full, each day's change sent to another region.`,
    "",
  );
  out.push("| tag | AWS Backup | DLM AMIs and snapshots | AMI + Backup | Backup only |", "|---|---|---|---|---|");
  for (const t of c.estimate.perTag) out.push(`| ${t.tag} | ${usd(t.backupUsd)} | ${usd(t.dlmUsd)} | ${usd(t.totalUsd)} | ${usd(t.backupOnlyUsd)} |`);
  out.push("", `Total: **${usd(c.estimate.totalUsd)}** a month.`);
  if (c.estimate.unpricedTags.length > 0) out.push(`Not in the usage file, so not priced: ${c.estimate.unpricedTags.join(", ")}.`);
  out.push("");
  return out;
}

/** Text safe inside a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

/** Where the report's Markdown lines go (an array, or a file through MarkdownLines). */
interface Lines {
  push(...lines: string[]): unknown;
}

/** The report as Markdown: a summary table, the central vaults, then every account, tag and region in detail. */
export function renderMarkdown(report: DrReport): string {
  const out: string[] = [];
  renderMarkdownLines(report, out);
  return out.join("\n");
}

/** The lines of renderMarkdown, pushed one by one (a synth at organization scale writes them to the file as they come). */
function renderMarkdownLines(report: DrReport, out: Lines): void {
  out.push(`# DR readiness: ${report.rollout}`, "");
  out.push(`Organization ${report.organizationId}; central backup account ${report.centralBackup.accountId} (stack \`${report.centralBackup.stack}\`).`, "");
  out.push(
    "RPO is the longest time between two recovery points by the schedules (the most data a failure can lose); with several mechanisms the best one counts.",
    "",
  );
  out.push("## Summary", "");
  out.push("| account | tag | region | mechanisms | RPO | kept | copies | locks |", "|---|---|---|---|---|---|---|---|");
  for (const a of report.accounts) {
    for (const e of a.entries) {
      out.push(
        `| ${a.name} | ${e.tag} | ${e.region} | ${mechanismsText(e)} | ${rpoText(e)} | ${keptText(e)} | ${copiesText(e)} | ${e.locks.map(lockText).join("; ") || "none"} |`,
      );
    }
  }
  out.push("");
  if (report.summary.worstRpoMinutes !== undefined)
    out.push(`Worst RPO: **${formatMinutes(report.summary.worstRpoMinutes)}** (${report.summary.worstRpoAt}).`, "");
  out.push("## Secure defaults", "");
  if (report.secureDefaultsOptedOut.length === 0) out.push("Every secure default of this project is on.", "");
  else {
    out.push("This rollout turns off secure defaults (`secureDefaults.optOut`):", "");
    for (const d of report.secureDefaultsOptedOut) out.push(`- **${d.name}** is off: ${d.flag}.`);
    out.push("");
  }
  out.push(...objectivesSection(report));
  out.push(...topologySection(report));
  out.push(...costSection(report));
  out.push("## Coverage", "", "Every account and region of the rollout; those nothing protects are marked.", "");
  out.push("| account | id | region | protected by | note |", "|---|---|---|---|---|");
  for (const c of report.coverage) {
    const by = c.protected ? c.mechanisms.join("; ") : "**not protected**";
    out.push(`| ${c.account} (${c.role}) | ${c.accountId} | ${c.region} | ${by} | ${c.note} |`);
  }
  out.push("");
  if (report.summary.unprotected.length > 0) out.push(`Member accounts and regions with no protection: **${report.summary.unprotected.join(", ")}**.`, "");
  out.push("## Central vaults", "", "| region | vault | lock |", "|---|---|---|");
  for (const v of report.centralBackup.vaults) out.push(`| ${v.region} | \`${v.vaultArn}\` | ${v.lock ? lockText(v.lock) : "none"} |`);
  out.push("");
  out.push("Who could still make locked copies unreadable (through the vault keys):", "");
  for (const k of report.centralBackup.keyCustody ?? [])
    out.push(`- ${k.region}: delete or disable the key: ${k.canDeleteOrDisable.join(", ")}; change its policy: ${k.canChangePolicy.join(", ")} (${k.note})`);
  out.push("");
  for (const a of report.accounts) {
    out.push(`## ${a.name} (${a.accountId}, stack \`${a.stack}\`)`, "");
    for (const r of a.resourceTypes) {
      const optedOut = r.optedOut.length > 0 ? `; opted out: ${r.optedOut.join(", ")}` : "";
      out.push(`- Resource types backed up in ${r.region}: ${r.protected.join(", ") || "none"}${optedOut} (${r.reason})`);
    }
    if (a.resourceTypes.length > 0) out.push("");
    for (const e of a.entries) {
      out.push(`### ${e.tag} in ${e.region}`, "");
      out.push(`Policy \`${e.policy}\`${e.profile ? `, profile \`${e.profile}\`` : ""}.`, "");
      out.push(`- Mechanisms: ${e.mechanisms.join("; ")}`);
      const rpos = [
        e.rpo.backupMinutes !== undefined ? `AWS Backup every ${formatMinutes(e.rpo.backupMinutes)} at worst (${e.retention.backupSchedule})` : undefined,
        e.rpo.amiMinutes !== undefined ? `AMIs every ${formatMinutes(e.rpo.amiMinutes)} (${e.retention.amiSchedule})` : undefined,
        e.rpo.snapshotMinutes !== undefined ? `snapshots every ${formatMinutes(e.rpo.snapshotMinutes)} (${e.retention.snapshotSchedule})` : undefined,
        e.rpo.continuousBackup ? "continuous backup: any point in time for supported resource types" : undefined,
      ].filter(Boolean);
      out.push(`- RPO: **${rpoText(e)}**: ${rpos.join("; ")}`);
      out.push(`- Kept: ${keptText(e)}`);
      out.push(`- Copies: ${copiesText(e)}`);
      out.push(`- Locks: ${e.locks.map((l) => `${lockText(l)} on \`${l.vaultArn}\``).join("; ") || "none"}`);
      out.push("- Restore:");
      e.restorePaths.forEach((r, i) => {
        out.push(`  ${i + 1}. ${r.mechanism} (${r.speed}):`);
        r.steps.forEach((s) => out.push(`     - ${s}`));
      });
      if (e.crossAccountCopy) {
        out.push("- Copies to the central account work for:");
        for (const c of e.crossAccountCopy.copyable) out.push(`  - ${c}`);
        out.push("- Copies to the central account fail for:");
        for (const b of e.crossAccountCopy.blocked) out.push(`  - ${b.what}. Fix: ${b.fix}`);
      }
      if (e.auditControls.length > 0) {
        out.push("- Backup Audit Manager controls:");
        for (const c of e.auditControls) out.push(`  - ${c.satisfied ? "met" : "NOT met"}: ${c.control} (${c.detail})`);
      }
      out.push("");
    }
  }
}

/**
 * Lines written into a sink as `lines.join("\n")` would be, then ended as withFlowProofsSection ends a report that has
 * no such section yet: the newlines at the end held back until more text comes, then replaced by one empty line and
 * the section.
 */
class MarkdownLines implements Lines {
  private started = false;
  private heldNewlines = 0;
  /** Whether a line holds the flow proofs section's marker: withFlowProofsSection would then replace what it marks. */
  marked = false;

  constructor(private readonly out: TextSink) {}

  push(...lines: string[]): void {
    for (const line of lines) {
      if (line.includes(FLOW_PROOFS_BEGIN)) this.marked = true;
      const text = this.started ? `\n${line}` : line;
      this.started = true;
      let end = text.length;
      while (end > 0 && text.charCodeAt(end - 1) === 10) end--;
      if (end === 0) {
        this.heldNewlines += text.length;
        continue;
      }
      this.out.write(`${"\n".repeat(this.heldNewlines)}${text.slice(0, end)}`);
      this.heldNewlines = text.length - end;
    }
  }

  /** The end of the text: the held newlines as they were, or an empty line and `section`. */
  end(section?: string): void {
    this.out.write(section === undefined ? "\n".repeat(this.heldNewlines) : `\n\n${section}`);
  }
}

/**
 * Writes dr-report.md: the same bytes as renderMarkdown (then withFlowProofsSection with `flowProofsSection`, when
 * given), written as the lines come rather than as one string (about 10 MB at 1000 member accounts).
 */
export function writeDrReportMarkdown(file: string, report: DrReport, flowProofsSection?: string): void {
  let marked = false;
  writeTextFile(file, (out) => {
    const lines = new MarkdownLines(out);
    renderMarkdownLines(report, lines);
    lines.end(flowProofsSection);
    marked = lines.marked;
  });
  // A report whose own text holds the section's marker (not expected of a rollout): written again, as withFlowProofsSection makes it.
  if (marked && flowProofsSection !== undefined) fs.writeFileSync(file, withFlowProofsSection(renderMarkdown(report), flowProofsSection));
}

/** Writes dr-report.json: the same bytes as `${JSON.stringify(report, null, 2)}\n`, written piece by piece (about 18 MB at 1000 member accounts). */
export function writeDrReportJson(file: string, report: DrReport): void {
  writeTextFile(file, (out) => {
    writeJson(out, report, 2);
    out.write("\n");
  });
}

/** Where the DR report's two files go in a folder. */
export function drReportFiles(outdir: string): { markdown: string; json: string } {
  return { markdown: path.join(outdir, "dr-report.md"), json: path.join(outdir, "dr-report.json") };
}

/** Writes dr-report.md and dr-report.json into the synth output folder: `texts` when given, else rendered from `report` as they are written. */
export function writeDrReport(outdir: string, report: DrReport, texts?: { markdown: string; json: string }): { markdown: string; json: string } {
  const { markdown, json } = drReportFiles(outdir);
  if (texts) {
    fs.writeFileSync(markdown, texts.markdown);
    fs.writeFileSync(json, texts.json);
  } else {
    writeDrReportMarkdown(markdown, report);
    writeDrReportJson(json, report);
  }
  return { markdown, json };
}

/** Counts resources per stack of a synth output (JSON or HCL). */
export function countResources(outdir: string): Array<{ stack: string; resources: number }> {
  const dir = path.join(outdir, "stacks");
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .sort()
    .map((stack) => {
      const json = path.join(dir, stack, "cdk.tf.json");
      if (fs.existsSync(json)) {
        const cfg = JSON.parse(fs.readFileSync(json, "utf8"));
        return { stack, resources: Object.values(cfg.resource ?? {}).reduce((n: number, byName) => n + Object.keys(byName as object).length, 0) };
      }
      const hcl = path.join(dir, stack, "cdk.tf");
      return { stack, resources: fs.existsSync(hcl) ? (fs.readFileSync(hcl, "utf8").match(/^resource "/gm) ?? []).length : 0 };
    });
}

/** How many declared objectives are met, when any are declared. */
function objectivesLine(report: DrReport): string[] {
  const all = report.objectives.findings;
  return all.length === 0 ? [] : [`objectives met: ${all.filter((f) => f.met).length} of ${all.length}`];
}

/** The table printed at the end of a synth: stacks, resources, protected tags, worst RPO. */
export function synthSummary(outdir: string, report: DrReport, reportFile: string): string {
  const counts = countResources(outdir);
  const width = Math.max(5, ...counts.map((c) => c.stack.length));
  const lines = [
    "",
    `${"stack".padEnd(width)}  resources`,
    ...counts.map((c) => `${c.stack.padEnd(width)}  ${String(c.resources).padStart(9)}`),
    `${"total".padEnd(width)}  ${String(counts.reduce((n, c) => n + c.resources, 0)).padStart(9)}`,
    "",
    `protected tags: ${report.summary.protectedTags.join(", ")}`,
    `worst RPO: ${report.summary.worstRpoMinutes !== undefined ? `${formatMinutes(report.summary.worstRpoMinutes)} (${report.summary.worstRpoAt})` : "-"}`,
    ...objectivesLine(report),
    `DR readiness report: ${reportFile}`,
  ];
  return lines.join("\n");
}
