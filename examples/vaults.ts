import { Construct } from "constructs";
import { BackupKey } from "../modules/kms";
import { BackupVault, LogicallyAirGappedVault } from "../modules/backup";
import { Duration, Retention } from "../modules/core";
import { AccountStack, AccountStackProps, StateBackendConfig } from "../stacks/account-stack";

/** Example identities used by the embedded default app and its tests. */
export const EXAMPLE = {
  organizationId: "o-a1b2c3d4e5",
  centralAccountId: "222222222222",
  memberAccountIds: ["333333333333", "444444444444"],
  primaryRegion: "us-east-1",
  drRegion: "us-west-2",
  deployRoleArn: "arn:aws:iam::222222222222:role/backup-dr-deploy",
  breakGlassRoleArn: "arn:aws:iam::222222222222:role/backup-break-glass",
  backend: { bucket: "example-backup-dr-state", region: "us-east-1", keyPrefix: "backup-dr/example" } as StateBackendConfig,
} as const;

/**
 * The wiring of an example stack in an example account: us-east-1, plus the DR region unless `additionalRegions` says
 * otherwise, the account's `backup-dr-deploy` role, the example backend and default tags naming the stack.
 */
export function exampleStackProps(accountId: string, id: string, additionalRegions: string[] = [EXAMPLE.drRegion]): AccountStackProps {
  return {
    accountId,
    primaryRegion: EXAMPLE.primaryRegion,
    additionalRegions,
    deployRoleArn: `arn:aws:iam::${accountId}:role/backup-dr-deploy`,
    backend: EXAMPLE.backend,
    defaultTags: { Project: "backup-dr", Stack: id },
  };
}

/**
 * The vault family in one account: a locked central vault with its own key shared with the organization, a DR-region
 * vault with a compliance lock and a brought key, notifications, and copy-in grants for the organization.
 */
export class VaultFamilyExampleStack extends AccountStack {
  public readonly central: BackupVault;
  public readonly dr: BackupVault;

  constructor(scope: Construct, id: string) {
    super(scope, id, exampleStackProps(EXAMPLE.centralAccountId, id));
    const accessPolicy = {
      breakGlassRoleArns: [EXAMPLE.breakGlassRoleArn, EXAMPLE.deployRoleArn],
      allowCopyInto: { organizationId: EXAMPLE.organizationId },
    };
    this.central = new BackupVault(this, "CentralVault", {
      vaultName: "central-backup",
      env: { accountId: EXAMPLE.centralAccountId, region: EXAMPLE.primaryRegion },
      keySharing: { organizationId: EXAMPLE.organizationId },
      accessPolicy,
      lock: { mode: "governance", minRetention: Retention.days(7), maxRetention: Retention.days(400) },
      notifications: {},
      tags: { DataClassification: "backup" },
    });

    const drKey = new BackupKey(this, "DrKey", {
      env: { accountId: EXAMPLE.centralAccountId, region: EXAMPLE.drRegion },
      alias: "backup/dr",
      sharing: { organizationId: EXAMPLE.organizationId },
      provider: this.providerFor(EXAMPLE.drRegion),
    });
    this.dr = new BackupVault(this, "DrVault", {
      vaultName: "central-backup-dr",
      env: { accountId: EXAMPLE.centralAccountId, region: EXAMPLE.drRegion },
      encryptionKey: drKey,
      accessPolicy: { ...accessPolicy, allowCopyInto: { accountIds: [...EXAMPLE.memberAccountIds] } },
      lock: {
        mode: "compliance",
        minRetention: Retention.days(7),
        maxRetention: Retention.days(400),
        changeableFor: Duration.days(3),
        acknowledgeIrreversible: true,
      },
      notifications: { events: ["COPY_JOB_FAILED", "RECOVERY_POINT_MODIFIED"] },
      provider: this.providerFor(EXAMPLE.drRegion),
    });
  }
}

/**
 * A logically air-gapped vault. Its customer-managed key uses `encryption_key_arn`, an argument of AWS provider 6.x,
 * so this stack is validated but not planned with the local 5.100.0 provider.
 */
export class AirGappedVaultExampleStack extends AccountStack {
  public readonly vault: LogicallyAirGappedVault;

  constructor(scope: Construct, id: string) {
    super(scope, id, {
      accountId: EXAMPLE.centralAccountId,
      primaryRegion: EXAMPLE.drRegion,
      deployRoleArn: EXAMPLE.deployRoleArn,
      backend: EXAMPLE.backend,
    });
    this.vault = new LogicallyAirGappedVault(this, "AirGappedVault", {
      vaultName: "central-air-gapped",
      env: { accountId: EXAMPLE.centralAccountId, region: EXAMPLE.drRegion },
      minRetention: Retention.days(7),
      maxRetention: Retention.days(400),
      accessPolicy: { breakGlassRoleArns: [EXAMPLE.breakGlassRoleArn, EXAMPLE.deployRoleArn] },
    });
  }
}
