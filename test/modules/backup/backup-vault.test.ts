import { Duration, Retention } from "../../../modules/core";
import { BackupKey } from "../../../modules/kms";
import { BackupVault, BackupVaultProps, LogicallyAirGappedVault } from "../../../modules/backup";
import { errorOf, resources, synthJson, testStack } from "../../helpers";

const env = { accountId: "111111111111", region: "us-east-1" };
const accessPolicy = { breakGlassRoleArns: ["arn:aws:iam::111111111111:role/break-glass"] };
const base: BackupVaultProps = { vaultName: "primary", env, accessPolicy };

function policyOf(stack: ReturnType<typeof testStack>, id: string): any {
  return JSON.parse(resources(stack, "aws_backup_vault_policy")[id].policy);
}

describe("BackupVault secure defaults", () => {
  test("creates a customer-managed key with rotation and prevent_destroy for the vault", () => {
    // given
    const stack = testStack();
    // when
    new BackupVault(stack, "Vault", base);
    // then
    const key = resources(stack, "aws_kms_key").Vault_Key;
    expect(key.enable_key_rotation).toBe(true);
    expect(key.lifecycle).toEqual({ prevent_destroy: true });
    expect(resources(stack, "aws_backup_vault").Vault.kms_key_arn).toBe("${aws_kms_key.Vault_Key.arn}");
  });

  test("keeps force_destroy off and prevent_destroy on", () => {
    const stack = testStack();
    new BackupVault(stack, "Vault", base);
    const vault = resources(stack, "aws_backup_vault").Vault;
    expect(vault.force_destroy).toBe(false);
    expect(vault.lifecycle).toEqual({ prevent_destroy: true });
  });

  test("denies deletion and policy changes to everyone but the break-glass role", () => {
    const stack = testStack();
    new BackupVault(stack, "Vault", base);
    const deny = policyOf(stack, "Vault_AccessPolicy").Statement[0];
    expect(deny.Effect).toBe("Deny");
    expect(deny.Principal).toEqual({ AWS: "*" });
    expect(deny.Action).toEqual([
      "backup:DeleteRecoveryPoint",
      "backup:UpdateRecoveryPointLifecycle",
      "backup:PutBackupVaultAccessPolicy",
      "backup:DeleteBackupVaultAccessPolicy",
      "backup:DeleteBackupVault",
    ]);
    expect(deny.Condition).toEqual({ ArnNotLike: { "aws:PrincipalArn": ["arn:aws:iam::111111111111:role/break-glass"] } });
  });

  test("key policy gives no unconditioned * principal, and org sharing is conditioned on the org ID", () => {
    const stack = testStack();
    new BackupVault(stack, "Vault", { ...base, keySharing: { organizationId: "o-a1b2c3d4e5" } });
    const policy = JSON.parse(resources(stack, "aws_kms_key").Vault_Key.policy);
    for (const s of policy.Statement) {
      if (s.Principal === "*" || s.Principal?.AWS === "*") expect(s.Condition).toBeDefined();
    }
    const org = policy.Statement.find((s: any) => s.Sid === "OrganizationUsesKeyForCopies");
    expect(org.Condition).toEqual({ StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } });
  });

  test("uses a brought customer-managed key and creates none", () => {
    const stack = testStack();
    const keyArn = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    new BackupVault(stack, "Vault", { ...base, encryptionKey: BackupKey.fromKeyArn(keyArn) });
    expect(resources(stack, "aws_kms_key")).toEqual({});
    expect(resources(stack, "aws_backup_vault").Vault.kms_key_arn).toBe(keyArn);
  });

  test("exposes a literal ARN and name for references from other stacks", () => {
    const stack = testStack();
    const vault = new BackupVault(stack, "Vault", base);
    expect(vault.vaultArn).toBe("arn:aws:backup:us-east-1:111111111111:backup-vault:primary");
    expect(vault.vaultName).toBe("primary");
  });

  test("imports an existing vault by ARN with its lock bounds", () => {
    const vault = BackupVault.fromVaultArn("arn:aws:backup:eu-west-1:222222222222:backup-vault:central", { minDays: 7, maxDays: 365, source: "central" });
    expect(vault.vaultName).toBe("central");
    expect(vault.env).toEqual({ accountId: "222222222222", region: "eu-west-1", partition: "aws" });
    expect(vault.lockBounds?.maxDays).toBe(365);
  });

  test("places the vault in another region through that region's provider", () => {
    const stack = testStack();
    new BackupVault(stack, "DrVault", { ...base, env: { ...env, region: "us-west-2" }, provider: stack.providerFor("us-west-2") });
    expect(resources(stack, "aws_backup_vault").DrVault.provider).toBe("aws.us_west_2");
    expect(resources(stack, "aws_kms_key").DrVault_Key.provider).toBe("aws.us_west_2");
  });
});

describe("BackupVault input rules", () => {
  test.each([
    ["a", "AWS rejects vault names other than 2-50 letters, digits, hyphens and underscores"],
    ["has space", "AWS rejects vault names other than 2-50 letters, digits, hyphens and underscores"],
    ["x".repeat(51), "AWS rejects vault names other than 2-50 letters, digits, hyphens and underscores"],
  ])("refuses vault name %j", (vaultName, rule) => {
    const message = errorOf(() => new BackupVault(testStack(), "Vault", { ...base, vaultName }));
    expect(message).toContain("vaultName");
    expect(message).toContain(JSON.stringify(vaultName));
    expect(message).toContain(rule);
  });

  test("refuses the default vault name", () => {
    expect(errorOf(() => new BackupVault(testStack(), "Vault", { ...base, vaultName: "Default" }))).toContain(
      "this library rejects the name of the default vault: AWS encrypts it with an AWS-managed key, and it cannot be a copy source or target",
    );
  });

  test("refuses an AWS-managed key", () => {
    const message = errorOf(
      () => new BackupVault(testStack(), "Vault", { ...base, encryptionKey: BackupKey.awsManaged("arn:aws:kms:us-east-1:111111111111:key/aws-backup") }),
    );
    expect(message).toContain("encryptionKey");
    expect(message).toContain("must be a customer-managed key");
  });

  test("refuses a key alias where a key ARN is needed", () => {
    const message = errorOf(() => BackupKey.fromKeyArn("arn:aws:kms:us-east-1:111111111111:alias/backup"));
    expect(message).toContain("keyArn");
    expect(message).toContain("aliases and bare key IDs are not accepted");
  });

  test("refuses a key ID that is not a UUID of versions 1-5 (Terraform's S3 backend rejects it too)", () => {
    const message = errorOf(() => BackupKey.fromKeyArn("arn:aws:kms:us-east-1:111111111111:key/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"));
    expect(message).toContain("keyArn");
  });

  test("refuses a malformed account ID", () => {
    const message = errorOf(() => new BackupVault(testStack(), "Vault", { ...base, env: { accountId: "12345", region: "us-east-1" } }));
    expect(message).toContain('env.accountId = "12345"');
    expect(message).toContain("AWS rejects account IDs other than 12 digits");
  });

  test("refuses an unknown region", () => {
    expect(errorOf(() => new BackupVault(testStack(), "Vault", { ...base, env: { accountId: "111111111111", region: "us-east-9" } }))).toContain(
      'env.region = "us-east-9": AWS rejects region names it has not published (e.g. us-east-1, eu-west-1)',
    );
  });
});

describe("vault access policy rules", () => {
  test("requires a break-glass role", () => {
    const message = errorOf(() => new BackupVault(testStack(), "Vault", { ...base, accessPolicy: { breakGlassRoleArns: [] } }));
    expect(message).toContain("breakGlassRoleArns");
    expect(message).toContain("this library needs at least one role exempt from the deletion deny");
  });

  test("refuses a break-glass principal that is not a role ARN", () => {
    const message = errorOf(
      () => new BackupVault(testStack(), "Vault", { ...base, accessPolicy: { breakGlassRoleArns: ["arn:aws:iam::111111111111:user/admin"] } }),
    );
    expect(message).toContain("breakGlassRoleArns[0]");
    expect(message).toContain("AWS rejects anything but an IAM role ARN arn:<partition>:iam::<12-digit account>:role/<name> here");
  });

  test("refuses * in an action", () => {
    const message = errorOf(
      () =>
        new BackupVault(testStack(), "Vault", {
          ...base,
          accessPolicy: {
            ...accessPolicy,
            additionalStatements: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::111111111111:root" }, Action: "backup:*", Resource: "*" }],
          },
        }),
    );
    expect(message).toContain('additionalStatements[0].Action = "backup:*"');
    expect(message).toContain('AWS rejects "*" in the actions of a vault access policy');
  });

  test("refuses a cross-account grant of anything but CopyIntoBackupVault", () => {
    const message = errorOf(
      () =>
        new BackupVault(testStack(), "Vault", {
          ...base,
          accessPolicy: {
            ...accessPolicy,
            additionalStatements: [
              { Effect: "Allow", Principal: { AWS: "arn:aws:iam::999999999999:root" }, Action: ["backup:StartRestoreJob"], Resource: "*" },
            ],
          },
        }),
    );
    expect(message).toContain("additionalStatements[0].Action");
    expect(message).toContain("AWS rejects every action but backup:CopyIntoBackupVault for principals outside account 111111111111");
  });

  test("refuses an Allow to * without an organization condition", () => {
    const message = errorOf(
      () =>
        new BackupVault(testStack(), "Vault", {
          ...base,
          accessPolicy: { ...accessPolicy, additionalStatements: [{ Effect: "Allow", Principal: "*", Action: "backup:CopyIntoBackupVault", Resource: "*" }] },
        }),
    );
    expect(message).toContain("additionalStatements[0].Condition");
    expect(message).toContain(
      'this library rejects an Allow to principal "*" without an aws:PrincipalOrgID or aws:PrincipalOrgPaths condition: it opens the vault to every AWS account',
    );
  });

  test("accepts an Allow to * conditioned on organization paths", () => {
    const stack = testStack();
    new BackupVault(stack, "Vault", {
      ...base,
      accessPolicy: { ...accessPolicy, allowCopyInto: { organizationPaths: ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/"] } },
    });
    const allow = policyOf(stack, "Vault_AccessPolicy").Statement[1];
    expect(allow).toMatchObject({
      Effect: "Allow",
      Action: "backup:CopyIntoBackupVault",
      Condition: { "ForAnyValue:StringLike": { "aws:PrincipalOrgPaths": ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/"] } },
    });
  });

  test("grants CopyIntoBackupVault to named accounts by their root principals", () => {
    const stack = testStack();
    new BackupVault(stack, "Vault", { ...base, accessPolicy: { ...accessPolicy, allowCopyInto: { accountIds: ["333333333333", "222222222222"] } } });
    const allow = policyOf(stack, "Vault_AccessPolicy").Statement[1];
    expect(allow.Principal).toEqual({ AWS: ["arn:aws:iam::222222222222:root", "arn:aws:iam::333333333333:root"] });
    expect(allow.Action).toBe("backup:CopyIntoBackupVault");
  });

  test("refuses two kinds of copy grant at once", () => {
    const message = errorOf(
      () =>
        new BackupVault(testStack(), "Vault", {
          ...base,
          accessPolicy: { ...accessPolicy, allowCopyInto: { organizationId: "o-a1b2c3d4e5", accountIds: ["222222222222"] } },
        }),
    );
    expect(message).toContain("this library needs exactly one of organizationId, organizationPaths, accountIds");
  });
});

describe("VaultLock", () => {
  test("governance mode emits no changeable_for_days", () => {
    const stack = testStack();
    new BackupVault(stack, "Vault", { ...base, lock: { mode: "governance", minRetention: Retention.days(7), maxRetention: Retention.days(35) } });
    const lock = resources(stack, "aws_backup_vault_lock_configuration").Vault_Lock;
    expect(lock).toMatchObject({ min_retention_days: 7, max_retention_days: 35, lifecycle: { prevent_destroy: true } });
    expect(lock.changeable_for_days).toBeUndefined();
  });

  test("compliance mode with acknowledgement emits changeable_for_days", () => {
    const stack = testStack();
    const vault = new BackupVault(stack, "Vault", {
      ...base,
      lock: {
        mode: "compliance",
        minRetention: Retention.days(7),
        maxRetention: Retention.days(35),
        changeableFor: Duration.days(5),
        acknowledgeIrreversible: true,
      },
    });
    expect(resources(stack, "aws_backup_vault_lock_configuration").Vault_Lock.changeable_for_days).toBe(5);
    expect(vault.lockBounds).toMatchObject({ minDays: 7, maxDays: 35 });
  });

  test("compliance mode without acknowledgement is refused", () => {
    const stack = testStack();
    const message = errorOf(
      () => new BackupVault(stack, "Vault", { ...base, lock: { mode: "compliance", minRetention: Retention.days(7), acknowledgeIrreversible: false } }),
    );
    expect(message).toContain("lock.acknowledgeIrreversible = false");
    expect(message).toContain("irreversible");
    expect(message).toContain("set acknowledgeIrreversible: true");
  });

  test.each([
    [{ minRetention: Retention.days(36501) }, 'lock.minRetention = "36501 days"', "AWS rejects lock retentions outside 1 to 36500 days"],
    [
      { minRetention: Retention.days(7), maxRetention: Retention.days(36501) },
      'lock.maxRetention = "36501 days"',
      "AWS rejects lock retentions outside 1 to 36500 days",
    ],
    [
      { minRetention: Retention.days(30), maxRetention: Retention.days(30) },
      'lock.maxRetention = "30 days"',
      "AWS rejects a maximum retention not greater than minRetention (30 days)",
    ],
    [{ minRetention: Retention.years(1) }, 'lock.minRetention = "1 years"', "AWS Backup counts retention in days, and years have no fixed number of days"],
    [{}, "lock.minRetention = (not set)", "this library needs the shortest retention the lock enforces"],
  ])("refuses bounds %j", (bounds, field, rule) => {
    const message = errorOf(() => new BackupVault(testStack(), "Vault", { ...base, lock: { mode: "governance", ...bounds } }));
    expect(message).toContain(field);
    expect(message).toContain(rule);
  });

  test("refuses a compliance grace period shorter than 3 days", () => {
    const message = errorOf(
      () =>
        new BackupVault(testStack(), "Vault", {
          ...base,
          lock: { mode: "compliance", minRetention: Retention.days(7), changeableFor: Duration.days(2), acknowledgeIrreversible: true },
        }),
    );
    expect(message).toContain('lock.changeableFor = "2 days": AWS rejects grace periods outside 3 to 36500 days');
  });

  test("refuses changeableFor in governance mode", () => {
    const lock = { mode: "governance", minRetention: Retention.days(7), changeableFor: Duration.days(3) } as never;
    expect(errorOf(() => new BackupVault(testStack(), "Vault", { ...base, lock }))).toContain(
      'lock.changeableFor = "3 days": this library rejects it in governance mode: setting it is what makes a lock compliance mode',
    );
  });

  test("refuses a grace period that is not a whole number of days", () => {
    const message = errorOf(
      () =>
        new BackupVault(testStack(), "Vault", {
          ...base,
          lock: { mode: "compliance", minRetention: Retention.days(7), changeableFor: Duration.hours(80), acknowledgeIrreversible: true },
        }),
    );
    expect(message).toContain('lock.changeableFor = "80 hours": AWS rejects windows other than whole days here (AWS Backup counts this window in days)');
  });
});

describe("LogicallyAirGappedVault", () => {
  test("emits its retention bounds, its key and prevent_destroy", () => {
    const stack = testStack();
    const vault = new LogicallyAirGappedVault(stack, "AirGapped", {
      ...base,
      vaultName: "air-gapped",
      minRetention: Retention.days(7),
      maxRetention: Retention.days(90),
    });
    const res = resources(stack, "aws_backup_logically_air_gapped_vault").AirGapped;
    expect(res).toMatchObject({
      min_retention_days: 7,
      max_retention_days: 90,
      encryption_key_arn: "${aws_kms_key.AirGapped_Key.arn}",
      lifecycle: { prevent_destroy: true },
    });
    expect(vault.lockBounds).toMatchObject({ minDays: 7, maxDays: 90 });
    expect(resources(stack, "aws_backup_vault_policy").AirGapped_AccessPolicy).toBeDefined();
  });

  test("refuses a minimum retention below 7 days", () => {
    const message = errorOf(
      () => new LogicallyAirGappedVault(testStack(), "AirGapped", { ...base, minRetention: Retention.days(6), maxRetention: Retention.days(90) }),
    );
    expect(message).toContain('minRetention = "6 days"');
    expect(message).toContain("at least 7 days");
  });

  test("takes a maximum retention equal to the minimum, which AWS accepts", () => {
    // given min = max = 7 days
    const stack = testStack();
    new LogicallyAirGappedVault(stack, "AirGapped", { ...base, vaultName: "air-gapped", minRetention: Retention.days(7), maxRetention: Retention.days(7) });
    // then both bounds are emitted
    expect(resources(stack, "aws_backup_logically_air_gapped_vault").AirGapped).toMatchObject({ min_retention_days: 7, max_retention_days: 7 });
  });

  test("refuses a maximum retention below the minimum", () => {
    const message = errorOf(
      () => new LogicallyAirGappedVault(testStack(), "AirGapped", { ...base, minRetention: Retention.days(30), maxRetention: Retention.days(20) }),
    );
    expect(message).toContain('maxRetention = "20 days": AWS rejects a maximum retention below the minimum (minRetention: 30 days)');
  });

  test("requires a maximum retention", () => {
    const message = errorOf(() => new LogicallyAirGappedVault(testStack(), "AirGapped", { ...base, minRetention: Retention.days(7) } as never));
    expect(message).toContain("maxRetention = (not set): AWS rejects a logically air-gapped vault without a maximum retention");
  });
});

describe("VaultNotifications", () => {
  test("creates an encrypted topic that only AWS Backup of this account may publish to", () => {
    const stack = testStack();
    new BackupVault(stack, "Vault", { ...base, notifications: {} });
    const json = synthJson(stack);
    expect(json.resource.aws_sns_topic.Vault_Notifications_Topic.kms_master_key_id).toBe("${aws_kms_key.Vault_Key.arn}");
    const notif = json.resource.aws_backup_vault_notifications.Vault_Notifications;
    expect(notif.backup_vault_events).toEqual(["BACKUP_JOB_COMPLETED", "COPY_JOB_FAILED", "RESTORE_JOB_COMPLETED", "RECOVERY_POINT_MODIFIED"]);
    expect(json.resource.aws_sns_topic_policy.Vault_Notifications_TopicPolicy.policy).toContain("aws:SourceAccount");
    const keyPolicy = JSON.parse(json.resource.aws_kms_key.Vault_Key.policy);
    expect(keyPolicy.Statement.some((s: any) => s.Principal?.Service === "backup.amazonaws.com")).toBe(true);
  });

  test("refuses a deprecated event name", () => {
    const message = errorOf(() => new BackupVault(testStack(), "Vault", { ...base, notifications: { events: ["BACKUP_JOB_FAILED" as never] } }));
    expect(message).toContain('notifications.events[0] = "BACKUP_JOB_FAILED"');
    expect(message).toContain("deprecated");
  });

  test("publishes to a brought topic without creating one", () => {
    const stack = testStack();
    new BackupVault(stack, "Vault", { ...base, notifications: { topicArn: "arn:aws:sns:us-east-1:111111111111:ops" } });
    expect(resources(stack, "aws_sns_topic")).toEqual({});
    expect(resources(stack, "aws_backup_vault_notifications").Vault_Notifications.sns_topic_arn).toBe("arn:aws:sns:us-east-1:111111111111:ops");
  });
});
