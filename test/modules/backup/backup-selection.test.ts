import { BackupSelection, BackupSelectionProps, BackupServiceRole } from "../../../modules/backup";
import { backupManagedPolicyArns } from "../../../modules/backup/backup-service-role";
import { errorOf, resources, synthJson, testStack } from "../../helpers";
import { ROLE_ARN, env, planWith } from "./fixtures";

function selectionOf(stack: ReturnType<typeof testStack>, props: Partial<BackupSelectionProps>): any {
  const plan = planWith(stack);
  new BackupSelection(stack, "Selection", { selectionName: "app", plan, role: ROLE_ARN, ...props });
  return resources(stack, "aws_backup_selection").Selection;
}

function errorFor(props: Partial<BackupSelectionProps>): string {
  const stack = testStack();
  const plan = planWith(stack);
  return errorOf(() => new BackupSelection(stack, "Selection", { selectionName: "app", plan, role: ROLE_ARN, ...props }));
}

const arn = (i: number) => `arn:aws:ec2:us-east-1:111111111111:volume/vol-${String(i).padStart(17, "0")}`;

describe("BackupSelection synthesis", () => {
  test("selects by tags as an OR list of STRINGEQUALS selection tags", () => {
    // given
    const stack = testStack();
    // when
    const sel = selectionOf(stack, {
      tags: [
        { key: "Backup", value: "daily" },
        { key: "Backup", value: "critical" },
      ],
    });
    // then
    expect(sel.selection_tag).toEqual([
      { type: "STRINGEQUALS", key: "Backup", value: "daily" },
      { type: "STRINGEQUALS", key: "Backup", value: "critical" },
    ]);
    expect(sel.plan_id).toBe("${aws_backup_plan.Plan.id}");
    expect(sel.iam_role_arn).toBe(ROLE_ARN);
  });

  test("selects by conditions in one ANDed condition block", () => {
    const stack = testStack();
    const sel = selectionOf(stack, {
      conditions: {
        stringEquals: [{ key: "aws:ResourceTag/Environment", value: "prod" }],
        stringNotEquals: [{ key: "aws:ResourceTag/Tier", value: "scratch" }],
        stringLike: [{ key: "aws:ResourceTag/App", value: "shop-*" }],
        stringNotLike: [{ key: "aws:ResourceTag/Backup", value: "skip*" }],
      },
    });
    expect(sel.condition).toEqual([
      {
        string_equals: [{ key: "aws:ResourceTag/Environment", value: "prod" }],
        string_not_equals: [{ key: "aws:ResourceTag/Tier", value: "scratch" }],
        string_like: [{ key: "aws:ResourceTag/App", value: "shop-*" }],
        string_not_like: [{ key: "aws:ResourceTag/Backup", value: "skip*" }],
      },
    ]);
  });

  test("selects by resource ARNs minus excluded ones", () => {
    const stack = testStack();
    const sel = selectionOf(stack, { resources: ["arn:aws:rds:us-east-1:111111111111:db:*"], notResources: ["arn:aws:rds:us-east-1:111111111111:db:scratch"] });
    expect(sel.resources).toEqual(["arn:aws:rds:us-east-1:111111111111:db:*"]);
    expect(sel.not_resources).toEqual(["arn:aws:rds:us-east-1:111111111111:db:scratch"]);
  });

  test("runs as a created service role, referenced by its ARN", () => {
    // given
    const stack = testStack();
    const plan = planWith(stack);
    const role = new BackupServiceRole(stack, "Role", { env });
    // when
    new BackupSelection(stack, "Selection", { selectionName: "app", plan, role, tags: [{ key: "Backup", value: "daily" }] });
    // then
    expect(resources(stack, "aws_backup_selection").Selection.iam_role_arn).toBe("${aws_iam_role.Role.arn}");
  });

  test("byTag selects every resource with one tag", () => {
    const stack = testStack();
    const plan = planWith(stack);
    BackupSelection.byTag(stack, "Selection", { selectionName: "tagged", plan, role: ROLE_ARN, key: "Backup", value: "daily" });
    expect(resources(stack, "aws_backup_selection").Selection.selection_tag).toEqual([{ type: "STRINGEQUALS", key: "Backup", value: "daily" }]);
  });

  test('selects everything with ["*"] when allowAllResources is set', () => {
    const stack = testStack();
    expect(selectionOf(stack, { resources: ["*"], allowAllResources: true }).resources).toEqual(["*"]);
  });

  test("accepts 30 ARNs with wildcards", () => {
    const stack = testStack();
    const list = Array.from({ length: 30 }, (_, i) => `${arn(i)}*`);
    expect(selectionOf(stack, { resources: list }).resources).toHaveLength(30);
  });
});

describe("BackupSelection validation", () => {
  test("refuses a selection that selects nothing", () => {
    const msg = errorFor({});
    expect(msg).toContain("resources = (not set)");
    expect(msg).toContain("this library rejects a selection without resources, tags or conditions: AWS would back up every supported and opted-in resource");
  });

  test('refuses ["*"] without allowAllResources', () => {
    const msg = errorFor({ resources: ["*"] });
    expect(msg).toContain('resources = ["*"]');
    expect(msg).toContain('this library needs allowAllResources: true for "*", which backs up every supported resource of the account and region');
    expect(msg).toContain("allowAllResources: true");
  });

  test("refuses more than 500 resource ARNs", () => {
    const msg = errorFor({ resources: Array.from({ length: 501 }, (_, i) => arn(i)) });
    expect(msg).toContain("resources = 501");
    expect(msg).toContain("AWS rejects more than 500 resource ARNs per selection");
  });

  test("refuses more than 30 resource ARNs with wildcards", () => {
    const msg = errorFor({ resources: Array.from({ length: 31 }, (_, i) => `${arn(i)}*`) });
    expect(msg).toContain("resources = 31");
    expect(msg).toContain("AWS rejects more than 30 resource ARNs with wildcards per selection");
  });

  test("refuses a resource that is not an ARN", () => {
    const msg = errorFor({ resources: ["vol-0123"] });
    expect(msg).toContain('resources[0] = "vol-0123"');
    expect(msg).toContain("AWS rejects resources other than ARNs (wildcards allowed)");
  });

  test("refuses a condition key without aws:ResourceTag/", () => {
    const msg = errorFor({ conditions: { stringEquals: [{ key: "Environment", value: "prod" }] } });
    expect(msg).toContain('conditions.stringEquals[0].key = "Environment"');
    expect(msg).toContain("AWS rejects condition keys other than aws:ResourceTag/<tag key>");
  });

  test("refuses aws:ResourceTag/ in a selection tag key", () => {
    const msg = errorFor({ tags: [{ key: "aws:ResourceTag/Backup", value: "daily" }] });
    expect(msg).toContain('tags[0].key = "aws:ResourceTag/Backup"');
    expect(msg).toContain("this library needs the bare tag key here (aws:ResourceTag/ is for conditions)");
  });

  test("refuses a selection name outside the pattern", () => {
    const msg = errorFor({ selectionName: "my selection", tags: [{ key: "Backup", value: "daily" }] });
    expect(msg).toContain('selectionName = "my selection"');
    expect(msg).toContain("AWS rejects selection names other than 1-50 letters, digits, hyphens, underscores and periods");
  });

  test("refuses a role that is not an IAM role ARN", () => {
    const msg = errorFor({ role: "backup-service", tags: [{ key: "Backup", value: "daily" }] });
    expect(msg).toContain('role = "backup-service"');
    expect(msg).toContain("AWS rejects anything but an IAM role ARN arn:<partition>:iam::<12-digit account>:role/<name> here");
  });
});

describe("BackupServiceRole", () => {
  test("is trusted by backup.amazonaws.com only", () => {
    // given
    const stack = testStack();
    // when
    new BackupServiceRole(stack, "Role", { env });
    // then
    const trust = JSON.parse(resources(stack, "aws_iam_role").Role.assume_role_policy);
    expect(trust.Statement).toEqual([{ Effect: "Allow", Principal: { Service: "backup.amazonaws.com" }, Action: "sts:AssumeRole" }]);
  });

  test("attaches the backup and restore policies at their service-role paths", () => {
    const stack = testStack();
    new BackupServiceRole(stack, "Role", { env, roleName: "AWSBackup-service" });
    const attachments = Object.values(resources(stack, "aws_iam_role_policy_attachment")) as any[];
    expect(attachments.map((a) => a.policy_arn)).toEqual([
      "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup",
      "arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores",
    ]);
    for (const a of attachments) expect(a.role).toBe("${aws_iam_role.Role.name}");
  });

  test("attaches the S3 policies at the top level when asked", () => {
    const stack = testStack();
    new BackupServiceRole(stack, "Role", { env, s3: true });
    const arns = (Object.values(resources(stack, "aws_iam_role_policy_attachment")) as any[]).map((a) => a.policy_arn);
    expect(arns).toContain("arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup");
    expect(arns).toContain("arn:aws:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore");
  });

  test("names the managed policies in the account's partition", () => {
    expect(backupManagedPolicyArns("aws-us-gov").backup).toBe("arn:aws-us-gov:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup");
  });

  test("leaves out the restore policy when restores is false", () => {
    const stack = testStack();
    const role = new BackupServiceRole(stack, "Role", { env, restores: false });
    expect(role.managedPolicyArns).toEqual(["arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup"]);
  });

  test("uses no data source to find account, region or partition", () => {
    const stack = testStack();
    new BackupServiceRole(stack, "Role", { env });
    expect(synthJson(stack).data).toBeUndefined();
  });

  test("refuses a role name with spaces", () => {
    const msg = errorOf(() => new BackupServiceRole(testStack(), "Role", { env, roleName: "backup role" }));
    expect(msg).toContain('roleName = "backup role"');
    expect(msg).toContain("AWS rejects role names other than 1-64 letters");
  });

  test("refuses a role name AWS Backup may not pass", () => {
    const msg = errorOf(() => new BackupServiceRole(testStack(), "Role", { env, roleName: "backup-role" }));
    expect(msg).toContain(
      'roleName = "backup-role": AWS rejects backup jobs with roles whose names lack AWSBackup or AwsBackup: its managed policies pass only such roles',
    );
    expect(msg).toContain('e.g. "AWSBackup-backup-role"');
  });

  test("brings an existing role by ARN", () => {
    expect(BackupServiceRole.fromRoleArn(ROLE_ARN).roleArn).toBe(ROLE_ARN);
  });

  test("refuses to bring a role by something that is not a role ARN", () => {
    const msg = errorOf(() => BackupServiceRole.fromRoleArn("arn:aws:iam::111111111111:user/alice"));
    expect(msg).toContain('roleArn = "arn:aws:iam::111111111111:user/alice"');
    expect(msg).toContain("AWS rejects anything but an IAM role ARN arn:<partition>:iam::<12-digit account>:role/<name> here");
  });
});
