/**
 * aws_backup_framework, aws_backup_report_plan, aws_backup_global_settings and aws_backup_region_settings: the
 * configurations of terraform-provider-aws internal/service/backup framework_test.go, report_plan_test.go,
 * global_settings_test.go and region_settings_test.go. See conformance.ts.
 */
import { Construct } from "constructs";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { EbsVolume } from "@cdktf/provider-aws/lib/ebs-volume";
import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { AuditControl, BackupAuditFramework, BackupGlobalSettings, BackupRegionSettings, BackupReportPlan, ReportFormat } from "../../modules/backup";
import { compared, conformanceStack } from "./conformance";

const NAME = "tf_acc_test_conformance";

function expectResource(stack: Construct, type: string, expected: Record<string, unknown>): void {
  const { actual, expected: want } = compared(stack, type, expected);
  expect(actual).toEqual(want);
}

describe("aws_backup_framework conformance (framework_test.go, run by TestAccBackupFramework_serial)", () => {
  const EBS_PROTECTED: AuditControl = { name: "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN", complianceResourceTypes: ["EBS"] };
  const EBS_PROTECTED_JSON = { name: "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN", scope: { compliance_resource_types: ["EBS"] } };

  function framework(description: string, controls: (scope: Construct) => AuditControl[], tags: Record<string, string> = { Name: "Test Framework" }) {
    const { stack } = conformanceStack();
    new BackupAuditFramework(stack, "test", { frameworkName: NAME, description, controls: controls(stack), tags });
    return stack;
  }
  const expected = (description: string, control: unknown, tags: Record<string, string> = { Name: "Test Framework" }) => ({
    name: NAME,
    description,
    control,
    tags,
  });

  test("testAccFramework_basic", () => {
    for (const description of ["original description", "updated description"]) {
      expectResource(
        framework(description, () => [EBS_PROTECTED]),
        "aws_backup_framework",
        expected(description, EBS_PROTECTED_JSON),
      );
    }
  });

  test("testAccFramework_disappears", () => {
    expectResource(
      framework("disappears", () => [EBS_PROTECTED]),
      "aws_backup_framework",
      expected("disappears", EBS_PROTECTED_JSON),
    );
  });

  test("testAccFramework_updateTags", () => {
    const steps: Record<string, string>[] = [
      { Name: "Test Framework" },
      { Name: "Test Framework", Key2: "Value2a" },
      { Name: "Test Framework", Key2: "Value2b", Key3: "Value3" },
    ];
    for (const tags of steps) {
      expectResource(
        framework("example description", () => [EBS_PROTECTED], tags),
        "aws_backup_framework",
        expected("example description", EBS_PROTECTED_JSON, tags),
      );
    }
  });

  test("testAccFramework_updateControlScope", () => {
    const d = "example description";
    expectResource(
      framework(d, () => [EBS_PROTECTED]),
      "aws_backup_framework",
      expected(d, EBS_PROTECTED_JSON),
    );
    const byId = framework(d, (scope) => {
      const volume = new EbsVolume(scope, "volume", { availabilityZone: "us-east-1a", type: "gp2", size: 1 });
      volume.overrideLogicalId("test");
      return [{ ...EBS_PROTECTED, complianceResourceIds: [volume.id] }];
    });
    expectResource(
      byId,
      "aws_backup_framework",
      expected(d, {
        name: "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN",
        scope: { compliance_resource_ids: ["${aws_ebs_volume.test.id}"], compliance_resource_types: ["EBS"] },
      }),
    );
    for (const value of ["example", ""]) {
      expectResource(
        framework(d, () => [{ name: "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN", scopeTags: { Name: value } }]),
        "aws_backup_framework",
        expected(d, { name: "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN", scope: { tags: { Name: value } } }),
      );
    }
  });

  const minFrequency = (days: string): AuditControl => ({
    name: "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK",
    inputParameters: { requiredFrequencyUnit: "hours", requiredRetentionDays: days, requiredFrequencyValue: "1" },
  });
  const minFrequencyJson = (days: string) => ({
    name: "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK",
    input_parameter: [
      { name: "requiredFrequencyUnit", value: "hours" },
      { name: "requiredRetentionDays", value: days },
      { name: "requiredFrequencyValue", value: "1" },
    ],
  });

  test("testAccFramework_updateControlInputParameters", () => {
    // testAccFrameworkConfig_controlInputParameter with two values of requiredRetentionDays (the two values here are this
    // transcription's: the step values of the Go test were not carried over)
    for (const days of ["35", "34"]) {
      expectResource(
        framework("example description", () => [minFrequency(days)]),
        "aws_backup_framework",
        expected("example description", minFrequencyJson(days)),
      );
    }
  });

  test("testAccFramework_updateControls", () => {
    const d = "example description";
    expectResource(
      framework(d, () => [EBS_PROTECTED]),
      "aws_backup_framework",
      expected(d, EBS_PROTECTED_JSON),
    );
    const controls: AuditControl[] = [
      { name: "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK", inputParameters: { requiredRetentionDays: "35" } },
      minFrequency("35"),
      { name: "BACKUP_RECOVERY_POINT_ENCRYPTED" },
      EBS_PROTECTED,
      { name: "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED" },
    ];
    expectResource(
      framework(d, () => controls),
      "aws_backup_framework",
      expected(d, [
        { name: "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK", input_parameter: { name: "requiredRetentionDays", value: "35" } },
        minFrequencyJson("35"),
        { name: "BACKUP_RECOVERY_POINT_ENCRYPTED" },
        EBS_PROTECTED_JSON,
        { name: "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED" },
      ]),
    );
  });
});

describe("aws_backup_report_plan conformance (report_plan_test.go)", () => {
  /** testAccReportPlanBaseConfig and a report plan delivering to `aws_s3_bucket.test`. */
  function reportPlan(description: string, o: { formats?: ReportFormat[]; tags?: Record<string, string>; settings?: boolean } = {}) {
    const { stack } = conformanceStack();
    const bucket = new S3Bucket(stack, "bucket", { bucket: "tf-test-bucket-conformance" });
    bucket.overrideLogicalId("test");
    const current = new DataAwsCallerIdentity(stack, "current");
    const region = new DataAwsRegion(stack, "region");
    region.overrideLogicalId("current");
    new BackupReportPlan(stack, "test", {
      reportPlanName: NAME,
      description,
      s3BucketName: bucket.id,
      formats: o.formats ?? ["CSV"],
      reportTemplate: "RESTORE_JOB_REPORT",
      accounts: o.settings ? [current.id] : undefined,
      regions: o.settings ? [region.name] : undefined,
      tags: o.tags ?? { Name: "Test Report Plan" },
    });
    return stack;
  }
  const expected = (description: string, o: { formats?: string[]; tags?: Record<string, string>; settings?: boolean } = {}) => ({
    name: NAME,
    description,
    report_delivery_channel: { formats: o.formats ?? ["CSV"], s3_bucket_name: "${aws_s3_bucket.test.id}" },
    report_setting: o.settings
      ? { accounts: ["${data.aws_caller_identity.current.id}"], regions: ["${data.aws_region.current.name}"], report_template: "RESTORE_JOB_REPORT" }
      : { report_template: "RESTORE_JOB_REPORT" },
    tags: o.tags ?? { Name: "Test Report Plan" },
  });

  test("TestAccBackupReportPlan_basic", () => {
    for (const d of ["original description", "updated description"]) expectResource(reportPlan(d), "aws_backup_report_plan", expected(d));
  });

  test("TestAccBackupReportPlan_updateTags", () => {
    const d = "example description";
    const steps: Record<string, string>[] = [
      { Name: "Test Report Plan" },
      { Name: "Test Report Plan", Key2: "Value2a" },
      { Name: "Test Report Plan", Key2: "Value2b", Key3: "Value3" },
    ];
    for (const tags of steps) expectResource(reportPlan(d, { tags }), "aws_backup_report_plan", expected(d, { tags }));
  });

  test("TestAccBackupReportPlan_updateReportDeliveryChannel", () => {
    const d = "example description";
    expectResource(reportPlan(d), "aws_backup_report_plan", expected(d));
    expectResource(reportPlan(d, { formats: ["CSV", "JSON"] }), "aws_backup_report_plan", expected(d, { formats: ["CSV", "JSON"] }));
  });

  test("TestAccBackupReportPlan_updateReportSettings", () => {
    const d = "example description";
    expectResource(reportPlan(d), "aws_backup_report_plan", expected(d));
    expectResource(reportPlan(d, { settings: true }), "aws_backup_report_plan", expected(d, { settings: true }));
  });

  test("TestAccBackupReportPlan_disappears", () => {
    expectResource(reportPlan("disappears"), "aws_backup_report_plan", expected("disappears"));
  });
});

describe("aws_backup_global_settings conformance (global_settings_test.go, run by TestAccBackupGlobalSettings_serial)", () => {
  test("testAccGlobalSettings_basic", () => {
    for (const on of [true, false, true]) {
      const { stack } = conformanceStack();
      new BackupGlobalSettings(stack, "test", { crossAccountBackup: on });
      // The construct writes every flag (a flag left out shows as a change in every plan); the others are AWS's defaults.
      expectResource(stack, "aws_backup_global_settings", { global_settings: { isCrossAccountBackupEnabled: String(on) } });
    }
  });
});

describe("aws_backup_region_settings conformance (region_settings_test.go)", () => {
  const ALL = [
    "Aurora",
    "CloudFormation",
    "DocumentDB",
    "DSQL",
    "DynamoDB",
    "EBS",
    "EC2",
    "EFS",
    "FSx",
    "Neptune",
    "RDS",
    "Redshift",
    "Redshift Serverless",
    "S3",
    "SAP HANA on Amazon EC2",
    "Storage Gateway",
    "Timestream",
    "VirtualMachine",
  ];
  const optIn = (off: string[]) => Object.fromEntries(ALL.map((t) => [t, !off.includes(t)]));

  test("TestAccBackupRegionSettings_basic", () => {
    const steps: [string[], Record<string, boolean> | undefined][] = [
      [[], undefined],
      [["Aurora"], { DynamoDB: true, EFS: true }],
      [["Aurora", "VirtualMachine"], { DynamoDB: false, EFS: true }],
    ];
    for (const [off, management] of steps) {
      const { stack } = conformanceStack();
      new BackupRegionSettings(stack, "test", { resourceTypeOptIn: optIn(off), resourceTypeManagement: management });
      expectResource(stack, "aws_backup_region_settings", {
        resource_type_opt_in_preference: optIn(off),
        ...(management ? { resource_type_management_preference: management } : {}),
      });
    }
  });
});
