import { buildRolloutModel } from "../../../stacks/model/model";
import { buildDrReport, DrReport, EntryReport } from "../../../stacks/report/dr-report";
import { renderMarkdown } from "../../../stacks/report/render";
import { rawRollout, readStacks, rollout, synthRollout } from "../../rollout-helpers";

function reportOf(raw: unknown): DrReport {
  return buildDrReport(buildRolloutModel(rollout(raw)));
}

function entry(report: DrReport, account: string, tag: string, region: string): EntryReport {
  const e = report.accounts.find((a) => a.name === account)?.entries.find((x) => x.tag === tag && x.region === region);
  if (!e) throw new Error(`no report entry for ${account} ${tag} ${region}`);
  return e;
}

describe("DR readiness report agrees with the synthesized stacks (default rollout)", () => {
  const report = reportOf(rawRollout("default"));
  const stacks = readStacks(synthRollout(rollout(rawRollout("default"))));
  const centralOutputs = stacks["central-backup"].output;
  const resolveDestination = (arn: string) => {
    const m = /outputs\.([a-z0-9_]+)\}$/.exec(arn);
    return m ? centralOutputs[m[1]].value : arn;
  };

  const backupEntries = report.accounts.flatMap((a) =>
    a.entries.filter((e) => e.mechanisms.some((m) => m.includes("member stack"))).map((e) => [a, e] as const),
  );

  test("covers every member, tag and region", () => {
    expect(backupEntries.length).toBeGreaterThan(0);
    expect(report.accounts.map((a) => a.stack)).toEqual(["member-payments", "member-analytics"]);
  });

  test.each(backupEntries.map(([a, e]) => [`${a.name} ${e.tag} ${e.region}`, a.stack, e] as const))(
    "backup schedule, retention and copy destinations of %s",
    (_label, stack, e) => {
      const id = `${e.policy.replace(/-/g, "_")}_${e.region.replace(/-/g, "_")}_Plan`;
      const plan = stacks[stack].resource.aws_backup_plan[id];
      const rule = plan.rule.find((r: any) => r.rule_name === "scheduled");
      expect(rule.schedule).toBe(e.retention.backupSchedule);
      expect(rule.lifecycle.delete_after).toBe(e.retention.backupDays);
      const synthCopies = (rule.copy_action ?? []).map((c: any) => ({ arn: resolveDestination(c.destination_vault_arn), days: c.lifecycle.delete_after }));
      const reported = e.copies.filter((c) => c.vaultArn).map((c) => ({ arn: c.vaultArn, days: c.retentionDays }));
      expect(synthCopies).toEqual(reported);
      const continuous = plan.rule.find((r: any) => r.rule_name === "continuous");
      expect(continuous?.lifecycle.delete_after).toBe(e.retention.continuousDays);
    },
  );

  test("lock bounds of the central vaults", () => {
    const locks = Object.values(stacks["central-backup"].resource.aws_backup_vault_lock_configuration) as any[];
    for (const v of report.centralBackup.vaults) {
      expect(locks).toContainEqual(expect.objectContaining({ min_retention_days: v.lock!.minRetentionDays, max_retention_days: v.lock!.maxRetentionDays }));
    }
    const e = entry(report, "payments", "backup=standard", "us-east-1");
    expect(e.locks).toEqual([
      {
        vaultArn: "arn:aws:backup:us-east-1:222222222222:backup-vault:org-central-backup",
        mode: "compliance",
        minRetentionDays: locks[0].min_retention_days,
        maxRetentionDays: locks[0].max_retention_days,
      },
    ]);
  });

  test("AMI schedules, retention and copies", () => {
    for (const a of report.accounts) {
      for (const e of a.entries.filter((x) => x.rpo.amiMinutes !== undefined)) {
        const policy = stacks[a.stack].resource.aws_dlm_lifecycle_policy[`${e.policy.replace(/-/g, "_")}_${e.region.replace(/-/g, "_")}_Amis`];
        const schedule = policy.policy_details.schedule[0];
        expect(schedule.create_rule.interval * 60).toBe(e.rpo.amiMinutes);
        expect(schedule.retain_rule.count).toBe(e.retention.amiCount);
        const copies = (schedule.cross_region_copy_rule ?? []).map((c: any) => ({ region: c.target_region, days: c.retain_rule.interval }));
        expect(copies).toEqual(e.copies.filter((c) => c.kind === "dlm-ami-copy").map((c) => ({ region: c.region, days: c.retentionDays })));
      }
    }
  });

  test("Organizations-deployed backups match the management stack's policy documents", () => {
    const e = entry(report, "payments", "backup=compliance", "us-east-1");
    const policy = (Object.values(stacks.management.resource.aws_organizations_policy) as any[]).find((p) => p.name.endsWith("compliance-us-east-1"));
    const rule = JSON.parse(policy.content).plans["example-org-compliance-us-east-1"].rules.scheduled;
    expect(rule.schedule_expression["@@assign"]).toBe(e.retention.backupSchedule);
    expect(rule.lifecycle.delete_after_days["@@assign"]).toBe(String(e.retention.backupDays));
    expect(Object.keys(rule.copy_actions)).toEqual(e.copies.filter((c) => c.vaultArn).map((c) => c.vaultArn));
  });

  test("the summary names every stack and protected tag, and the worst RPO", () => {
    expect(report.summary.stacks).toEqual(["management", "central-backup", "member-payments", "member-analytics"]);
    expect(report.summary.protectedTags).toEqual(["backup=compliance", "backup=standard", "dr=fast", "protection=both"]);
    expect(report.summary.worstRpoMinutes).toBe(31 * 1440);
  });
});

describe("DR readiness report follows the config", () => {
  test("a more frequent backup schedule lowers the reported RPO", () => {
    const raw = rawRollout("default");
    const before = entry(reportOf(raw), "payments", "backup=standard", "us-east-1");
    raw.protectionPolicies.standard.backup.schedule = "cron(0 */6 ? * * *)";
    const after = entry(reportOf(raw), "payments", "backup=standard", "us-east-1");
    expect(before.rpo.backupMinutes).toBe(1440);
    expect(after.rpo.backupMinutes).toBe(360);
    expect(after.rpo.minutes).toBe(360);
  });

  test("a weekday-only schedule reports the weekend gap", () => {
    const raw = rawRollout("default");
    raw.protectionPolicies.standard.backup.schedule = "cron(0 5 ? * MON-FRI *)";
    expect(entry(reportOf(raw), "payments", "backup=standard", "us-east-1").rpo.backupMinutes).toBe(3 * 1440);
  });

  test("with AMIs and backups, the better mechanism sets the RPO", () => {
    const raw = rawRollout("default");
    raw.protectionPolicies["web-tier"].overrides.amis = { create: { everyHours: 4 } };
    const e = entry(reportOf(raw), "payments", "protection=both", "us-east-1");
    expect(e.rpo).toMatchObject({ backupMinutes: 1440, amiMinutes: 240, minutes: 240 });
  });

  test("controls the configuration does not meet are reported as not met", () => {
    const raw = rawRollout("reference");
    const e = entry(reportOf(raw), "data", "backup-tier=gold", "eu-west-1");
    const byName = Object.fromEntries(e.auditControls.map((c) => [c.control, c.satisfied]));
    expect(byName).toMatchObject({
      BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT: true,
      BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION: false,
      BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK: true,
    });
  });

  test("the Markdown names the restore steps of each mechanism", () => {
    const md = renderMarkdown(reportOf(rawRollout("default")));
    expect(md).toContain("| payments | dr=fast | us-east-1 | AMIs + snapshots | 1 h |");
    expect(md).toContain("If us-east-1 is down, launch from the copy in us-west-2 instead.");
    expect(md).toContain(
      "Start a restore job (console or aws backup start-restore-job) with role arn:aws:iam::333333333333:role/service-role/AWSBackup-example-org.",
    );
    expect(md).toContain("Worst RPO: **31 d**");
  });
});

describe("audit controls are judged from the model", () => {
  const controls = (report: DrReport, account: string, tag: string, region: string) =>
    Object.fromEntries(entry(report, account, tag, region).auditControls.map((c) => [c.control, c]));

  test("vaults the rollout creates meet the encryption and deletion controls, naming the exempt roles", () => {
    // given / when
    const c = controls(reportOf(rawRollout("default")), "payments", "backup=standard", "us-east-1");
    // then
    expect(c.BACKUP_RECOVERY_POINT_ENCRYPTED).toEqual({
      control: "BACKUP_RECOVERY_POINT_ENCRYPTED",
      satisfied: true,
      detail: "the 3 vault(s) the recovery points land in use customer-managed KMS keys",
    });
    expect(c.BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED.satisfied).toBe(true);
    expect(c.BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED.detail).toContain("arn:aws:iam::222222222222:role/BackupBreakGlass");
  });

  test("a landing vault without a customer-managed key fails the encryption control, naming the vault", () => {
    // given
    const model = buildRolloutModel(rollout(rawRollout("default")));
    (model.central.vaults.get("us-east-1") as { customerManagedKey: boolean }).customerManagedKey = false;
    // when
    const c = controls(buildDrReport(model), "payments", "backup=standard", "us-east-1");
    // then
    expect(c.BACKUP_RECOVERY_POINT_ENCRYPTED.satisfied).toBe(false);
    expect(c.BACKUP_RECOVERY_POINT_ENCRYPTED.detail).toContain("arn:aws:backup:us-east-1:222222222222:backup-vault:org-central-backup");
  });

  test("a landing vault whose policy does not deny deletion fails the deletion control", () => {
    // given
    const model = buildRolloutModel(rollout(rawRollout("default")));
    (model.members[0].vaults.get("us-west-2") as { deletionDenied: boolean }).deletionDenied = false;
    // when
    const c = controls(buildDrReport(model), "payments", "backup=standard", "us-east-1");
    // then
    expect(c.BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED).toMatchObject({
      satisfied: false,
      detail: "the policies of vault(s) arn:aws:backup:us-west-2:333333333333:backup-vault:example-org-local do not deny deletion",
    });
  });

  test("copies name the regions and accounts that meet the cross-region and cross-account controls", () => {
    const c = controls(reportOf(rawRollout("default")), "payments", "backup=standard", "us-east-1");
    expect(c.BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION).toMatchObject({ satisfied: true, detail: "copied to us-west-2, which the framework lists" });
    expect(c.BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT).toMatchObject({
      satisfied: true,
      detail: "copied to account 222222222222, which the framework lists",
    });
  });

  test("a plan without the cross-region copy another plan of its region makes fails that region's cross-region control", () => {
    // given: in payments us-east-1, the standard policy copies to us-west-2, the compliance policy does not
    const c = controls(reportOf(rawRollout("default")), "payments", "backup=compliance", "us-east-1");
    // then
    expect(c.BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION).toMatchObject({ satisfied: false, detail: "no copy in a region the framework lists (us-west-2)" });
  });

  test("retention and frequency are judged against the parameters the model derived for the region's framework", () => {
    // given: the framework of payments us-east-1 requires more than the plan keeps
    const model = buildRolloutModel(rollout(rawRollout("default")));
    const region = model.members[0].auditRegions.find((a) => a.region === "us-east-1")!;
    const min = region.controls.find((x) => x.name === "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK")! as { inputParameters: Record<string, string> };
    min.inputParameters.requiredRetentionDays = "400";
    // when
    const c = controls(buildDrReport(model), "payments", "backup=standard", "us-east-1");
    // then
    expect(c.BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK).toMatchObject({
      satisfied: false,
      detail: "shortest retention 14 days against the framework's requirement of 400",
    });
    expect(c.BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK.satisfied).toBe(true);
  });

  test("every plan of the default rollout meets its region's retention and frequency controls, which are derived from the plans", () => {
    // given / when
    const report = reportOf(rawRollout("default"));
    const judged = report.accounts.flatMap((a) =>
      a.entries.flatMap((e) =>
        e.auditControls
          .filter((x) => x.control === "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK" || x.control === "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK")
          .map((x) => `${a.name} ${e.tag} ${e.region} ${x.control} ${x.satisfied}`),
      ),
    );
    // then
    expect(judged.length).toBeGreaterThan(0);
    expect(judged.filter((j) => j.endsWith("false"))).toEqual([]);
  });
});
