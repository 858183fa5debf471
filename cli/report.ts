/**
 * backup-dr report [--config <rollout.json>] [--out <dir>]
 *
 * The DR readiness report of a rollout config, without a synth: config -> model -> report, the same path the synth
 * takes, so the report is the one a synth of that config writes.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { ValidationError } from "../modules/core/errors";
import { loadRolloutFile } from "../stacks/config/load";
import { RolloutConfigError } from "../stacks/config/problems";
import { defaultRolloutConfig } from "../stacks/config/source";
import { buildRolloutModel } from "../stacks/model/model";
import { buildDrReport, formatMinutes } from "../stacks/report/dr-report";
import { writeDrReport } from "../stacks/report/render";
import { UsageFile, infracostUsageFiles, loadUsageFile } from "../stacks/report/cost";
import { CommandIo, HelpRequest, UsageError, consoleIo, isHelp, optionValue } from "./args";

export const REPORT_USAGE = `usage: backup-dr report [--config <rollout.json>] [--out <dir>] [--usage <usage.json>]

Writes the DR readiness report of a rollout config (RPO, retention, copies, locks and restore paths per account,
tag and region) as dr-report.md and dr-report.json.
  --config <file>   the rollout config (JSON); default: the embedded default rollout
  --out <dir>       where to write the two files (created if missing); default: the current folder
  --usage <file>    protected GiB and daily change per tag (JSON): adds a monthly cost estimate to the report and
                    writes infracost-usage/<stack>.yml, Infracost usage files for the stacks' backup vaults
Exit codes: 0 written, 1 the config has problems (each printed with its JSON path), 2 usage error.`;

export interface ReportArgs {
  /** The rollout config file; undefined means the embedded default rollout. */
  readonly config?: string;
  /** The folder to write dr-report.md and dr-report.json into. */
  readonly out: string;
  /** A usage file: protected GiB and daily change per tag. */
  readonly usage?: string;
}

/** Parses `report`'s arguments (those after the command name). */
export function parseReportArgs(argv: readonly string[]): ReportArgs | HelpRequest {
  let config: string | undefined;
  let out = ".";
  let usage: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--help" || a === "-h") return { help: true };
    else if (a === "--config") config = optionValue(argv, i++);
    else if (a === "--out") out = optionValue(argv, i++);
    else if (a === "--usage") usage = optionValue(argv, i++);
    else throw new UsageError(a.startsWith("-") ? `unknown option ${a}` : `unexpected argument ${a} (the config is given with --config)`);
  }
  return { config, out, usage };
}

/** Runs `report`; returns the exit code. Config problems are exit code 1, each problem on its own line. */
export function runReport(args: ReportArgs, io: CommandIo = consoleIo): number {
  let report;
  let usage: UsageFile | undefined;
  try {
    const config = args.config ? loadRolloutFile(path.resolve(args.config)) : defaultRolloutConfig();
    usage = args.usage ? loadUsageFile(path.resolve(args.usage)) : undefined;
    report = buildDrReport(buildRolloutModel(config), { usage });
  } catch (e) {
    if (e instanceof RolloutConfigError || e instanceof ValidationError) {
      io.err(`error: ${e.message}`);
      return 1;
    }
    if (e instanceof Error && args.usage && e.message.startsWith(path.resolve(args.usage))) {
      io.err(`error: ${e.message}`);
      return 1;
    }
    throw e;
  }
  fs.mkdirSync(args.out, { recursive: true });
  const files = writeDrReport(args.out, report);
  if (usage) {
    const dir = path.join(args.out, "infracost-usage");
    fs.mkdirSync(dir, { recursive: true });
    for (const [stack, text] of infracostUsageFiles(report.cost, usage)) fs.writeFileSync(path.join(dir, `${stack}.yml`), text);
    io.out(`Infracost usage files: ${dir}`);
  }
  const missed = report.objectives.findings.filter((f) => !f.met).length;
  if (missed > 0) io.out(`objectives not met: ${missed} (see the Objectives table)`);
  io.out(`DR readiness report of ${args.config ?? "the embedded default rollout"}: ${files.markdown}, ${files.json}`);
  io.out(`protected tags: ${report.summary.protectedTags.join(", ")}`);
  io.out(
    `worst RPO: ${report.summary.worstRpoMinutes !== undefined ? `${formatMinutes(report.summary.worstRpoMinutes)} (${report.summary.worstRpoAt})` : "-"}`,
  );
  return 0;
}

/** `backup-dr report ...`: parses, runs, and turns usage errors into exit code 2. */
export async function main(argv: readonly string[], io: CommandIo = consoleIo): Promise<number> {
  try {
    const args = parseReportArgs(argv);
    if (isHelp(args)) {
      io.out(REPORT_USAGE);
      return 0;
    }
    return runReport(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`report: ${e.message}\n\n${REPORT_USAGE}`);
      return 2;
    }
    throw e;
  }
}
