import { buildRolloutModel } from "../../../stacks/model/model";
import { rawRollout, readStacks, rollout, synthRollout } from "../../rollout-helpers";

describe("audit chain of the default rollout", () => {
  const stacks = readStacks(synthRollout(rollout(rawRollout())));

  test("every member region with plans of its own has a framework and a compliance report in that region", () => {
    // given
    const payments = stacks["member-payments"].resource;
    // when
    const frameworks = Object.entries(payments.aws_backup_framework).map(([id, f]: [string, any]) => [id, f.provider]);
    const reports = Object.entries(payments.aws_backup_report_plan).map(([id, r]: [string, any]) => [id, r.provider, r.report_delivery_channel.s3_bucket_name]);
    // then
    expect(frameworks).toEqual([
      ["AuditFramework", undefined],
      ["AuditFramework_us_west_2", "aws.us_west_2"],
    ]);
    expect(reports).toEqual([
      ["AuditReport", undefined, "example-org-backup-reports"],
      ["AuditReport_us_west_2", "aws.us_west_2", "example-org-backup-reports"],
    ]);
    expect(payments.aws_backup_report_plan.AuditReport_us_west_2.report_setting.framework_arns).toEqual([
      "${aws_backup_framework.AuditFramework_us_west_2.arn}",
    ]);
  });

  test("the central account creates the report bucket its members deliver to, and reports jobs and compliance across the organization", () => {
    // given
    const central = stacks["central-backup"].resource;
    // then
    expect(central.aws_s3_bucket.ReportBucket.bucket).toBe("example-org-backup-reports");
    const settings = Object.values(central.aws_backup_report_plan).map((r: any) => r.report_setting);
    expect(settings.map((s: any) => s.report_template).sort()).toEqual([
      "BACKUP_JOB_REPORT",
      "CONTROL_COMPLIANCE_REPORT",
      "COPY_JOB_REPORT",
      "RESOURCE_COMPLIANCE_REPORT",
      "RESTORE_JOB_REPORT",
    ]);
    for (const s of settings) {
      expect(s.accounts).toEqual(["333333333333", "444444444444"]);
      expect(s.regions).toEqual(["us-east-1", "us-west-2"]);
    }
  });

  test("organization-wide reports are delivered as CSV, and the compliance ones name no framework ARNs", () => {
    // given
    const plans = Object.values(stacks["central-backup"].resource.aws_backup_report_plan) as any[];
    // then: AWS delivers reports across accounts or regions as CSV only, and refuses framework ARNs on them
    expect(plans.map((p) => p.report_delivery_channel.formats)).toEqual(plans.map(() => ["CSV"]));
    expect(plans.map((p) => p.report_setting.framework_arns)).toEqual(plans.map(() => undefined));
  });

  test("a region whose plans come only from an Organizations policy still gets a framework with those plans' controls", () => {
    // given: analytics applies only the compliance policy, which an Organizations policy deploys
    const raw = rawRollout();
    raw.members[1].protection = ["compliance"];
    const analytics = readStacks(synthRollout(rollout(raw)))["member-analytics"].resource;
    // when
    const framework = analytics.aws_backup_framework.AuditFramework_us_west_2;
    // then: monthly backups kept 365 days in a vault of its own, a copy in the central account
    const byName = Object.fromEntries(framework.control.map((c: any) => [c.name, c.input_parameter]));
    expect(byName.BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK).toEqual([
      { name: "requiredFrequencyUnit", value: "days" },
      { name: "requiredFrequencyValue", value: "31" },
      { name: "requiredRetentionDays", value: "365" },
    ]);
    expect(byName.BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT).toEqual([{ name: "crossAccountList", value: "222222222222" }]);
  });

  test("the member stack's framework carries the controls the model derived, which the DR report judges against", () => {
    // given
    const config = rollout(rawRollout());
    const model = buildRolloutModel(config);
    const payments = readStacks(synthRollout(config))["member-payments"].resource;
    // when
    const derived = model.members[0].auditRegions.find((a) => a.region === "us-west-2")!.controls;
    const synthesized = payments.aws_backup_framework.AuditFramework_us_west_2.control;
    // then
    expect(synthesized.map((c: any) => [c.name, Object.fromEntries((c.input_parameter ?? []).map((p: any) => [p.name, p.value]))])).toEqual(
      derived.map((c) => [c.name, c.inputParameters]),
    );
  });
});
