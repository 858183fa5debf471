/**
 * aws_backup_selection: the configurations of terraform-provider-aws internal/service/backup/selection_test.go, through
 * BackupSelection (added to an existing plan with BackupPlan.fromPlanId). See conformance.ts.
 */
import { Construct } from "constructs";
import { BackupPlan as RawBackupPlan } from "@cdktf/provider-aws/lib/backup-plan";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { DataAwsRegion } from "@cdktf/provider-aws/lib/data-aws-region";
import { EbsVolume } from "@cdktf/provider-aws/lib/ebs-volume";
import { Token } from "../../modules/core/cdktf";
import { BackupPlan, BackupSelection, BackupSelectionProps } from "../../modules/backup";
import { compared, conformanceStack } from "./conformance";

const NAME = "tf-acc-test-conformance";
const ROLE = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:role/service-role/AWSBackupDefaultServiceRole";
const VOLUMES = "arn:${data.aws_partition.current.partition}:ec2:${data.aws_region.current.name}:${data.aws_caller_identity.current.account_id}:volume/*";

/** testAccSelectionConfig_base: the data sources and `aws_backup_plan.test`; the selection is added to that plan. */
function selection(
  props: (refs: { partition: string; account: string; region: string; scope: Construct }) => Omit<BackupSelectionProps, "plan" | "selectionName" | "role">,
) {
  const { stack } = conformanceStack();
  const current = new DataAwsCallerIdentity(stack, "current");
  const partition = new DataAwsPartition(stack, "partition");
  partition.overrideLogicalId("current");
  const region = new DataAwsRegion(stack, "region");
  region.overrideLogicalId("current");
  const plan = new RawBackupPlan(stack, "test", { name: NAME, rule: [{ ruleName: NAME, targetVaultName: NAME, schedule: "cron(0 12 * * ? *)" }] });
  const role = `arn:${partition.partition}:iam::${current.accountId}:role/service-role/AWSBackupDefaultServiceRole`;
  new BackupSelection(stack, "Selection", {
    selectionName: NAME,
    plan: BackupPlan.fromPlanId(plan.id),
    role,
    ...props({ partition: partition.partition, account: current.accountId, region: region.name, scope: stack }),
  });
  return stack;
}

function expectSelection(stack: Construct, expected: Record<string, unknown>): void {
  const { actual, expected: want } = compared(stack, "aws_backup_selection", {
    plan_id: "${aws_backup_plan.test.id}",
    name: NAME,
    iam_role_arn: ROLE,
    ...expected,
  });
  expect(actual).toEqual(want);
}

const basic = () =>
  selection(({ partition, account, region }) => ({
    tags: [{ key: "foo", value: "bar" }],
    resources: [`arn:${partition}:ec2:${region}:${account}:volume/*`],
  }));
const basicExpected = { selection_tag: [{ type: "STRINGEQUALS", key: "foo", value: "bar" }], resources: [VOLUMES] };

describe("aws_backup_selection conformance (selection_test.go)", () => {
  test("TestAccBackupSelection_basic", () => {
    expectSelection(basic(), basicExpected);
  });

  test("TestAccBackupSelection_disappears", () => {
    expectSelection(basic(), basicExpected);
  });

  test("TestAccBackupSelection_Disappears_backupPlan", () => {
    expectSelection(basic(), basicExpected);
  });

  test("TestAccBackupSelection_withTags", () => {
    const stack = selection(({ partition, account, region }) => ({
      tags: [
        { key: "foo", value: "bar" },
        { key: "boo", value: "far" },
      ],
      resources: [`arn:${partition}:ec2:${region}:${account}:volume/*`],
    }));
    expectSelection(stack, {
      selection_tag: [
        { type: "STRINGEQUALS", key: "foo", value: "bar" },
        { type: "STRINGEQUALS", key: "boo", value: "far" },
      ],
      resources: [VOLUMES],
    });
  });

  test("TestAccBackupSelection_conditionsWithTags", () => {
    const stack = selection(({ partition }) => ({
      conditions: {
        stringEquals: [
          { key: "aws:ResourceTag/Component", value: "rds" },
          { key: "aws:ResourceTag/Team", value: "dev" },
        ],
        stringLike: [{ key: "aws:ResourceTag/Application", value: "app*" }],
        stringNotEquals: [
          { key: "aws:ResourceTag/Backup", value: "false" },
          { key: "aws:ResourceTag/Team", value: "infra" },
        ],
        stringNotLike: [{ key: "aws:ResourceTag/Environment", value: "test*" }],
      },
      resources: [`arn:${partition}:rds:*:*:cluster:*`, `arn:${partition}:rds:*:*:db:*`],
    }));
    expectSelection(stack, {
      condition: {
        string_equals: [
          { key: "aws:ResourceTag/Component", value: "rds" },
          { key: "aws:ResourceTag/Team", value: "dev" },
        ],
        string_like: [{ key: "aws:ResourceTag/Application", value: "app*" }],
        string_not_equals: [
          { key: "aws:ResourceTag/Backup", value: "false" },
          { key: "aws:ResourceTag/Team", value: "infra" },
        ],
        string_not_like: [{ key: "aws:ResourceTag/Environment", value: "test*" }],
      },
      resources: ["arn:${data.aws_partition.current.partition}:rds:*:*:cluster:*", "arn:${data.aws_partition.current.partition}:rds:*:*:db:*"],
    });
  });

  test("TestAccBackupSelection_withResources", () => {
    const stack = selection(({ scope }) => {
      new EbsVolume(scope, "volumes", { count: 2, availabilityZone: "us-east-1a", size: 1, tags: { Name: NAME } }).overrideLogicalId("test");
      // resources = aws_ebs_volume.test[*].arn: a splat expression, passed as a list token
      return { tags: [{ key: "foo", value: "bar" }], resources: Token.asList("${aws_ebs_volume.test[*].arn}") };
    });
    expectSelection(stack, { selection_tag: [{ type: "STRINGEQUALS", key: "foo", value: "bar" }], resources: "${aws_ebs_volume.test[*].arn}" });
  });

  test("TestAccBackupSelection_withNotResources", () => {
    const stack = selection(({ partition }) => ({
      tags: [{ key: "foo", value: "bar" }],
      notResources: [`arn:${partition}:fsx:*`],
      resources: ["*"],
      allowAllResources: true,
    }));
    expectSelection(stack, {
      selection_tag: [{ type: "STRINGEQUALS", key: "foo", value: "bar" }],
      not_resources: ["arn:${data.aws_partition.current.partition}:fsx:*"],
      resources: ["*"],
    });
  });

  test("TestAccBackupSelection_updateTag", () => {
    expectSelection(basic(), basicExpected);
    const updated = selection(({ partition, account, region }) => ({
      tags: [{ key: "foo2", value: "bar2" }],
      resources: [`arn:${partition}:ec2:${region}:${account}:volume/*`],
    }));
    expectSelection(updated, { ...basicExpected, selection_tag: [{ type: "STRINGEQUALS", key: "foo2", value: "bar2" }] });
  });
});
