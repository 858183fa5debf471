import { Retention } from "../../../modules/core";
import { Testing } from "../../../modules/core/cdktf";
import {
  AUDIT_CONTROLS,
  AuditControl,
  BackupAuditFramework,
  BackupAuditFrameworkProps,
  BackupPlan,
  BackupReportPlan,
  BackupReportPlanProps,
  BackupVault,
  Schedule,
  deriveAuditControls,
} from "../../../modules/backup";
import { frequencyRequirement } from "../../../modules/backup/backup-audit";
import { deriveControls } from "../../../modules/core/rules/audit";
import { errorOf, resources, synthJson, testStack } from "../../helpers";
import { OTHER_ACCOUNT, central, dailyRule, drVault, planWith, vaultArn } from "./fixtures";

function control(controls: readonly AuditControl[], name: string): AuditControl | undefined {
  return controls.find((c) => c.name === name);
}

function frameworkError(props: Partial<BackupAuditFrameworkProps>): string {
  const stack = testStack();
  const plan = planWith(stack);
  return errorOf(() => new BackupAuditFramework(stack, "Audit", { frameworkName: "audit", plans: [plan], ...props }));
}

describe("controls derived from plans", () => {
  test("requires the shortest retention of any recovery point or copy", () => {
    const plan = planWith(testStack(), { copyActions: [{ destination: drVault, lifecycle: { deleteAfter: Retention.days(14) } }] });
    const c = control(deriveAuditControls([plan]), AUDIT_CONTROLS.recoveryPointMinimumRetention);
    expect(c?.inputParameters).toEqual({ requiredRetentionDays: "14" });
  });

  test("requires the plan's backup frequency and the retention of its most frequent rules", () => {
    // given
    const plan = planWith(testStack(), { schedule: Schedule.hourly(4), lifecycle: { deleteAfter: Retention.days(7) } });
    plan.addRule(dailyRule({ ruleName: "daily35" }));
    // when
    const c = control(deriveAuditControls([plan]), AUDIT_CONTROLS.planMinFrequencyAndRetention);
    // then
    expect(c?.inputParameters).toEqual({ requiredFrequencyUnit: "hours", requiredFrequencyValue: "4", requiredRetentionDays: "7" });
  });

  test("across plans, requires what the least frequent plan's most frequent rule gives", () => {
    // given
    const stack = testStack();
    const daily = planWith(stack, {}, "Daily");
    const weekly = new BackupPlan(stack, "Weekly", {
      planName: "weekly",
      rules: [dailyRule({ ruleName: "weekly", schedule: Schedule.weekly("SUN", 5), lifecycle: { deleteAfter: Retention.days(91) } })],
    });
    // when
    const c = control(deriveAuditControls([daily, weekly]), AUDIT_CONTROLS.planMinFrequencyAndRetention);
    // then
    expect(c?.inputParameters).toEqual({ requiredFrequencyUnit: "days", requiredFrequencyValue: "7", requiredRetentionDays: "35" });
  });

  test("always checks encryption, protection by a plan and manual deletion", () => {
    const names = deriveAuditControls([planWith(testStack())]).map((c) => c.name);
    expect(names).toEqual(
      expect.arrayContaining([AUDIT_CONTROLS.recoveryPointEncrypted, AUDIT_CONTROLS.resourcesProtectedByPlan, AUDIT_CONTROLS.manualDeletionDisabled]),
    );
  });

  test("names the roles allowed to delete recovery points", () => {
    const roles = ["arn:aws:iam::111111111111:role/a", "arn:aws:iam::111111111111:role/b"];
    const c = control(deriveAuditControls([planWith(testStack())], { deletionAllowedRoleArns: roles }), AUDIT_CONTROLS.manualDeletionDisabled);
    expect(c?.inputParameters).toEqual({ principalArnList: roles.join(",") });
  });

  test("adds the vault lock control with the loosest bounds of the locked vaults", () => {
    // given
    const locked = BackupVault.fromVaultArn(vaultArn("locked"), { minDays: 14, maxDays: 200, source: "lock" });
    const plan = planWith(testStack(), { targetVault: locked, copyActions: [{ destination: central, lifecycle: { deleteAfter: Retention.days(35) } }] });
    // when
    const c = control(deriveAuditControls([plan]), AUDIT_CONTROLS.protectedByVaultLock);
    // then
    expect(c?.inputParameters).toEqual({ minRetentionDays: "7", maxRetentionDays: "400" });
  });

  test("leaves the vault lock control out when no vault is locked", () => {
    expect(control(deriveAuditControls([planWith(testStack())]), AUDIT_CONTROLS.protectedByVaultLock)).toBeUndefined();
  });

  test("adds cross-region and cross-account controls naming where copies go", () => {
    const plan = planWith(testStack(), { copyActions: [{ destination: drVault }, { destination: central, lifecycle: { deleteAfter: Retention.days(35) } }] });
    const controls = deriveAuditControls([plan]);
    expect(control(controls, AUDIT_CONTROLS.protectedByCrossRegion)?.inputParameters).toEqual({ crossRegionList: "us-west-2" });
    expect(control(controls, AUDIT_CONTROLS.protectedByCrossAccount)?.inputParameters).toEqual({ crossAccountList: OTHER_ACCOUNT });
  });

  test("leaves the cross-region and cross-account controls out when nothing is copied", () => {
    const names = deriveAuditControls([planWith(testStack())]).map((c) => c.name);
    expect(names).not.toContain(AUDIT_CONTROLS.protectedByCrossRegion);
    expect(names).not.toContain(AUDIT_CONTROLS.protectedByCrossAccount);
  });

  test("leaves the retention parameter at AWS's default when everything is kept forever", () => {
    const plan = planWith(testStack(), { lifecycle: undefined });
    expect(control(deriveAuditControls([plan]), AUDIT_CONTROLS.recoveryPointMinimumRetention)?.inputParameters).toEqual({});
  });

  test("scopes the resource controls to the given resource types", () => {
    const plan = planWith(testStack(), { copyActions: [{ destination: drVault }] });
    const controls = deriveAuditControls([plan], { complianceResourceTypes: ["EBS"] });
    expect(control(controls, AUDIT_CONTROLS.resourcesProtectedByPlan)?.complianceResourceTypes).toEqual(["EBS"]);
    expect(control(controls, AUDIT_CONTROLS.protectedByCrossRegion)?.complianceResourceTypes).toEqual(["EBS"]);
    expect(control(controls, AUDIT_CONTROLS.recoveryPointEncrypted)?.complianceResourceTypes).toBeUndefined();
  });
});

describe("frequencyRequirement", () => {
  test.each([
    [60, { unit: "hours", value: 1 }],
    [240, { unit: "hours", value: 4 }],
    [90, { unit: "hours", value: 2 }],
    [1440, { unit: "days", value: 1 }],
    [7 * 1440, { unit: "days", value: 7 }],
    [31 * 1440, { unit: "days", value: 31 }],
  ])("a gap of %i minutes requires %j", (gap, expected) => {
    expect(frequencyRequirement(gap)).toEqual(expected);
  });

  test("a gap beyond 31 days cannot be expressed", () => {
    expect(frequencyRequirement(32 * 1440)).toBeUndefined();
  });
});

describe("BackupAuditFramework", () => {
  test("writes the derived controls with their parameters and scopes", () => {
    // given
    const stack = testStack();
    const plan = planWith(stack, { copyActions: [{ destination: drVault }] });
    // when
    new BackupAuditFramework(stack, "Audit", { frameworkName: "backup_controls", plans: [plan], complianceResourceTypes: ["EBS"] });
    // then
    const fw = resources(stack, "aws_backup_framework").Audit;
    expect(fw.name).toBe("backup_controls");
    expect(fw.control).toContainEqual({
      name: "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK",
      input_parameter: [
        { name: "requiredFrequencyUnit", value: "days" },
        { name: "requiredFrequencyValue", value: "1" },
        { name: "requiredRetentionDays", value: "35" },
      ],
    });
    expect(fw.control).toContainEqual({
      name: "BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION",
      input_parameter: [{ name: "crossRegionList", value: "us-west-2" }],
      scope: { compliance_resource_types: ["EBS"] },
    });
    expect(fw.control).toContainEqual({ name: "BACKUP_RECOVERY_POINT_ENCRYPTED" });
  });

  test("refuses a framework name with a hyphen", () => {
    const msg = frameworkError({ frameworkName: "backup-controls" });
    expect(msg).toContain('frameworkName = "backup-controls"');
    expect(msg).toContain("AWS rejects framework names other than 1-256 letters, digits and underscores starting with a letter");
  });

  test("refuses a framework name starting with a digit", () => {
    const msg = frameworkError({ frameworkName: "1controls" });
    expect(msg).toContain('frameworkName = "1controls"');
    expect(msg).toContain("AWS rejects framework names other than 1-256 letters, digits and underscores starting with a letter");
  });

  test("refuses a framework without plans", () => {
    const msg = frameworkError({ plans: [] });
    expect(msg).toContain("plans = 0");
    expect(msg).toContain("this library needs at least one backup plan to derive the controls from, or controls");
  });

  test("refuses a plan that has no rules yet", () => {
    const stack = testStack();
    const plan = new BackupPlan(stack, "Empty", { planName: "empty" });
    const msg = errorOf(() => new BackupAuditFramework(stack, "Audit", { frameworkName: "audit", plans: [plan] }));
    expect(msg).toContain('plans[0] = "test/Empty"');
    expect(msg).toContain("this library needs the plan's rules before the framework is built from it, and this plan has none yet");
  });

  test("refuses at synthesis a plan that got rules after the framework was derived", () => {
    // given
    const stack = testStack();
    const plan = planWith(stack);
    new BackupAuditFramework(stack, "Audit", { frameworkName: "audit", plans: [plan] });
    // when
    plan.addRule(dailyRule({ ruleName: "late" }));
    const msg = errorOf(() => Testing.synth(stack, true));
    // then
    expect(msg).toContain('plans[0] = "test/Plan"');
    expect(msg).toContain("this plan got rules after, so the controls do not cover them");
  });

  test("refuses more than 5 roles exempt from the manual-deletion control", () => {
    const roles = Array.from({ length: 6 }, (_, i) => `arn:aws:iam::111111111111:role/r${i}`);
    const msg = frameworkError({ deletionAllowedRoleArns: roles });
    expect(msg).toContain("deletionAllowedRoleArns = 6");
    expect(msg).toContain("AWS rejects more than 5 roles exempt from the manual-deletion control");
  });

  test("writes controls given instead of plans, such as those derived for plans another stack deploys", () => {
    // given
    const stack = testStack();
    const controls = deriveControls([
      { rules: [{ gapMinutes: 1440, retentionDays: 30, copyRetentionDays: [] }], lockBounds: [], copyRegions: [], copyAccounts: [] },
    ]);
    // when
    new BackupAuditFramework(stack, "Audit", { frameworkName: "audit", controls });
    // then
    const r = resources(stack, "aws_backup_framework").Audit;
    expect(r.control[0]).toEqual({ name: AUDIT_CONTROLS.recoveryPointMinimumRetention, input_parameter: [{ name: "requiredRetentionDays", value: "30" }] });
    expect(r.control.map((c: { name: string }) => c.name)).toEqual(controls.map((c) => c.name));
  });

  test("with configRecordingCheck, a check block reads the framework back and asserts AWS Config records what it evaluates", () => {
    // given
    const stack = testStack();
    // when
    new BackupAuditFramework(stack, "Audit", { frameworkName: "audit", plans: [planWith(stack)], configRecordingCheck: true, region: "us-east-1" });
    // then
    const check = synthJson(stack).check.Audit_config_recording;
    expect(check.data.aws_backup_framework.Audit_status).toEqual({ name: "${aws_backup_framework.Audit.name}", depends_on: ["aws_backup_framework.Audit"] });
    expect(check.assert[0].condition).toBe('${data.aws_backup_framework.Audit_status.status == "ACTIVE"}');
    expect(check.assert[0].error_message).toContain("aws configservice describe-configuration-recorder-status --region us-east-1");
  });

  test("without configRecordingCheck, no check block is written", () => {
    const stack = testStack();
    new BackupAuditFramework(stack, "Audit", { frameworkName: "audit", plans: [planWith(stack)] });
    expect(synthJson(stack).check).toBeUndefined();
  });

  test("refuses both plans and controls", () => {
    const msg = frameworkError({ controls: [{ name: AUDIT_CONTROLS.recoveryPointEncrypted, inputParameters: {} }] });
    expect(msg).toContain("plans = 1");
    expect(msg).toContain("this library needs plans or controls, not both");
  });

  test("refuses derivation options beside given controls, which they would not shape", () => {
    const stack = testStack();
    const msg = errorOf(
      () =>
        new BackupAuditFramework(stack, "Audit", {
          frameworkName: "audit",
          controls: [{ name: AUDIT_CONTROLS.recoveryPointEncrypted, inputParameters: {} }],
          deletionAllowedRoleArns: ["arn:aws:iam::111111111111:role/r"],
        }),
    );
    expect(msg).toContain("this library rejects these options with controls given: they shape derived controls only, so pass them to deriveControls instead");
  });

  test("refuses an unknown compliance resource type", () => {
    const msg = frameworkError({ complianceResourceTypes: ["Lambda"] });
    expect(msg).toContain('complianceResourceTypes[0] = "Lambda"');
    expect(msg).toContain("AWS rejects resource types other than");
  });
});

describe("BackupReportPlan", () => {
  function reportError(props: Partial<BackupReportPlanProps>): string {
    return errorOf(
      () =>
        new BackupReportPlan(testStack(), "Report", { reportPlanName: "jobs", reportTemplate: "BACKUP_JOB_REPORT", s3BucketName: "reports-bucket", ...props }),
    );
  }

  test("delivers a compliance report of a framework to the bucket and prefix", () => {
    // given
    const stack = testStack();
    const framework = new BackupAuditFramework(stack, "Audit", { frameworkName: "audit", plans: [planWith(stack)] });
    // when
    BackupReportPlan.controlCompliance(stack, "Report", { framework, s3BucketName: "reports-bucket", s3KeyPrefix: "audit" });
    // then
    const r = resources(stack, "aws_backup_report_plan").Report;
    expect(r.name).toBe("audit_control_compliance");
    expect(r.report_delivery_channel).toEqual({ s3_bucket_name: "reports-bucket", s3_key_prefix: "audit", formats: ["CSV", "JSON"] });
    expect(r.report_setting).toEqual({ report_template: "CONTROL_COMPLIANCE_REPORT", framework_arns: ["${aws_backup_framework.Audit.arn}"] });
  });

  test("delivers a job report without frameworks", () => {
    const stack = testStack();
    BackupReportPlan.backupJobs(stack, "Report", { reportPlanName: "jobs", s3BucketName: "reports-bucket", formats: ["JSON"] });
    const r = resources(stack, "aws_backup_report_plan").Report;
    expect(r.report_setting).toEqual({ report_template: "BACKUP_JOB_REPORT" });
    expect(r.report_delivery_channel.formats).toEqual(["JSON"]);
  });

  test("refuses a compliance report without frameworks", () => {
    const msg = reportError({ reportTemplate: "RESOURCE_COMPLIANCE_REPORT" });
    expect(msg).toContain("frameworks = (not set)");
    expect(msg).toContain("AWS rejects a RESOURCE_COMPLIANCE_REPORT report without frameworks: it reports compliance with frameworks, so name at least one");
  });

  test("refuses frameworks on a job report", () => {
    const arn = "arn:aws:backup:us-east-1:111111111111:framework:audit-1234";
    const msg = reportError({ reportTemplate: "COPY_JOB_REPORT", frameworks: [arn] });
    expect(msg).toContain(`frameworks = ["${arn}"]`);
    expect(msg).toContain("only compliance reports");
  });

  test("refuses an unknown report template", () => {
    const msg = reportError({ reportTemplate: "JOB_REPORT" as never });
    expect(msg).toContain('reportTemplate = "JOB_REPORT"');
    expect(msg).toContain("AWS rejects report templates other than BACKUP_JOB_REPORT");
  });

  test("refuses a report plan name with a hyphen", () => {
    const msg = reportError({ reportPlanName: "daily-jobs" });
    expect(msg).toContain('reportPlanName = "daily-jobs"');
    expect(msg).toContain("AWS rejects report plan names other than 1-256 letters, digits and underscores starting with a letter");
  });

  test("refuses a bucket name with capitals", () => {
    const msg = reportError({ s3BucketName: "Reports" });
    expect(msg).toContain('s3BucketName = "Reports"');
    expect(msg).toContain("AWS rejects bucket names other than 3-63 lowercase letters");
  });

  test("refuses a key prefix with a trailing slash", () => {
    const msg = reportError({ s3KeyPrefix: "audit/" });
    expect(msg).toContain('s3KeyPrefix = "audit/"');
    expect(msg).toContain("AWS rejects key prefixes that start or end with a slash");
  });

  test("delivers a compliance report across the organization without framework ARNs, as CSV", () => {
    // given
    const stack = testStack();
    // when
    new BackupReportPlan(stack, "Report", {
      reportPlanName: "org_controls",
      reportTemplate: "CONTROL_COMPLIANCE_REPORT",
      s3BucketName: "reports-bucket",
      accounts: ["111111111111", "222222222222"],
      organizationUnits: ["ou-ab12-11111111"],
      regions: ["us-east-1", "us-west-2"],
    });
    // then
    const r = resources(stack, "aws_backup_report_plan").Report;
    expect(r.report_setting).toEqual({
      report_template: "CONTROL_COMPLIANCE_REPORT",
      accounts: ["111111111111", "222222222222"],
      organization_units: ["ou-ab12-11111111"],
      regions: ["us-east-1", "us-west-2"],
    });
    expect(r.report_delivery_channel.formats).toEqual(["CSV"]);
  });

  test("refuses framework ARNs on a compliance report across accounts", () => {
    const arn = "arn:aws:backup:us-east-1:111111111111:framework:audit-1234";
    const msg = reportError({ reportTemplate: "CONTROL_COMPLIANCE_REPORT", frameworks: [arn], accounts: ["111111111111"] });
    expect(msg).toContain(`frameworks = ["${arn}"]`);
    expect(msg).toContain(
      "AWS rejects framework ARNs on a compliance report over accounts or organizational units: it covers the frameworks of each account and region it names",
    );
  });

  test("refuses JSON for a report across regions", () => {
    const msg = reportError({ regions: ["us-east-1", "us-west-2"], formats: ["CSV", "JSON"] });
    expect(msg).toContain('formats = ["CSV","JSON"]');
    expect(msg).toContain("delivered as CSV only");
  });

  test("refuses an unknown format", () => {
    const msg = reportError({ formats: ["PDF" as never] });
    expect(msg).toContain('formats[0] = "PDF"');
    expect(msg).toContain('AWS rejects formats other than "CSV" and "JSON"');
  });
});

describe("framework with explicitly chosen controls", () => {
  test("writes each control with its input parameters and scope", () => {
    // given a framework whose controls are chosen, not derived
    const stack = testStack();
    // when
    new BackupAuditFramework(stack, "Audit", {
      frameworkName: "chosen",
      controls: [
        { name: "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK", inputParameters: { requiredRetentionDays: "35" } },
        { name: "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN", complianceResourceTypes: ["EBS"], complianceResourceIds: ["vol-0123"], scopeTags: { Team: "a" } },
      ],
    });
    // then
    expect(resources(stack, "aws_backup_framework").Audit.control).toEqual([
      { name: "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK", input_parameter: [{ name: "requiredRetentionDays", value: "35" }] },
      {
        name: "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN",
        scope: { compliance_resource_ids: ["vol-0123"], compliance_resource_types: ["EBS"], tags: { Team: "a" } },
      },
    ]);
  });

  test("refuses plans and controls together", () => {
    const message = frameworkError({ controls: [{ name: "BACKUP_RECOVERY_POINT_ENCRYPTED" }] });
    expect(message).toContain("this library needs plans or controls, not both");
  });

  test("refuses a control name that is not one", () => {
    const message = errorOf(() => new BackupAuditFramework(testStack(), "Audit", { frameworkName: "chosen", controls: [{ name: "encrypted please" }] }));
    expect(message).toContain(
      'controls[0].name = "encrypted please": AWS rejects control names other than its own, which are 1-256 of A-Z 0-9 _ (e.g. BACKUP_RECOVERY_POINT_ENCRYPTED)',
    );
  });
});

describe("report plan number of frameworks", () => {
  test("writes number_of_frameworks", () => {
    const stack = testStack();
    new BackupReportPlan(stack, "Report", {
      reportPlanName: "compliance",
      reportTemplate: "CONTROL_COMPLIANCE_REPORT",
      frameworks: [`arn:aws:backup:us-east-1:111111111111:framework:chosen-0123abcd-1111-2222-3333-444455556666`],
      numberOfFrameworks: 1,
      s3BucketName: "reports-bucket",
    });
    expect(resources(stack, "aws_backup_report_plan").Report.report_setting.number_of_frameworks).toBe(1);
  });
});
