import { Retention } from "../../../modules/core";
import { BackupVault, LogicallyAirGappedVault } from "../../../modules/backup";
import { errorOf, resources, testStack } from "../../helpers";
import { accessPolicy, env } from "./fixtures";

describe("vault secure-default opt-outs", () => {
  test("allowAwsManagedKey creates no key and writes no kms_key_arn, so AWS uses aws/backup", () => {
    // given a vault that opts out of customer-managed keys
    const stack = testStack();
    // when
    new BackupVault(stack, "Vault", { vaultName: "plain", env, accessPolicy, allowAwsManagedKey: true });
    // then
    expect(resources(stack, "aws_backup_vault").Vault.kms_key_arn).toBeUndefined();
    expect(resources(stack, "aws_kms_key")).toEqual({});
  });

  test("allowAwsManagedKey leaves an air-gapped vault on the AWS-owned key", () => {
    const stack = testStack();
    new LogicallyAirGappedVault(stack, "Lag", {
      vaultName: "lag",
      env,
      accessPolicy,
      allowAwsManagedKey: true,
      minRetention: Retention.days(7),
      maxRetention: Retention.days(7),
    });
    expect(resources(stack, "aws_backup_logically_air_gapped_vault").Lag.encryption_key_arn).toBeUndefined();
  });

  test("an AWS-managed key without the opt-out is refused as this project's secure default", () => {
    const key = { keyArn: "arn:aws:kms:us-east-1:111111111111:key/0b3c9b3e-1111-4222-8333-444455556666", customerManaged: false };
    const message = errorOf(() => new BackupVault(testStack(), "Vault", { vaultName: "plain", env, accessPolicy, encryptionKey: key as never }));
    expect(message).toContain('this project\'s secure default "customer-managed-keys", not an AWS rule');
  });

  test("denyDeletion false with nothing else creates no access policy", () => {
    // given a vault that opts out of the deletion deny
    const stack = testStack();
    // when
    const vault = new BackupVault(stack, "Vault", { vaultName: "plain", env, accessPolicy: { denyDeletion: false } });
    // then
    expect(resources(stack, "aws_backup_vault_policy")).toEqual({});
    expect(vault.accessPolicy).toBeUndefined();
  });

  test("denyDeletion false keeps additional statements and writes the policy Id", () => {
    const stack = testStack();
    new BackupVault(stack, "Vault", {
      vaultName: "plain",
      env,
      accessPolicy: {
        denyDeletion: false,
        policyId: "default",
        additionalStatements: [
          { Sid: "default", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:root" }, Action: ["backup:DescribeBackupVault"], Resource: "*" },
        ],
      },
    });
    const policy = JSON.parse(resources(stack, "aws_backup_vault_policy").Vault_AccessPolicy.policy);
    expect(policy.Id).toBe("default");
    expect(policy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(["default"]);
  });

  test("break-glass roles without the deny are refused", () => {
    const message = errorOf(() => new BackupVault(testStack(), "Vault", { vaultName: "plain", env, accessPolicy: { ...accessPolicy, denyDeletion: false } }));
    expect(message).toContain("this library rejects roles exempt from a deletion deny when denyDeletion is false");
  });
});
