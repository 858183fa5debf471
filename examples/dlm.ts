import { Construct } from "constructs";
import { Duration, Retention } from "../modules/core";
import { AmiPolicy, CrossAccountCopyPolicy, DefaultPolicy, DlmCreateRule, DlmRetainRule, DlmSchedule, DlmServiceRoles, SnapshotPolicy } from "../modules/dlm";
import { AccountStack } from "../stacks/account-stack";
import { EXAMPLE, exampleStackProps } from "./vaults";

/** Example keys of the DLM examples: customer-managed keys that already exist in the accounts and Regions named. */
export const DLM_EXAMPLE = {
  /** The first member account's key in the DR Region, for cross-Region snapshot and AMI copies. */
  memberDrKeyArn: "arn:aws:kms:us-west-2:333333333333:key/1f0c8d2e-4b7a-4c59-9e3d-6a2b1c0d9e8f",
  /** The key of the member accounts' volumes, shared with the central account so it can copy their snapshots. */
  memberVolumeKeyArns: [
    "arn:aws:kms:us-east-1:333333333333:key/7a3e9b1c-2d4f-4e6a-8b0c-9d1e2f3a4b5c",
    "arn:aws:kms:us-east-1:444444444444:key/5c4b3a2f-1e0d-4c9b-8a7f-6e5d4c3b2a10",
  ],
  /** The central account's keys that re-encrypt the copies. */
  centralPrimaryKeyArn: "arn:aws:kms:us-east-1:222222222222:key/0d9c8b7a-6f5e-4d3c-2b1a-0f9e8d7c6b5a",
  centralDrKeyArn: "arn:aws:kms:us-west-2:222222222222:key/9e8f7a6b-5c4d-4e3f-a2b1-c0d9e8f7a6b5",
} as const;

/**
 * Snapshot policies of a member account: daily volume snapshots copied to the DR Region (`target`), shared with the
 * central account and with fast snapshot restore; hourly snapshots kept 24; weekly instance snapshot sets without the
 * boot volume. Uses nothing that exists only in AWS provider 6.x, so it plans offline.
 */
export class DlmSnapshotsExampleStack extends AccountStack {
  public readonly roles: DlmServiceRoles;
  public readonly daily: SnapshotPolicy;

  constructor(scope: Construct, id: string) {
    const accountId = EXAMPLE.memberAccountIds[0];
    super(scope, id, exampleStackProps(accountId, id));
    this.roles = new DlmServiceRoles(this, "DlmRoles", {
      env: { accountId, region: EXAMPLE.primaryRegion },
      encryptionKeys: [DLM_EXAMPLE.memberDrKeyArn],
    });
    this.daily = SnapshotPolicy.dailyVolumes(this, "DailyVolumes", {
      targetTags: { Backup: "daily" },
      executionRole: this.roles,
      region: EXAMPLE.primaryRegion,
      retain: Retention.days(14),
      crossRegionCopies: [{ region: EXAMPLE.drRegion, encryptionKey: DLM_EXAMPLE.memberDrKeyArn, retain: Retention.days(30) }],
      share: { accountIds: [EXAMPLE.centralAccountId], unshareAfter: Retention.days(14) },
      fastRestore: { availabilityZones: ["us-east-1a", "us-east-1b"], count: 1 },
    });
    SnapshotPolicy.hourlyVolumes(this, "HourlyVolumes", {
      targetTags: { Backup: "hourly" },
      executionRole: this.roles,
      region: EXAMPLE.primaryRegion,
    });
    new SnapshotPolicy(this, "InstanceSnapshotSets", {
      description: "Weekly snapshot sets of instance data volumes",
      executionRole: this.roles,
      region: EXAMPLE.primaryRegion,
      resourceType: "INSTANCE",
      targetTags: { Backup: "instance" },
      excludeBootVolume: true,
      schedules: [
        new DlmSchedule({
          name: "weekly",
          create: DlmCreateRule.cron("cron(0 2 ? * SUN *)"),
          retain: DlmRetainRule.count(8),
          variableTags: { InstanceId: "$(instance-id)" },
          tagsToAdd: { CreatedBy: "dlm" },
          crossRegionCopies: [{ region: EXAMPLE.drRegion, encryptionKey: DLM_EXAMPLE.memberDrKeyArn, retain: Retention.weeks(8) }],
        }),
      ],
    });
  }
}

/**
 * AMI policies of a member account: daily AMIs copied to the DR Region with `target_region` (AWS provider 6.x only)
 * and deprecated after five days; weekly AMIs of instances that tolerate a reboot.
 */
export class DlmAmiExampleStack extends AccountStack {
  public readonly daily: AmiPolicy;

  constructor(scope: Construct, id: string) {
    const accountId = EXAMPLE.memberAccountIds[0];
    super(scope, id, exampleStackProps(accountId, id));
    const roles = new DlmServiceRoles(this, "DlmRoles", {
      env: { accountId, region: EXAMPLE.primaryRegion },
      namePrefix: "dlm-ami",
      encryptionKeys: [DLM_EXAMPLE.memberDrKeyArn],
    });
    this.daily = AmiPolicy.dailyWithCrossRegionCopy(this, "DailyAmis", {
      targetTags: { AmiBackup: "daily" },
      drRegion: EXAMPLE.drRegion,
      drKeyArn: DLM_EXAMPLE.memberDrKeyArn,
      retain: Retention.days(7),
      copyRetain: Retention.days(14),
      deprecateAfter: Retention.days(5),
      executionRole: roles,
      region: EXAMPLE.primaryRegion,
    });
    new AmiPolicy(this, "WeeklyAmis", {
      description: "Weekly AMIs after a reboot newest 4 kept",
      executionRole: roles,
      region: EXAMPLE.primaryRegion,
      targetTags: { AmiBackup: "weekly" },
      noReboot: false,
      schedules: [
        new DlmSchedule({
          name: "weekly",
          create: DlmCreateRule.cron("cron(30 1 ? * SAT *)"),
          retain: DlmRetainRule.count(4),
          deprecate: { count: 2 },
          variableTags: { SourceInstance: "$(instance-id)" },
        }),
      ],
    });
  }
}

/**
 * The central account's half of cross-account snapshot copy: an event-based policy that copies every snapshot the
 * member accounts' DLM policies share with it (see `DlmSnapshotsExampleStack`), re-encrypted with the central keys, in
 * the primary and DR Regions. Its role may use the member volume keys (their key policies share them) and the central keys.
 */
export class DlmCrossAccountExampleStack extends AccountStack {
  public readonly copy: CrossAccountCopyPolicy;

  constructor(scope: Construct, id: string) {
    super(scope, id, exampleStackProps(EXAMPLE.centralAccountId, id));
    const roles = new DlmServiceRoles(this, "DlmRoles", {
      env: { accountId: EXAMPLE.centralAccountId, region: EXAMPLE.primaryRegion },
      encryptionKeys: [...DLM_EXAMPLE.memberVolumeKeyArns, DLM_EXAMPLE.centralPrimaryKeyArn, DLM_EXAMPLE.centralDrKeyArn],
    });
    this.copy = CrossAccountCopyPolicy.forSnapshotsSharedBy(this, "CopySharedSnapshots", {
      sourceAccountIds: EXAMPLE.memberAccountIds,
      executionRole: roles,
      region: EXAMPLE.primaryRegion,
      copies: [
        { region: EXAMPLE.primaryRegion, encryptionKey: DLM_EXAMPLE.centralPrimaryKeyArn, retain: Retention.days(35) },
        { region: EXAMPLE.drRegion, encryptionKey: DLM_EXAMPLE.centralDrKeyArn, retain: Retention.days(35) },
      ],
    });
  }
}

/**
 * The safety net of a member account: default policies for every volume and instance no custom policy covers, a
 * monthly volume policy that archives instead of deleting, and VSS-consistent snapshot sets of Windows instances.
 * Default policies, archive rules and scripts exist only in AWS provider 6.x: validated, not planned offline.
 */
export class DlmDefaultExampleStack extends AccountStack {
  public readonly volumes: DefaultPolicy;
  public readonly instances: DefaultPolicy;

  constructor(scope: Construct, id: string) {
    const accountId = EXAMPLE.memberAccountIds[1];
    super(scope, id, exampleStackProps(accountId, id, []));
    const roles = new DlmServiceRoles(this, "DlmRoles", { env: { accountId, region: EXAMPLE.primaryRegion } });
    this.volumes = DefaultPolicy.forVolumes(this, "DefaultVolumes", {
      executionRole: roles,
      region: EXAMPLE.primaryRegion,
      createInterval: Duration.days(1),
      retainInterval: Retention.days(7),
      extendDeletion: true,
      exclusions: { volumeTypes: ["st1", "sc1"], tags: { DlmDefault: "exclude" } },
    });
    this.instances = DefaultPolicy.forInstances(this, "DefaultInstances", {
      executionRole: roles,
      region: EXAMPLE.primaryRegion,
      createInterval: Duration.days(2),
      retainInterval: Retention.days(14),
      exclusions: { tags: { DlmDefault: "exclude" } },
    });
    new SnapshotPolicy(this, "MonthlyArchive", {
      description: "Monthly volume snapshots archived for a year",
      executionRole: roles,
      region: EXAMPLE.primaryRegion,
      resourceType: "VOLUME",
      targetTags: { Backup: "monthly-archive" },
      schedules: [
        new DlmSchedule({
          name: "monthly",
          create: DlmCreateRule.cron("cron(0 4 1 * ? *)"),
          retain: DlmRetainRule.count(3),
          archive: { count: 12 },
        }),
      ],
    });
    new SnapshotPolicy(this, "WindowsVss", {
      description: "Daily VSS consistent snapshot sets of Windows instances",
      executionRole: roles,
      region: EXAMPLE.primaryRegion,
      resourceType: "INSTANCE",
      targetTags: { Backup: "windows-vss" },
      schedules: [
        new DlmSchedule({
          name: "daily-vss",
          create: DlmCreateRule.daily("01:00"),
          retain: DlmRetainRule.days(7),
          scripts: { handler: "AWS_VSS_BACKUP", crashConsistentOnFailure: true },
        }),
      ],
    });
  }
}
