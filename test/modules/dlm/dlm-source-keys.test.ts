import { DlmServiceRoles } from "../../../modules/dlm";
import { errorOf, resources, testStack } from "../../helpers";

const env = { accountId: "111111111111", region: "us-east-1" };

describe("DlmServiceRoles shared snapshot sources", () => {
  test("let the snapshot role use the source accounts' keys in the copy regions, with the KMS actions of event-based copies", () => {
    // given
    const stack = testStack();
    // when
    new DlmServiceRoles(stack, "DlmRoles", { env, sharedSnapshotSources: { accountIds: ["444444444444", "333333333333"], regions: ["us-east-1"] } });
    // then
    const policy = JSON.parse(resources(stack, "aws_iam_role_policy").DlmRoles_SnapshotRoleSourceKeyUse.policy);
    const keys = ["arn:aws:kms:us-east-1:333333333333:key/*", "arn:aws:kms:us-east-1:444444444444:key/*"];
    expect(policy.Statement[0]).toMatchObject({
      Action: expect.arrayContaining(["kms:Decrypt", "kms:DescribeKey", "kms:ReEncrypt*", "kms:GenerateDataKey*"]),
      Resource: keys,
    });
    expect(policy.Statement[1]).toMatchObject({ Action: expect.arrayContaining(["kms:CreateGrant"]), Resource: keys });
  });

  test("are not granted to the AMI role, which runs no cross-account copy", () => {
    // given
    const stack = testStack();
    // when
    new DlmServiceRoles(stack, "DlmRoles", { env, sharedSnapshotSources: { accountIds: ["333333333333"], regions: ["us-east-1"] } });
    // then
    expect(Object.keys(resources(stack, "aws_iam_role_policy"))).toEqual(["DlmRoles_SnapshotRoleSourceKeyUse"]);
  });

  test("refuse an account that is not 12 digits", () => {
    const stack = testStack();
    expect(errorOf(() => new DlmServiceRoles(stack, "DlmRoles", { env, sharedSnapshotSources: { accountIds: ["123"], regions: ["us-east-1"] } }))).toContain(
      "sharedSnapshotSources.accountIds[0]",
    );
  });
});
