/**
 * aws_backup_vault, aws_backup_vault_policy, aws_backup_vault_lock_configuration, aws_backup_vault_notifications and
 * aws_backup_logically_air_gapped_vault: the configurations of terraform-provider-aws internal/service/backup
 * vault_test.go, vault_policy_test.go, vault_lock_configuration_test.go, vault_notifications_test.go and
 * logically_air_gapped_vault_test.go. The vaults opt out of this project's secure defaults where the configuration does
 * not have them (allowAwsManagedKey, accessPolicy.denyDeletion false); see conformance.ts.
 */
import { Construct } from "constructs";
import { BackupVault as RawBackupVault } from "@cdktf/provider-aws/lib/backup-vault";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { DataAwsPartition } from "@cdktf/provider-aws/lib/data-aws-partition";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SnsTopic } from "@cdktf/provider-aws/lib/sns-topic";
import { Duration, Retention } from "../../modules/core";
import { BackupVault, LogicallyAirGappedVault, VaultAccessPolicy, VaultLock, VaultNotifications } from "../../modules/backup";
import { ACCOUNT, REGION, compared, conformanceStack } from "./conformance";

const NAME = "tf-acc-test-conformance";
const env = { accountId: ACCOUNT, region: REGION };
/** The configurations' vaults have neither a customer-managed key nor an access policy. */
const plain = { env, allowAwsManagedKey: true, accessPolicy: { denyDeletion: false } } as const;

function expectResource(stack: Construct, type: string, expected: Record<string, unknown>, id?: string): void {
  const { actual, expected: want } = compared(stack, type, expected, id);
  expect(actual).toEqual(want);
}

describe("aws_backup_vault conformance (vault_test.go)", () => {
  const basic = () => {
    const { stack } = conformanceStack();
    new BackupVault(stack, "test", { ...plain, vaultName: NAME });
    return stack;
  };

  test("TestAccBackupVault_basic", () => {
    expectResource(basic(), "aws_backup_vault", { name: NAME });
  });

  test("TestAccBackupVault_disappears", () => {
    // the configuration of _basic
    expectResource(basic(), "aws_backup_vault", { name: NAME });
  });

  test("TestAccBackupVault_withKMSKey", () => {
    const { stack } = conformanceStack();
    const key = new KmsKey(stack, "key", { description: NAME, deletionWindowInDays: 10, enableKeyRotation: true });
    new BackupVault(stack, "test", { env, accessPolicy: { denyDeletion: false }, vaultName: NAME, encryptionKey: { keyArn: key.arn, customerManaged: true } });
    expectResource(stack, "aws_backup_vault", { name: NAME, kms_key_arn: "${aws_kms_key.key.arn}" });
  });

  // force_destroy deletes every recovery point with the vault: no typed prop, set through the escape hatch.
  const forceDestroy = () => {
    const { stack } = conformanceStack();
    const vault = new BackupVault(stack, "test", { ...plain, vaultName: NAME });
    vault.resource.forceDestroy = true;
    return stack;
  };

  test("TestAccBackupVault_forceDestroyEmpty", () => {
    expectResource(forceDestroy(), "aws_backup_vault", { name: NAME, force_destroy: true });
  });

  test("TestAccBackupVault_forceDestroyWithRecoveryPoint", () => {
    // the vault of testAccVaultConfig_forceDestroyWithDynamoDBTable (the table is a fixture)
    expectResource(forceDestroy(), "aws_backup_vault", { name: NAME, force_destroy: true });
  });
});

describe("aws_backup_vault_policy conformance (vault_policy_test.go)", () => {
  const ACTIONS = [
    "backup:DescribeBackupVault",
    "backup:DeleteBackupVault",
    "backup:PutBackupVaultAccessPolicy",
    "backup:DeleteBackupVaultAccessPolicy",
    "backup:GetBackupVaultAccessPolicy",
    "backup:StartBackupJob",
    "backup:GetBackupVaultNotifications",
    "backup:PutBackupVaultNotifications",
  ];

  /**
   * The configuration's vault is a fixture; its policy is a VaultAccessPolicy on that vault's name whose only statement
   * allows `principal` the actions on the vault (no deletion deny), in a policy with Id "default".
   */
  function policyStack(actions: readonly string[], principalOf: (scope: Construct) => string) {
    const { stack } = conformanceStack();
    const raw = new RawBackupVault(stack, "vault", { name: NAME });
    raw.overrideLogicalId("test");
    const principal = principalOf(stack);
    new VaultAccessPolicy(stack, "Policy", {
      vaultName: raw.name,
      accountId: ACCOUNT,
      denyDeletion: false,
      policyId: "default",
      additionalStatements: [{ Sid: "default", Effect: "Allow", Principal: { AWS: principal }, Action: [...actions], Resource: raw.arn }],
    });
    return stack;
  }

  const accountRoot = (scope: Construct) => {
    const current = new DataAwsCallerIdentity(scope, "current");
    const partition = new DataAwsPartition(scope, "partition");
    partition.overrideLogicalId("current");
    return `arn:${partition.partition}:iam::${current.accountId}:root`;
  };

  /**
   * The configuration writes `policy = jsonencode({...})`; the construct writes the same Terraform expression (its
   * document holds references), so the two are compared as expressions, key order included.
   */
  function expectPolicy(stack: Construct, actions: readonly string[], principal: string): void {
    const statement = `{"Sid"="default","Effect"="Allow","Principal"={"AWS"=${principal}},"Action"=[${actions.map((a) => `"${a}"`).join(",")}],"Resource"=aws_backup_vault.test.arn}`;
    const { actual, expected } = compared(stack, "aws_backup_vault_policy", {
      backup_vault_name: "${aws_backup_vault.test.name}",
      policy: `\${jsonencode({"Version"="2012-10-17","Id"="default","Statement"=[${statement}]})}`,
    });
    // Terraform formatting spaces aside (none of the policy's values holds a space).
    const unspaced = (x: unknown) => ({ ...(x as Record<string, string>), policy: (x as Record<string, string>).policy.replace(/\s+/g, "") });
    expect(unspaced(actual)).toEqual(unspaced(expected));
  }

  const ROOT = '"arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"';

  test("TestAccBackupVaultPolicy_basic", () => {
    expectPolicy(policyStack(ACTIONS, accountRoot), ACTIONS, ROOT);
    const updated = [...ACTIONS, "backup:ListRecoveryPointsByBackupVault"];
    expectPolicy(policyStack(updated, accountRoot), updated, ROOT);
  });

  test("TestAccBackupVaultPolicy_disappears", () => {
    // the configuration of _basic
    expectPolicy(policyStack(ACTIONS, accountRoot), ACTIONS, ROOT);
  });

  test("TestAccBackupVaultPolicy_Disappears_vault", () => {
    // the configuration of _basic
    expectPolicy(policyStack(ACTIONS, accountRoot), ACTIONS, ROOT);
  });

  test("TestAccBackupVaultPolicy_ignoreEquivalent", () => {
    const reordered = [
      "backup:DeleteBackupVault",
      "backup:PutBackupVaultNotifications",
      "backup:GetBackupVaultNotifications",
      "backup:GetBackupVaultAccessPolicy",
      "backup:DeleteBackupVaultAccessPolicy",
      "backup:DescribeBackupVault",
      "backup:StartBackupJob",
      "backup:PutBackupVaultAccessPolicy",
    ];
    expectPolicy(policyStack(reordered, accountRoot), reordered, ROOT);
  });

  test("TestAccBackupVaultPolicy_eventualConsistency", () => {
    const role = (scope: Construct) => {
      const r = new IamRole(scope, "role", { name: NAME, assumeRolePolicy: "{}" });
      r.overrideLogicalId("test");
      return r.arn;
    };
    expectPolicy(policyStack(ACTIONS, role), ACTIONS, "aws_iam_role.test.arn");
  });
});

describe("aws_backup_vault_lock_configuration conformance (vault_lock_configuration_test.go)", () => {
  const all = () => {
    const { stack } = conformanceStack();
    const raw = new RawBackupVault(stack, "vault", { name: NAME });
    raw.overrideLogicalId("test");
    new VaultLock(stack, "test", {
      vaultName: raw.name,
      options: {
        mode: "compliance",
        minRetention: Retention.days(7),
        maxRetention: Retention.days(1200),
        changeableFor: Duration.days(3),
        acknowledgeIrreversible: true,
      },
    });
    return stack;
  };
  const expected = { backup_vault_name: "${aws_backup_vault.test.name}", changeable_for_days: 3, max_retention_days: 1200, min_retention_days: 7 };

  test("TestAccBackupVaultLockConfiguration_basic", () => {
    expectResource(all(), "aws_backup_vault_lock_configuration", expected);
  });

  test("TestAccBackupVaultLockConfiguration_disappears", () => {
    expectResource(all(), "aws_backup_vault_lock_configuration", expected);
  });
});

describe("aws_backup_vault_notifications conformance (vault_notifications_test.go)", () => {
  const basic = () => {
    const { stack } = conformanceStack();
    const raw = new RawBackupVault(stack, "vault", { name: NAME });
    raw.overrideLogicalId("test");
    const topic = new SnsTopic(stack, "topic", { name: NAME });
    new VaultNotifications(stack, "test", {
      vaultName: raw.name,
      topicName: NAME,
      accountId: ACCOUNT,
      topicArn: topic.arn,
      events: ["BACKUP_JOB_STARTED", "RESTORE_JOB_COMPLETED"],
    });
    return stack;
  };
  const expected = {
    backup_vault_name: "${aws_backup_vault.test.name}",
    sns_topic_arn: "${aws_sns_topic.topic.arn}",
    backup_vault_events: ["BACKUP_JOB_STARTED", "RESTORE_JOB_COMPLETED"],
  };

  test("TestAccBackupVaultNotifications_basic", () => {
    expectResource(basic(), "aws_backup_vault_notifications", expected);
  });

  test("TestAccBackupVaultNotifications_disappears", () => {
    expectResource(basic(), "aws_backup_vault_notifications", expected);
  });
});

describe("aws_backup_logically_air_gapped_vault conformance (logically_air_gapped_vault_test.go)", () => {
  const lag = (tags?: Record<string, string>) => {
    const { stack } = conformanceStack();
    new LogicallyAirGappedVault(stack, "test", { ...plain, vaultName: NAME, minRetention: Retention.days(7), maxRetention: Retention.days(7), tags });
    return stack;
  };

  test("TestAccBackupLAGVault_basic", () => {
    expectResource(lag(), "aws_backup_logically_air_gapped_vault", { name: NAME, max_retention_days: 7, min_retention_days: 7 });
  });

  test("TestAccBackupLAGVault_disappears", () => {
    expectResource(lag(), "aws_backup_logically_air_gapped_vault", { name: NAME, max_retention_days: 7, min_retention_days: 7 });
  });

  test("TestAccBackupLAGVault_tags", () => {
    const steps: Record<string, string>[] = [{ key1: "value1" }, { key1: "value1", key2: "value2" }, { key2: "value2" }];
    for (const tags of steps) {
      expectResource(lag(tags), "aws_backup_logically_air_gapped_vault", { name: NAME, max_retention_days: 7, min_retention_days: 7, tags });
    }
  });
});
