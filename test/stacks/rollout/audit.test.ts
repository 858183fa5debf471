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

  test("the central account creates the report bucket its members deliver to, and reports jobs across the organization", () => {
    // given
    const central = stacks["central-backup"].resource;
    // then
    expect(central.aws_s3_bucket.ReportBucket.bucket).toBe("example-org-backup-reports");
    const settings = Object.values(central.aws_backup_report_plan).map((r: any) => r.report_setting);
    expect(settings.map((s: any) => s.report_template)).toEqual(["BACKUP_JOB_REPORT", "COPY_JOB_REPORT", "RESTORE_JOB_REPORT"]);
    for (const s of settings) {
      expect(s.accounts).toEqual(["333333333333", "444444444444"]);
      expect(s.regions).toEqual(["us-east-1", "us-west-2"]);
    }
  });
});
