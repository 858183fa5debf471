import { Duration, Retention } from "../../../modules/core";
import { TerraformOutput, Testing } from "../../../modules/core/cdktf";
import { BackupPlan, BackupVault, Schedule } from "../../../modules/backup";
import { errorOf, resources, synthJson, testStack } from "../../helpers";
import { OTHER_ACCOUNT, accessPolicy, central, dailyRule, drVault, env, planWith, primary, vaultArn } from "./fixtures";

function planResource(stack: ReturnType<typeof testStack>, id = "Plan"): any {
  return resources(stack, "aws_backup_plan")[id];
}

describe("BackupPlan synthesis", () => {
  test("writes the rule's name, vault, schedule, windows and lifecycle", () => {
    // given
    const stack = testStack();
    // when
    new BackupPlan(stack, "Plan", {
      planName: "app",
      rules: [
        dailyRule({
          startWindow: Duration.minutes(120),
          completionWindow: Duration.minutes(600),
          lifecycle: { coldStorageAfter: Retention.days(30), deleteAfter: Retention.days(120) },
        }),
      ],
    });
    // then
    const plan = planResource(stack);
    expect(plan.name).toBe("app");
    expect(plan.rule).toEqual([
      {
        rule_name: "daily",
        target_vault_name: "primary",
        schedule: "cron(0 5 * * ? *)",
        start_window: 120,
        completion_window: 600,
        lifecycle: { cold_storage_after: 30, delete_after: 120 },
      },
    ]);
  });

  test("defaults the start window to 60 minutes and the completion window to 180, the provider's defaults", () => {
    const stack = testStack();
    planWith(stack);
    const [rule] = planResource(stack).rule;
    expect(rule.start_window).toBe(60);
    expect(rule.completion_window).toBe(180);
  });

  test("writes the schedule's timezone", () => {
    const stack = testStack();
    planWith(stack, { schedule: Schedule.daily(2, 0, { timezone: "Europe/Berlin" }) });
    expect(planResource(stack).rule[0].schedule_expression_timezone).toBe("Europe/Berlin");
  });

  test("writes copy actions to a vault and to a vault ARN with their lifecycles", () => {
    // given
    const stack = testStack();
    // when
    planWith(stack, {
      copyActions: [
        { destination: drVault, lifecycle: { deleteAfter: Retention.days(35) } },
        { destination: vaultArn("central", "eu-west-1", OTHER_ACCOUNT), lifecycle: { coldStorageAfter: Retention.days(10), deleteAfter: Retention.days(100) } },
      ],
    });
    // then
    expect(planResource(stack).rule[0].copy_action).toEqual([
      { destination_vault_arn: "arn:aws:backup:us-west-2:111111111111:backup-vault:dr", lifecycle: { delete_after: 35 } },
      { destination_vault_arn: "arn:aws:backup:eu-west-1:222222222222:backup-vault:central", lifecycle: { cold_storage_after: 10, delete_after: 100 } },
    ]);
  });

  test("writes recovery point tags", () => {
    const stack = testStack();
    planWith(stack, { recoveryPointTags: { Rule: "daily" } });
    expect(planResource(stack).rule[0].recovery_point_tags).toEqual({ Rule: "daily" });
  });

  test("turns continuous backup on for a continuous rule", () => {
    const stack = testStack();
    planWith(stack, { continuousBackup: true, lifecycle: { deleteAfter: Retention.days(35) } });
    expect(planResource(stack).rule[0].enable_continuous_backup).toBe(true);
  });

  test("windowsVss emits the EC2 WindowsVSS advanced backup setting", () => {
    const stack = testStack();
    new BackupPlan(stack, "Plan", { planName: "ec2", windowsVss: true, rules: [dailyRule()] });
    expect(planResource(stack).advanced_backup_setting).toEqual([{ resource_type: "EC2", backup_options: { WindowsVSS: "enabled" } }]);
  });

  test("a plan without windowsVss has no advanced backup setting", () => {
    const stack = testStack();
    planWith(stack);
    expect(planResource(stack).advanced_backup_setting).toBeUndefined();
  });

  test("rules added after construction are synthesized", () => {
    // given
    const stack = testStack();
    const plan = planWith(stack);
    // when
    plan.addRule(dailyRule({ ruleName: "weekly", schedule: Schedule.weekly("SUN", 6), lifecycle: { deleteAfter: Retention.days(91) } }));
    // then
    expect(planResource(stack).rule.map((r: any) => r.rule_name)).toEqual(["daily", "weekly"]);
  });

  test("waits for vaults created in the same stack and names them by address", () => {
    // given
    const stack = testStack();
    const vault = new BackupVault(stack, "Vault", { vaultName: "primary", env, accessPolicy });
    const dr = new BackupVault(stack, "DrVault", {
      vaultName: "dr",
      env: { ...env, region: "us-west-2" },
      accessPolicy,
      provider: stack.providerFor("us-west-2"),
    });
    // when
    new BackupPlan(stack, "Plan", {
      planName: "app",
      rules: [dailyRule({ targetVault: vault, copyActions: [{ destination: dr }, { destination: central }] })],
    });
    // then
    expect(planResource(stack).depends_on).toEqual(["aws_backup_vault.Vault", "aws_backup_vault.DrVault"]);
  });

  test("exposes the plan's ID and ARN as references to the resource", () => {
    const stack = testStack();
    const plan = planWith(stack);
    new TerraformOutput(stack, "plan_id", { value: plan.planId });
    new TerraformOutput(stack, "plan_arn", { value: plan.planArn });
    const { output } = synthJson(stack);
    expect(output.plan_id.value).toBe("${aws_backup_plan.Plan.id}");
    expect(output.plan_arn.value).toBe("${aws_backup_plan.Plan.arn}");
  });
});

describe("BackupPlan presets", () => {
  test("daily35DayRetention backs up daily at 05:00 UTC and keeps 35 days", () => {
    const stack = testStack();
    BackupPlan.daily35DayRetention(stack, "Daily", { vault: primary });
    const plan = planResource(stack, "Daily");
    expect(plan.name).toBe("Daily");
    expect(plan.rule[0]).toMatchObject({ schedule: "cron(0 5 * * ? *)", lifecycle: { delete_after: 35 } });
  });

  test("weekly13WeekRetention backs up on Sundays and keeps 91 days", () => {
    const stack = testStack();
    BackupPlan.weekly13WeekRetention(stack, "Weekly", { vault: primary, planName: "weekly" });
    expect(planResource(stack, "Weekly").rule[0]).toMatchObject({ schedule: "cron(0 5 ? * SUN *)", lifecycle: { delete_after: 91 } });
  });

  test("monthly1YearRetention keeps a year with cold storage at least 90 days before deletion", () => {
    const stack = testStack();
    BackupPlan.monthly1YearRetention(stack, "Monthly", { vault: primary });
    const { lifecycle } = planResource(stack, "Monthly").rule[0];
    expect(lifecycle).toEqual({ cold_storage_after: 90, delete_after: 365 });
    expect(lifecycle.delete_after - lifecycle.cold_storage_after).toBeGreaterThanOrEqual(90);
  });

  test("presets take copy actions", () => {
    const stack = testStack();
    BackupPlan.daily35DayRetention(stack, "Daily", { vault: primary, copyActions: [{ destination: drVault }] });
    expect(planResource(stack, "Daily").rule[0].copy_action).toEqual([{ destination_vault_arn: drVault.vaultArn }]);
  });
});

describe("BackupPlan validation", () => {
  test("refuses a plan without rules at synthesis", () => {
    // given
    const stack = testStack();
    new BackupPlan(stack, "Plan", { planName: "empty" });
    // when
    const msg = errorOf(() => Testing.synth(stack, true));
    // then
    expect(msg).toContain("rules = []");
    expect(msg).toContain("AWS rejects a backup plan without rules");
  });

  test("refuses a plan name with spaces", () => {
    const msg = errorOf(() => new BackupPlan(testStack(), "Plan", { planName: "my plan", rules: [dailyRule()] }));
    expect(msg).toContain('planName = "my plan"');
    expect(msg).toContain("AWS rejects plan names other than 1-50 letters, digits, hyphens, underscores and periods");
  });

  test("refuses a rule name with characters outside the pattern", () => {
    const msg = errorOf(() => planWith(testStack(), { ruleName: "daily backup" }));
    expect(msg).toContain('rules[0].ruleName = "daily backup"');
    expect(msg).toContain("AWS rejects rule names other than 1-50 letters, digits, hyphens, underscores and periods");
  });

  test("refuses a rule name longer than 50 characters", () => {
    const name = "r".repeat(51);
    const msg = errorOf(() => planWith(testStack(), { ruleName: name }));
    expect(msg).toContain(`rules[0].ruleName = "${name}"`);
    expect(msg).toContain("AWS rejects rule names other than 1-50 letters, digits, hyphens, underscores and periods");
  });

  test("refuses two rules with one name", () => {
    // given
    const plan = planWith(testStack());
    // when
    const msg = errorOf(() => plan.addRule(dailyRule()));
    // then
    expect(msg).toContain('rules[1].ruleName = "daily"');
    expect(msg).toContain("AWS rejects two rules of one plan with the same name");
  });

  test("refuses a start window shorter than 60 minutes", () => {
    const msg = errorOf(() => planWith(testStack(), { startWindow: Duration.minutes(59) }));
    expect(msg).toContain('rules[0].startWindow = "59 minutes"');
    expect(msg).toContain("AWS rejects start windows shorter than 60 minutes (AWS Backup)");
  });

  test("refuses a completion window not longer than the start window", () => {
    const msg = errorOf(() => planWith(testStack(), { startWindow: Duration.minutes(120), completionWindow: Duration.minutes(120) }));
    expect(msg).toContain('rules[0].completionWindow = "120 minutes"');
    expect(msg).toContain("longer than the start window (120 minutes)");
  });

  test("refuses a rule that deletes less than 90 days after the move to cold storage", () => {
    const msg = errorOf(() => planWith(testStack(), { lifecycle: { coldStorageAfter: Retention.days(30), deleteAfter: Retention.days(100) } }));
    expect(msg).toContain('rules[0].lifecycle.deleteAfter = "100 days"');
    expect(msg).toContain("AWS rejects a deletion earlier than coldStorageAfter + 90 (30 + 90 = 120)");
  });

  test("refuses a copy action that deletes less than 90 days after the move to cold storage", () => {
    const msg = errorOf(() =>
      planWith(testStack(), { copyActions: [{ destination: drVault, lifecycle: { coldStorageAfter: Retention.days(7), deleteAfter: Retention.days(30) } }] }),
    );
    expect(msg).toContain('rules[0].copyActions[0].lifecycle.deleteAfter = "30 days"');
    expect(msg).toContain("AWS rejects a deletion earlier than coldStorageAfter + 90 (7 + 90 = 97)");
  });

  test("refuses a deleteAfter in months: AWS Backup counts retention in days", () => {
    const msg = errorOf(() => planWith(testStack(), { lifecycle: { deleteAfter: Retention.months(1) } }));
    expect(msg).toContain(
      'rules[0].lifecycle.deleteAfter = "1 months": AWS rejects retentions other than whole days here (AWS Backup counts retention in days, and months have no fixed number of days)',
    );
    expect(msg).toContain("Fix: give the days, e.g. Retention.days(30)");
  });

  test("takes a deleteAfter in weeks as whole days", () => {
    const stack = testStack();
    planWith(stack, { lifecycle: { deleteAfter: Retention.weeks(13) } });
    expect(planResource(stack).rule[0].lifecycle).toEqual({ delete_after: 91 });
  });

  test("refuses deleteAfter above 36500 days", () => {
    const msg = errorOf(() => planWith(testStack(), { lifecycle: { deleteAfter: Retention.days(36501) } }));
    expect(msg).toContain('rules[0].lifecycle.deleteAfter = "36501 days"');
    expect(msg).toContain("AWS rejects retentions outside 1 to 36500 days");
  });

  test("refuses a copy action deleteAfter above 36500 days", () => {
    const msg = errorOf(() => planWith(testStack(), { copyActions: [{ destination: drVault, lifecycle: { deleteAfter: Retention.days(40000) } }] }));
    expect(msg).toContain('rules[0].copyActions[0].lifecycle.deleteAfter = "40000 days"');
    expect(msg).toContain("AWS rejects retentions outside 1 to 36500 days");
  });

  test("refuses archive opt-in without cold storage", () => {
    const msg = errorOf(() => planWith(testStack(), { lifecycle: { deleteAfter: Retention.days(35), optInToArchiveForSupportedResources: true } }));
    expect(msg).toContain("rules[0].lifecycle.optInToArchiveForSupportedResources = true");
    expect(msg).toContain("AWS ignores it without coldStorageAfter");
  });

  test("refuses continuous backup kept longer than 35 days", () => {
    const msg = errorOf(() => planWith(testStack(), { continuousBackup: true, lifecycle: { deleteAfter: Retention.days(36) } }));
    expect(msg).toContain('rules[0].lifecycle.deleteAfter = "36 days"');
    expect(msg).toContain("AWS rejects continuous backups kept outside 1 to 35 days");
  });

  test("refuses continuous backup without a retention", () => {
    const msg = errorOf(() => planWith(testStack(), { continuousBackup: true, lifecycle: undefined }));
    expect(msg).toContain("rules[0].lifecycle.deleteAfter = (not set)");
    expect(msg).toContain("AWS rejects continuous backup without a retention: point-in-time recovery keeps 1-35 days");
  });

  test("refuses continuous backup with cold storage", () => {
    const msg = errorOf(() =>
      planWith(testStack(), { continuousBackup: true, lifecycle: { coldStorageAfter: Retention.days(1), deleteAfter: Retention.days(35) } }),
    );
    expect(msg).toContain('rules[0].lifecycle.coldStorageAfter = "1 days"');
    expect(msg).toContain("AWS rejects continuous backups moving to cold storage");
  });

  test("refuses a copy destination that is not a backup-vault ARN", () => {
    const bad = "arn:aws:backup:us-east-1:1234:backup-vault:central";
    const msg = errorOf(() => planWith(testStack(), { copyActions: [{ destination: bad }] }));
    expect(msg).toContain(`rules[0].copyActions[0].destination = "${bad}"`);
    expect(msg).toContain("AWS rejects anything but a backup-vault ARN arn:<partition>:backup:<region>:<12-digit account>:backup-vault:<name> here");
  });

  test("refuses a copy into the rule's own target vault", () => {
    const msg = errorOf(() => planWith(testStack(), { copyActions: [{ destination: primary.vaultArn }] }));
    expect(msg).toContain(`rules[0].copyActions[0].destination = "${primary.vaultArn}"`);
    expect(msg).toContain("this library rejects a copy into the rule's own target vault: a copy must go to another vault");
  });

  test("refuses the default vault as a copy target", () => {
    const target = vaultArn("Default", "us-west-2");
    const msg = errorOf(() => planWith(testStack(), { copyActions: [{ destination: target }] }));
    expect(msg).toContain(`rules[0].copyActions[0].destination = "${target}"`);
    expect(msg).toContain("AWS rejects the default vault as a copy target");
  });

  test("refuses the default vault as a copy source", () => {
    const source = BackupVault.fromVaultArn(vaultArn("Default"));
    const msg = errorOf(() => planWith(testStack(), { targetVault: source, copyActions: [{ destination: drVault }] }));
    expect(msg).toContain(`rules[0].targetVault = "${source.vaultArn}"`);
    expect(msg).toContain("AWS rejects the default vault as a copy source: recovery points in it cannot be copied");
  });

  test("accepts the default vault as a target when nothing is copied from it", () => {
    const stack = testStack();
    planWith(stack, { targetVault: BackupVault.fromVaultArn(vaultArn("Default")) });
    expect(planResource(stack).rule[0].target_vault_name).toBe("Default");
  });

  test("refuses a rule retention below the locked target vault's minimum", () => {
    // given
    const locked = BackupVault.fromVaultArn(vaultArn("locked"), { minDays: 30, maxDays: 400, source: "lock of locked" });
    // when
    const msg = errorOf(() => planWith(testStack(), { targetVault: locked, lifecycle: { deleteAfter: Retention.days(7) } }));
    // then
    expect(msg).toContain('rules[0].lifecycle.deleteAfter = "7 days"');
    expect(msg).toContain(
      `AWS rejects recovery points kept 7 days in locked vault ${locked.vaultArn}, whose lock (lock of locked) accepts retentions of 30-400 days`,
    );
  });

  test("refuses a rule retention above the locked target vault's maximum", () => {
    const locked = BackupVault.fromVaultArn(vaultArn("locked"), { minDays: 7, maxDays: 100, source: "lock" });
    const msg = errorOf(() => planWith(testStack(), { targetVault: locked, lifecycle: { deleteAfter: Retention.days(365) } }));
    expect(msg).toContain('rules[0].lifecycle.deleteAfter = "365 days"');
    expect(msg).toContain("accepts retentions of 7-100 days");
  });

  test("refuses a rule without deleteAfter into a vault whose lock has a maximum: forever exceeds it", () => {
    const locked = BackupVault.fromVaultArn(vaultArn("locked"), { minDays: 7, maxDays: 400, source: "lock" });
    const msg = errorOf(() => planWith(testStack(), { targetVault: locked, lifecycle: undefined }));
    expect(msg).toContain("rules[0].lifecycle.deleteAfter = (not set)");
    expect(msg).toContain("kept forever (no deleteAfter)");
    expect(msg).toContain("set deleteAfter to at most Retention.days(400)");
  });

  test("accepts a rule without deleteAfter into a vault whose lock has no maximum", () => {
    const locked = BackupVault.fromVaultArn(vaultArn("locked"), { minDays: 7, source: "lock" });
    expect(() => planWith(testStack(), { targetVault: locked, lifecycle: undefined })).not.toThrow();
  });

  test("refuses a copy whose retention exceeds the locked destination's maximum", () => {
    const msg = errorOf(() => planWith(testStack(), { copyActions: [{ destination: central, lifecycle: { deleteAfter: Retention.days(500) } }] }));
    expect(msg).toContain('rules[0].copyActions[0].lifecycle.deleteAfter = "500 days"');
    expect(msg).toContain(`AWS rejects copies kept 500 days in locked vault ${central.vaultArn}`);
    expect(msg).toContain("accepts retentions of 7-400 days");
  });

  test("refuses a copy below the locked destination's minimum", () => {
    const msg = errorOf(() => planWith(testStack(), { copyActions: [{ destination: central, lifecycle: { deleteAfter: Retention.days(3) } }] }));
    expect(msg).toContain('rules[0].copyActions[0].lifecycle.deleteAfter = "3 days"');
    expect(msg).toContain("accepts retentions of 7-400 days");
  });

  test("checks a copy without its own lifecycle with the rule's retention against the destination's lock", () => {
    const msg = errorOf(() => planWith(testStack(), { lifecycle: { deleteAfter: Retention.days(500) }, copyActions: [{ destination: central }] }));
    expect(msg).toContain("rules[0].copyActions[0].lifecycle = (not set)");
    expect(msg).toContain("copies (without a lifecycle of their own they keep the rule's) kept 500 days");
  });

  test("refuses the same copy destination twice in a rule", () => {
    const msg = errorOf(() => planWith(testStack(), { copyActions: [{ destination: drVault }, { destination: drVault.vaultArn }] }));
    expect(msg).toContain(`rules[0].copyActions[1].destination = "${drVault.vaultArn}"`);
    expect(msg).toContain("this library rejects two copy actions of one rule into the same vault");
  });

  test("refuses a Windows VSS setting for a resource type other than EC2", () => {
    const msg = errorOf(
      () =>
        new BackupPlan(testStack(), "Plan", {
          planName: "rds",
          rules: [dailyRule()],
          advancedBackupSettings: [{ resourceType: "RDS", backupOptions: { WindowsVSS: "enabled" } }],
        }),
    );
    expect(msg).toContain('advancedBackupSettings[0].resourceType = "RDS"');
    expect(msg).toContain('AWS rejects advanced backup settings for resource types other than "EC2" (Windows VSS, the only one, is for EC2)');
  });

  test("accepts the EC2 Windows VSS setting written out", () => {
    const stack = testStack();
    new BackupPlan(stack, "Plan", {
      planName: "ec2",
      rules: [dailyRule()],
      advancedBackupSettings: [{ resourceType: "EC2", backupOptions: { WindowsVSS: "disabled" } }],
    });
    expect(planResource(stack).advanced_backup_setting).toEqual([{ resource_type: "EC2", backup_options: { WindowsVSS: "disabled" } }]);
  });

  test("refuses a rule whose target vault lies in another region than the plan's other rules", () => {
    // given
    const plan = planWith(testStack());
    // when
    const msg = errorOf(() => plan.addRule(dailyRule({ ruleName: "dr", targetVault: drVault })));
    // then
    expect(msg).toContain(`rules[1].targetVault = "${drVault.vaultArn}"`);
    expect(msg).toContain(
      "AWS rejects target vaults outside the plan's account and region (111111111111, us-east-1), where the other rules' vaults are: a plan backs up into vaults of its own region",
    );
  });

  test("refuses a target vault outside the region of the plan's provider", () => {
    const stack = testStack();
    const msg = errorOf(() => new BackupPlan(stack, "Plan", { planName: "dr", provider: stack.providerFor("us-west-2"), rules: [dailyRule()] }));
    expect(msg).toContain(`rules[0].targetVault = "${primary.vaultArn}"`);
    expect(msg).toContain("AWS rejects target vaults outside the region of the plan's provider (us-west-2): a plan backs up into vaults of its own region");
  });

  test("accepts a DR-region plan created with the DR region's provider", () => {
    const stack = testStack();
    new BackupPlan(stack, "Plan", { planName: "dr", provider: stack.providerFor("us-west-2"), rules: [dailyRule({ targetVault: drVault })] });
    expect(planResource(stack).provider).toBe("aws.us_west_2");
  });

  test("refuses a schedule that is not a Schedule", () => {
    const msg = errorOf(() => planWith(testStack(), { schedule: "cron(0 5 * * ? *)" as never }));
    expect(msg).toContain('rules[0].schedule = "cron(0 5 * * ? *)"');
    expect(msg).toContain("this library needs a Schedule");
  });
});

describe("BackupPlan facts for audits", () => {
  test("reports the shortest retention across rules and copies, and where copies go", () => {
    // given
    const plan = planWith(testStack(), {
      copyActions: [
        { destination: drVault, lifecycle: { deleteAfter: Retention.days(14) } },
        { destination: central, lifecycle: { deleteAfter: Retention.days(90) } },
      ],
    });
    // then
    expect(plan.shortestRetentionDays()).toBe(14);
    expect(plan.copyRegions()).toEqual(["us-west-2"]);
    expect(plan.copyAccounts()).toEqual([OTHER_ACCOUNT]);
    expect(plan.env).toEqual({ accountId: "111111111111", region: "us-east-1", partition: "aws" });
  });

  test("synthesizes no data sources", () => {
    const stack = testStack();
    planWith(stack);
    expect(synthJson(stack).data).toBeUndefined();
  });
});
