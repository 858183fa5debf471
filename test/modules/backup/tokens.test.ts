import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { BackupPlan, BackupVault, Schedule } from "../../../modules/backup";
import { errorOf, resources, testStack } from "../../helpers";
import { accessPolicy, env } from "./fixtures";

describe("tokens in backup props", () => {
  test("a copy destination given as another vault's arn token is written through", () => {
    // given two vaults of the stack and a rule that copies to the second by its arn attribute
    const stack = testStack();
    const source = new BackupVault(stack, "Source", { vaultName: "source", env, accessPolicy });
    const copies = new BackupVault(stack, "Copies", { vaultName: "copies", env, accessPolicy });
    // when the plan is created
    new BackupPlan(stack, "Plan", {
      planName: "p",
      rules: [{ ruleName: "r", targetVault: source, schedule: Schedule.daily(5), copyActions: [{ destination: copies.resource.arn }] }],
    });
    // then the copy action names the token, not a TypeError
    const rule = resources(stack, "aws_backup_plan").Plan.rule[0];
    expect(rule.copy_action).toEqual([{ destination_vault_arn: "${aws_backup_vault.Copies.arn}" }]);
  });

  test("a literal copy destination that is not a vault ARN is still refused", () => {
    const stack = testStack();
    const source = new BackupVault(stack, "Source", { vaultName: "source", env, accessPolicy });
    const message = errorOf(
      () =>
        new BackupPlan(stack, "Plan", {
          planName: "p",
          rules: [{ ruleName: "r", targetVault: source, schedule: Schedule.daily(5), copyActions: [{ destination: "arn:aws:s3:::bucket" }] }],
        }),
    );
    expect(message).toContain(
      'rules[0].copyActions[0].destination = "arn:aws:s3:::bucket": AWS rejects anything but a backup-vault ARN arn:<partition>:backup:<region>:<12-digit account>:backup-vault:<name> here',
    );
  });

  test("a same-account principal given as a token may be allowed more than CopyIntoBackupVault", () => {
    // given an extra statement whose principal is the caller identity's ARN (a token)
    const stack = testStack();
    const me = new DataAwsCallerIdentity(stack, "Me");
    // when the vault is created
    new BackupVault(stack, "Vault", {
      vaultName: "vault",
      env,
      accessPolicy: {
        ...accessPolicy,
        additionalStatements: [{ Sid: "Describe", Effect: "Allow", Principal: { AWS: me.arn }, Action: ["backup:DescribeBackupVault"], Resource: "*" }],
      },
    });
    // then the statement is in the policy
    const policy = resources(stack, "aws_backup_vault_policy").Vault_AccessPolicy.policy as string;
    expect(policy).toContain("Describe");
  });

  test("a literal foreign-account principal is still limited to CopyIntoBackupVault", () => {
    const message = errorOf(
      () =>
        new BackupVault(testStack(), "Vault", {
          vaultName: "vault",
          env,
          accessPolicy: {
            ...accessPolicy,
            additionalStatements: [
              { Effect: "Allow", Principal: { AWS: "arn:aws:iam::222222222222:root" }, Action: ["backup:DescribeBackupVault"], Resource: "*" },
            ],
          },
        }),
    );
    expect(message).toContain("AWS rejects every action but backup:CopyIntoBackupVault for principals outside account 111111111111");
  });
});

describe("what token values leave unchecked is said", () => {
  test("a token copy destination without lock bounds is reported as unchecked", () => {
    // given a rule copying to a vault known only at apply time
    const stack = testStack();
    const source = new BackupVault(stack, "Source", { vaultName: "source", env, accessPolicy });
    const copies = new BackupVault(stack, "Copies", { vaultName: "copies", env, accessPolicy });
    // when
    const plan = new BackupPlan(stack, "Plan", {
      planName: "p",
      rules: [{ ruleName: "r", targetVault: source, schedule: Schedule.daily(5), copyActions: [{ destination: copies.resource.arn }] }],
    });
    // then the plan says its lock bounds are not checked
    const infos = plan.node.metadata.filter((m) => m.type === "@cdktf/info").map((m) => String(m.data));
    expect(infos.some((m) => m.includes("lock bounds (if it is locked) are not checked"))).toBe(true);
  });
});
