import { BackupKey } from "../../../modules/kms";
import { errorOf, resources, testStack } from "../../helpers";

const env = { accountId: "111111111111", region: "us-east-1" };
const BREAK_GLASS = "arn:aws:iam::111111111111:role/BreakGlass";
const DEPLOY = "arn:aws:iam::111111111111:role/Deploy";

function policyOf(props: ConstructorParameters<typeof BackupKey>[2]) {
  const stack = testStack();
  new BackupKey(stack, "Key", props);
  return JSON.parse(resources(stack, "aws_kms_key").Key.policy);
}

describe("BackupKey deletion protection", () => {
  test("denies scheduling deletion and disabling the key to all but break-glass", () => {
    // given / when
    const policy = policyOf({ env, deletionProtection: { breakGlassRoleArns: [BREAK_GLASS], policyManagerRoleArns: [DEPLOY] } });
    // then
    expect(policy.Statement.find((s: any) => s.Sid === "DenyKeyDeletionExceptBreakGlass")).toEqual({
      Sid: "DenyKeyDeletionExceptBreakGlass",
      Effect: "Deny",
      Principal: { AWS: "*" },
      Action: ["kms:ScheduleKeyDeletion", "kms:DisableKey"],
      Resource: "*",
      Condition: { ArnNotLike: { "aws:PrincipalArn": [BREAK_GLASS] } },
    });
  });

  test("keeps the policy manager (the deploy role) able to change the key policy", () => {
    // given / when
    const policy = policyOf({ env, deletionProtection: { breakGlassRoleArns: [BREAK_GLASS], policyManagerRoleArns: [DEPLOY] } });
    // then
    const put = policy.Statement.find((s: any) => s.Sid === "DenyKeyPolicyChangeExceptBreakGlassAndDeploy");
    expect(put).toMatchObject({ Effect: "Deny", Action: "kms:PutKeyPolicy", Condition: { ArnNotLike: { "aws:PrincipalArn": [BREAK_GLASS, DEPLOY] } } });
  });

  test("is off unless asked", () => {
    expect(policyOf({ env }).Statement.map((s: any) => s.Effect)).not.toContain("Deny");
  });

  test("refuses a break-glass entry that is not a role ARN", () => {
    const stack = testStack();
    expect(errorOf(() => new BackupKey(stack, "Key", { env, deletionProtection: { breakGlassRoleArns: ["BreakGlass"] } }))).toContain(
      "deletionProtection.breakGlassRoleArns[0]",
    );
  });
});
