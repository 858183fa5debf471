import { Retention } from "../../../modules/core";
import { BackupPlan, BackupSelection, BackupVault, LogicallyAirGappedVault, Schedule } from "../../../modules/backup";
import { errorOf, resources, testStack } from "../../helpers";
import { ACCOUNT, ROLE_ARN, accessPolicy, dailyRule, env, primary, vaultArn } from "./fixtures";

const SCANNER_ROLE = `arn:aws:iam::${ACCOUNT}:role/malware-scanner`;

describe("BackupPlan malware scanning", () => {
  test("writes the rule's scan action and the plan's scan setting", () => {
    // given a rule with a full scan and a plan scanning EBS and S3
    const stack = testStack();
    // when
    new BackupPlan(stack, "Plan", {
      planName: "scanned",
      scanSettings: [{ resourceTypes: ["EBS", "S3"], scannerRole: SCANNER_ROLE }],
      rules: [dailyRule({ scanActions: [{ scanMode: "FULL_SCAN" }] })],
    });
    // then
    const plan = resources(stack, "aws_backup_plan").Plan;
    expect(plan.rule[0].scan_action).toEqual([{ malware_scanner: "GUARDDUTY", scan_mode: "FULL_SCAN" }]);
    expect(plan.scan_setting).toEqual([{ malware_scanner: "GUARDDUTY", resource_types: ["EBS", "S3"], scanner_role_arn: SCANNER_ROLE }]);
  });

  test("refuses a scan action without a scan setting of its scanner", () => {
    const message = errorOf(
      () => new BackupPlan(testStack(), "Plan", { planName: "scanned", rules: [dailyRule({ scanActions: [{ scanMode: "FULL_SCAN" }] })] }),
    );
    expect(message).toContain(
      'rules[0].scanActions[0].malwareScanner = "GUARDDUTY": AWS rejects a scan action whose scanner has no scan setting in the plan: the scan runs with that setting\'s role and resource types',
    );
  });

  test("refuses ALL together with other resource types", () => {
    const message = errorOf(
      () =>
        new BackupPlan(testStack(), "Plan", {
          planName: "scanned",
          scanSettings: [{ resourceTypes: ["ALL", "EBS"], scannerRole: SCANNER_ROLE }],
          rules: [dailyRule()],
        }),
    );
    expect(message).toContain(
      'scanSettings[0].resourceTypes = ["ALL","EBS"]: this library rejects "ALL" together with other types: it already names every type, so list it alone',
    );
  });
});

describe("BackupPlan logically air-gapped target", () => {
  test("writes the air-gapped vault's ARN next to the target vault", () => {
    // given an air-gapped vault keeping 7-10 days
    const stack = testStack();
    const lag = new LogicallyAirGappedVault(stack, "Lag", {
      vaultName: "lag",
      env,
      accessPolicy,
      minRetention: Retention.days(7),
      maxRetention: Retention.days(10),
    });
    // when a rule keeping 10 days targets it
    new BackupPlan(stack, "Plan", {
      planName: "p",
      rules: [dailyRule({ targetLogicallyAirGappedVault: lag, lifecycle: { deleteAfter: Retention.days(10) } })],
    });
    // then
    expect(resources(stack, "aws_backup_plan").Plan.rule[0].target_logically_air_gapped_backup_vault_arn).toBe(vaultArn("lag"));
  });

  test("refuses a retention outside the air-gapped vault's bounds", () => {
    const stack = testStack();
    const lag = new LogicallyAirGappedVault(stack, "Lag", {
      vaultName: "lag",
      env,
      accessPolicy,
      minRetention: Retention.days(7),
      maxRetention: Retention.days(10),
    });
    const message = errorOf(() => new BackupPlan(stack, "Plan", { planName: "p", rules: [dailyRule({ targetLogicallyAirGappedVault: lag })] }));
    expect(message).toContain(
      "AWS rejects recovery points in the air-gapped vault kept 35 days in locked vault arn:aws:backup:us-east-1:111111111111:backup-vault:lag, whose lock (test/Lag) accepts retentions of 7-10 days: every job would fail",
    );
  });
});

describe("BackupPlan idioms", () => {
  test("addSelection assigns resources to the plan", () => {
    // given a plan
    const stack = testStack();
    const plan = new BackupPlan(stack, "Plan", { planName: "p", rules: [dailyRule()] });
    // when a selection is added through the plan
    plan.addSelection("Tagged", { selectionName: "tagged", role: ROLE_ARN, tags: [{ key: "backup", value: "daily" }] });
    // then it names the plan's ID
    expect(resources(stack, "aws_backup_selection").Plan_Tagged.plan_id).toBe("${aws_backup_plan.Plan.id}");
  });

  test("addRule adds a rule after construction", () => {
    const stack = testStack();
    const plan = new BackupPlan(stack, "Plan", { planName: "p" });
    plan.addRule({ ruleName: "weekly", targetVault: primary, schedule: Schedule.weekly("SUN", 5) });
    expect(resources(stack, "aws_backup_plan").Plan.rule.map((r: { rule_name: string }) => r.rule_name)).toEqual(["weekly"]);
  });

  test("fromPlanId and fromPlanArn give a plan selections can use", () => {
    const stack = testStack();
    new BackupPlan(stack, "Plan", { planName: "p", rules: [dailyRule()] });
    const byArn = BackupPlan.fromPlanArn(`arn:aws:backup:us-east-1:${ACCOUNT}:backup-plan:8a4f0a1e-1111-2222-3333-444455556666`);
    expect(byArn.planId).toBe("8a4f0a1e-1111-2222-3333-444455556666");
    new BackupPlan(stack, "Other", { planName: "o", rules: [dailyRule()] });
    const imported = BackupPlan.fromPlanId("existing-plan-id");
    new BackupSelection(stack, "Sel", { selectionName: "s", plan: imported, role: ROLE_ARN, tags: [{ key: "a", value: "b" }] });
    expect(resources(stack, "aws_backup_selection").Sel.plan_id).toBe("existing-plan-id");
  });

  test("fromPlanArn refuses an ARN of something else", () => {
    expect(errorOf(() => BackupPlan.fromPlanArn(vaultArn("x")))).toContain(
      "AWS rejects anything but a backup-plan ARN arn:<partition>:backup:<region>:<12-digit account>:backup-plan:<id> here",
    );
  });

  test("fromVaultName builds the vault's ARN from its account and region", () => {
    const vault = BackupVault.fromVaultName({ accountId: ACCOUNT, region: "us-west-2" }, "imported");
    expect(vault.vaultArn).toBe(vaultArn("imported", "us-west-2"));
    expect(vault.env).toEqual({ accountId: ACCOUNT, region: "us-west-2", partition: "aws" });
  });
});
