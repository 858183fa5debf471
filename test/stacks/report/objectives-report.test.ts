import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runReport } from "../../../cli/report";
import { buildRolloutModel } from "../../../stacks/model/model";
import { UsageFile, infracostUsageFiles, parseUsageFile } from "../../../stacks/report/cost";
import { buildDrReport, DrReport } from "../../../stacks/report/dr-report";
import { costSection, objectivesSection, renderMarkdown, topologySection } from "../../../stacks/report/render";
import { rawRollout, rollout } from "../../rollout-helpers";

function reportOf(raw: unknown, usage?: UsageFile): DrReport {
  return buildDrReport(buildRolloutModel(rollout(raw)), { usage });
}

/** Mermaid's own parser, in a Node process of its own (mermaid is an ES module that needs a DOM). */
function mermaidParse(text: string): { ok: boolean; out: string } {
  const r = spawnSync(process.execPath, [path.join(__dirname, "mermaid-parse.mjs")], { input: text, encoding: "utf8", timeout: 60_000 });
  if (r.error) throw r.error;
  return { ok: r.status === 0, out: r.status === 0 ? r.stdout : r.stderr };
}

/** A usage file for the default rollout's tags. */
const DEFAULT_USAGE: UsageFile = {
  version: 1,
  tags: {
    "backup=standard": { protectedGiB: 500, dailyChangeGiB: 10, resourceType: "RDS" },
    "dr=fast": { protectedGiB: 200, dailyChangeGiB: 4 },
    "protection=both": { protectedGiB: 100, dailyChangeGiB: 2 },
    "backup=compliance": { protectedGiB: 1000, dailyChangeGiB: 5, resourceType: "EFS" },
  },
};

describe("objectives table", () => {
  test("the default rollout's objectives table (snapshot)", () => {
    expect(objectivesSection(reportOf(rawRollout("default"))).join("\n")).toMatchSnapshot();
  });

  test("a missed objective shows as not met with what is missing", () => {
    const raw = rawRollout("reference");
    raw.objectives = "report";
    raw.protectionPolicies.databases.objectives = { rpo: "1h" };
    const table = objectivesSection(reportOf(raw)).join("\n");
    expect(table).toContain(
      "| data | backup-tier=gold | eu-west-1 | rpo | 1 h | 4 h by AWS Backup (cron(0 */4 ? * * *)) | **no** | a schedule at least every 1 h (backup.schedule, amis.create or snapshots.create) |",
    );
  });

  test("the report's Markdown holds the objectives, the topology and the cost sections", () => {
    const md = renderMarkdown(reportOf(rawRollout("default")));
    expect(md).toContain("## Objectives");
    expect(md).toContain("## Topology\n");
    expect(md).toContain("```mermaid\nflowchart LR\n");
    expect(md).toContain("## Cost");
  });
});

describe("topology diagram", () => {
  test.each(["default", "reference", "govcloud"] as const)("the %s rollout's diagram parses with Mermaid's own parser", (name) => {
    const result = mermaidParse(reportOf(rawRollout(name)).topology);
    expect(result).toEqual({ ok: true, out: expect.stringContaining('"diagramType":"flowchart-v2"') });
  });

  test("the parser refuses a broken diagram (the parse check can fail)", () => {
    expect(mermaidParse('flowchart LR\n  a -- "x" --> ((').ok).toBe(false);
  });

  test("the README shows the reference rollout's diagram as the report draws it", () => {
    const readme = fs.readFileSync(path.join(__dirname, "../../../README.md"), "utf8");
    expect(readme).toContain(`\`\`\`mermaid\n${reportOf(rawRollout("reference")).topology}\n\`\`\``);
  });

  test("the default rollout's diagram (snapshot)", () => {
    expect(topologySection(reportOf(rawRollout("default"))).join("\n")).toMatchSnapshot();
  });

  test("locks are marked on the vaults that have them, and unlocked vaults say so", () => {
    const d = reportOf(rawRollout("reference")).topology;
    expect(d).toContain('vault_100000000002_eu_west_1[("vault reference-central<br/>🔒 governance 14-120 d")]');
    expect(d).toContain('vault_100000000011_eu_west_1[("vault reference-local<br/>no lock")]');
  });

  test("every copy and share path is drawn", () => {
    const d = reportOf(rawRollout("default")).topology;
    // AWS Backup copies to the central vault and to the other region, AMI copies, snapshot shares, Organizations policies
    expect(d).toMatch(/vault_333333333333_us_east_1 -- "copy backup=standard 35 d<br\/>.*" --> vault_222222222222_us_east_1/);
    expect(d).toMatch(/vault_333333333333_us_east_1 -- "copy backup=standard 14 d.*" --> vault_333333333333_us_west_2/);
    expect(d).toMatch(/dlm_333333333333_us_east_1 -- "AMI copy dr=fast 7 d.*" --> dlm_333333333333_us_west_2/);
    expect(d).toMatch(/dlm_333333333333_us_east_1 -. "share dr=fast, kept 7 d" .-> shared_222222222222_us_east_1/);
    expect(d).toMatch(/mgmt_111111111111 -. "backup policy compliance" .-> vault_333333333333_us_east_1/);
  });
});

describe("cost", () => {
  test("recovery points per mechanism and tier without a usage file (snapshot)", () => {
    expect(costSection(reportOf(rawRollout("default"))).join("\n")).toMatchSnapshot();
  });

  test("with a usage file: the monthly estimate, AMI + Backup beside Backup only per tag (snapshot)", () => {
    expect(costSection(reportOf(rawRollout("default"), DEFAULT_USAGE)).join("\n")).toMatchSnapshot();
  });

  test("monthly backups kept a year, cold after 30 days: 12 points, 1 warm and 11 cold", () => {
    const rows = reportOf(rawRollout("default")).cost.recoveryPoints.filter(
      (r) => r.account === "payments" && r.tag === "backup=compliance" && r.region === "us-east-1" && r.mechanism === "AWS Backup",
    );
    expect(rows.map((r) => [r.tier, r.points])).toEqual([
      ["warm", 1],
      ["cold", 11],
    ]);
  });

  test("a policy with AMIs costs more with them than Backup only; one without Backup has no Backup-only figure", () => {
    const est = reportOf(rawRollout("default"), DEFAULT_USAGE).cost.estimate!;
    const both = est.perTag.find((t) => t.tag === "protection=both")!;
    expect(both.totalUsd).toBeGreaterThan(both.backupOnlyUsd!);
    expect(est.perTag.find((t) => t.tag === "dr=fast")!.backupOnlyUsd).toBeUndefined();
  });

  test("tags missing from the usage file are named, not priced", () => {
    const est = reportOf(rawRollout("default"), { version: 1, tags: { "dr=fast": { protectedGiB: 1, dailyChangeGiB: 0 } } }).cost.estimate!;
    expect(est.perTag.map((t) => t.tag)).toEqual(["dr=fast"]);
    expect(est.unpricedTags).toEqual(["backup=standard", "protection=both", "backup=compliance"]);
  });

  test("an air-gapped central vault gets no Infracost entry: Infracost prices only aws_backup_vault", () => {
    const raw = rawRollout("default");
    raw.centralBackup.airGapped = true;
    const report = reportOf(raw, DEFAULT_USAGE);
    expect([...infracostUsageFiles(report.cost, DEFAULT_USAGE).keys()]).toEqual(["member-analytics", "member-payments"]);
  });

  test("a usage file with a negative size is refused, naming the field", () => {
    expect(() => parseUsageFile('{"version":1,"tags":{"a=b":{"protectedGiB":-1,"dailyChangeGiB":0}}}', "usage.json")).toThrow(
      "usage.json: tags.a=b.protectedGiB must be a number of GiB, 0 or more",
    );
  });

  test("Infracost usage files: the vault storage of each stack under Infracost's aws_backup_vault keys (snapshot)", () => {
    const report = reportOf(rawRollout("default"), DEFAULT_USAGE);
    const files = infracostUsageFiles(report.cost, DEFAULT_USAGE);
    expect([...files.keys()]).toEqual(["central-backup", "member-analytics", "member-payments"]);
    expect(files.get("member-payments")).toMatchSnapshot();
    expect(files.get("central-backup")).toContain("  aws_backup_vault.CentralVault_us_east_1:\n");
  });
});

describe("backup-dr report --usage", () => {
  test("adds the estimate to dr-report.md and writes an Infracost usage file per stack with vaults", () => {
    // given a usage file for the default rollout
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "usage-"));
    const usage = path.join(dir, "usage.json");
    fs.writeFileSync(usage, JSON.stringify(DEFAULT_USAGE));
    const lines: string[] = [];
    // when the report is written with it
    const code = runReport({ out: path.join(dir, "out"), usage }, { out: (l) => lines.push(l), err: (l) => lines.push(l) });
    // then the estimate is in the report and the usage files are beside it
    expect(code).toBe(0);
    expect(fs.readFileSync(path.join(dir, "out", "dr-report.md"), "utf8")).toContain(
      "| tag | AWS Backup | DLM AMIs and snapshots | AMI + Backup | Backup only |",
    );
    expect(fs.readdirSync(path.join(dir, "out", "infracost-usage")).sort()).toEqual(["central-backup.yml", "member-analytics.yml", "member-payments.yml"]);
  });

  test("a usage file that cannot be used is exit code 1 with the field named", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "usage-"));
    const usage = path.join(dir, "usage.json");
    fs.writeFileSync(usage, JSON.stringify({ version: 2, tags: {} }));
    const err: string[] = [];
    expect(runReport({ out: dir, usage }, { out: () => undefined, err: (l) => err.push(l) })).toBe(1);
    expect(err).toEqual([`error: ${usage}: version must be 1 (see "Cost" in the README for the format)`]);
  });
});
