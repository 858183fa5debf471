import { BackupKey } from "../../../modules/kms";
import { DlmServiceRoles } from "../../../modules/dlm";
import { errorOf, resources, synthJson, testStack } from "../../helpers";
import { WEST_KEY } from "./dlm-fixtures";

const env = { accountId: "111111111111", region: "us-east-1" };

describe("DlmServiceRoles", () => {
  test("creates a snapshot role and an AMI role trusted by dlm.amazonaws.com only", () => {
    // given
    const stack = testStack();
    // when
    new DlmServiceRoles(stack, "DlmRoles", { env });
    // then
    const roles = resources(stack, "aws_iam_role");
    expect(Object.keys(roles).sort()).toEqual(["DlmRoles_AmiRole", "DlmRoles_SnapshotRole"]);
    for (const role of Object.values(roles)) {
      expect(JSON.parse(role.assume_role_policy)).toEqual({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "dlm.amazonaws.com" }, Action: "sts:AssumeRole" }],
      });
    }
    expect(roles.DlmRoles_SnapshotRole.name).toBe("dlm-snapshots");
    expect(roles.DlmRoles_AmiRole.name).toBe("dlm-amis");
  });

  test("attaches the AWS-managed DLM policies at their service-role paths", () => {
    const stack = testStack();
    new DlmServiceRoles(stack, "DlmRoles", { env });
    const attachments = resources(stack, "aws_iam_role_policy_attachment");
    expect(attachments.DlmRoles_SnapshotRoleManagedPolicy).toEqual({
      role: "${aws_iam_role.DlmRoles_SnapshotRole.name}",
      policy_arn: "arn:aws:iam::aws:policy/service-role/AWSDataLifecycleManagerServiceRole",
    });
    expect(attachments.DlmRoles_AmiRoleManagedPolicy).toEqual({
      role: "${aws_iam_role.DlmRoles_AmiRole.name}",
      policy_arn: "arn:aws:iam::aws:policy/service-role/AWSDataLifecycleManagerServiceRoleForAMIManagement",
    });
  });

  test("names the managed policies in the account's partition", () => {
    const stack = testStack();
    new DlmServiceRoles(stack, "DlmRoles", { env: { accountId: "111111111111", region: "us-gov-west-1", partition: "aws-us-gov" } });
    expect(resources(stack, "aws_iam_role_policy_attachment").DlmRoles_SnapshotRoleManagedPolicy.policy_arn).toBe(
      "arn:aws-us-gov:iam::aws:policy/service-role/AWSDataLifecycleManagerServiceRole",
    );
  });

  test("uses no data source that would call AWS", () => {
    const stack = testStack();
    new DlmServiceRoles(stack, "DlmRoles", { env, encryptionKeys: [WEST_KEY] });
    expect(synthJson(stack).data).toBeUndefined();
  });

  test("lets both roles use the given keys, grants only for AWS resources", () => {
    const stack = testStack();
    new DlmServiceRoles(stack, "DlmRoles", { env, encryptionKeys: [WEST_KEY, BackupKey.fromKeyArn(WEST_KEY)] });
    const policies = resources(stack, "aws_iam_role_policy");
    expect(Object.keys(policies).sort()).toEqual(["DlmRoles_AmiRoleKeyUse", "DlmRoles_SnapshotRoleKeyUse"]);
    const doc = JSON.parse(policies.DlmRoles_SnapshotRoleKeyUse.policy);
    expect(doc.Statement[0]).toEqual({
      Sid: "UseSnapshotKeys",
      Effect: "Allow",
      Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
      Resource: [WEST_KEY],
    });
    expect(doc.Statement[1].Condition).toEqual({ Bool: { "kms:GrantIsForAWSResource": true } });
  });

  test("takes a name prefix and path", () => {
    const stack = testStack();
    new DlmServiceRoles(stack, "DlmRoles", { env, namePrefix: "prod-dlm", path: "/service-role/" });
    const role = resources(stack, "aws_iam_role").DlmRoles_SnapshotRole;
    expect(role.name).toBe("prod-dlm-snapshots");
    expect(role.path).toBe("/service-role/");
  });

  test("refuses a key alias", () => {
    const stack = testStack();
    const message = errorOf(() => new DlmServiceRoles(stack, "DlmRoles", { env, encryptionKeys: ["alias/dr"] }));
    expect(message).toContain(
      'encryptionKeys[0] = "alias/dr": AWS rejects anything but a KMS key ARN arn:<partition>:kms:<region>:<account>:key/<key-id> here (aliases and bare key IDs are not accepted)',
    );
  });

  test("refuses an account ID that is not 12 digits", () => {
    const stack = testStack();
    expect(errorOf(() => new DlmServiceRoles(stack, "DlmRoles", { env: { accountId: "1234", region: "us-east-1" } }))).toContain(
      'env.accountId = "1234": AWS rejects account IDs other than 12 digits',
    );
  });

  test("imports roles made elsewhere with their purpose", () => {
    expect(DlmServiceRoles.amiRoleFromArn("arn:aws:iam::111111111111:role/amis")).toEqual({ roleArn: "arn:aws:iam::111111111111:role/amis", purpose: "AMI" });
    expect(errorOf(() => DlmServiceRoles.snapshotRoleFromArn("role/snapshots"))).toContain(
      'roleArn = "role/snapshots": AWS rejects anything but an IAM role ARN arn:<partition>:iam::<12-digit account>:role/<name> here',
    );
  });
});
