import { Construct } from "constructs";
import { TerraformProvider } from "../core/cdktf";
import { Duration, Retention, Validator } from "../core";
import { secureDefaultRule } from "../core/rules/secure-defaults";
import { valueFromNumber } from "../core/private/deprecation";
import { IEncryptionKey } from "../kms";
import { BackupPlan, BackupRuleProps, BackupSelection, CopyActionProps, IBackupServiceRole, IBackupVault, Schedule } from "../backup";
import { AmiPolicy, DlmCrossRegionCopyOptions, DlmRetainRule, DlmRoleSource, DlmSchedule, SnapshotPolicy } from "../dlm";
import { ProfileName, ProtectionIntent, profilePreset } from "./intent";
import { dlmCreateRule, mergeIntent } from "./private/intent";
import { ProtectionObjectives, intentForObjectives } from "./objectives";
import { awsRejects, libraryNeeds } from "../core/rules/authority";

export interface ProtectionProfileProps {
  /** The profile's name: names the backup plan and describes the DLM policies. */
  readonly name: string;
  /** Resources carrying this tag are protected. */
  readonly tag: { readonly key: string; readonly value: string };
  /** What protects them. */
  readonly intent: ProtectionIntent;
  /** The region the profile's resources are created in (that of `provider`). */
  readonly region: string;
  /** The vault of `region` that scheduled backups land in. Required with `intent.backup`. */
  readonly backupVault?: IBackupVault;
  /** The role AWS Backup assumes for the selection. Required with `intent.backup`. */
  readonly backupRole?: IBackupServiceRole | string;
  /** Destination of `intent.backup.copyToCentral`: the central vault of `region`. */
  readonly centralVault?: IBackupVault;
  /** This account's vaults by region: destinations of `intent.backup.copyToRegion`. */
  readonly regionVaults?: { readonly [region: string]: IBackupVault };
  /** The DLM execution roles (a `DlmServiceRoles`), required with `intent.amis` or `intent.snapshots`. */
  readonly dlmRoles?: DlmRoleSource;
  /** Customer-managed keys by region that encrypt DLM cross-region copies. */
  readonly copyKeys?: { readonly [region: string]: IEncryptionKey };
  /** The account snapshots are shared with under `intent.snapshots.shareWithCentral`. */
  readonly shareWithAccountId?: string;
  /** What the protection must achieve; recorded for reports (a rollout checks them against every account's vaults). */
  readonly objectives?: ProtectionObjectives;
  /** Name of the backup plan. @default the profile's name */
  readonly planName?: string;
  readonly provider?: TerraformProvider;
}

/**
 * Protection for resources carrying one tag, in one account and region, using both services: AWS Backup (a plan with
 * a scheduled rule, optional point-in-time recovery and copies to the central account and another region, and a tag
 * selection) and DLM (AMIs of tagged instances, snapshots of tagged volumes, with encrypted cross-region copies).
 * Build one from an intent, or from a named preset (`fast-ec2-dr`, `compliance`, `both`) with overrides.
 */
export class ProtectionProfile extends Construct {
  /** A preset by name, with a DR region for copies when given, and any value overridden. */
  static preset(
    scope: Construct,
    id: string,
    profile: ProfileName,
    props: Omit<ProtectionProfileProps, "intent"> & { readonly drRegion?: string; readonly overrides?: Partial<ProtectionIntent> },
  ): ProtectionProfile {
    const intent = mergeIntent(profilePreset(profile, props.drRegion), props.overrides ?? {});
    return new ProtectionProfile(scope, id, { ...props, intent });
  }

  /**
   * Mechanisms picked from objectives alone (see `intentForObjectives`): AWS Backup as often as the RPO asks, AMIs too
   * when EC2 must be back faster than a restore job, copies to `drRegion` for region loss and to `centralVault` for
   * account compromise and ransomware.
   */
  static fromObjectives(
    scope: Construct,
    id: string,
    props: Omit<ProtectionProfileProps, "intent" | "objectives"> & { readonly objectives: ProtectionObjectives; readonly drRegion?: string },
  ): ProtectionProfile {
    return new ProtectionProfile(scope, id, { ...props, intent: intentForObjectives(props.objectives, props.drRegion) });
  }

  /** What the protection must achieve, when given. */
  public readonly objectives?: ProtectionObjectives;
  public readonly plan?: BackupPlan;
  public readonly selection?: BackupSelection;
  public readonly amiPolicy?: AmiPolicy;
  public readonly snapshotPolicy?: SnapshotPolicy;

  constructor(scope: Construct, id: string, props: ProtectionProfileProps) {
    super(scope, id);
    const { intent } = props;
    this.objectives = props.objectives;
    const v = new Validator(this.node.path);
    v.check(
      !!(intent.backup || intent.amis || intent.snapshots),
      "intent",
      intent,
      libraryNeeds("backup, amis or snapshots in the intent: without one, the profile protects nothing"),
    );
    v.required("tag.key", props.tag?.key).matches("tag.value", props.tag?.value, /^.{0,256}$/, awsRejects("tag values longer than 256 characters"));
    if (intent.backup) {
      v.check(!!props.backupVault, "backupVault", undefined, libraryNeeds("it with intent.backup: the vault scheduled backups land in"));
      v.check(!!props.backupRole, "backupRole", undefined, libraryNeeds("it with intent.backup: the role AWS Backup assumes"));
      v.check(!intent.backup.copyToCentral || !!props.centralVault, "centralVault", undefined, libraryNeeds("it with intent.backup.copyToCentral"));
      const to = intent.backup.copyToRegion?.region;
      v.check(
        !to || to === props.region || !!props.regionVaults?.[to],
        "regionVaults",
        to,
        libraryNeeds("a vault for the region of intent.backup.copyToRegion"),
      );
    }
    if (intent.amis || intent.snapshots)
      v.check(!!props.dlmRoles, "dlmRoles", undefined, libraryNeeds("it with intent.amis or intent.snapshots: the DLM execution roles"));
    for (const kind of ["amis", "snapshots"] as const) {
      const to = intent[kind]?.crossRegionCopy?.region;
      v.check(
        !to || to === props.region || !!props.copyKeys?.[to],
        `copyKeys`,
        to,
        secureDefaultRule(
          "encrypted-copies",
          `needs a key for the region of intent.${kind}.crossRegionCopy: copies are encrypted with a customer-managed key of the target region`,
        ),
      );
    }
    v.check(
      !intent.snapshots?.shareWithCentral || !!props.shareWithAccountId,
      "shareWithAccountId",
      undefined,
      libraryNeeds("it with intent.snapshots.shareWithCentral"),
    );
    v.throwIfAny();

    // The intent is plain data (the config file's shape) and names its units in its field names; the constructs take
    // value types. A number the value type refuses is reported at the intent field that holds it.
    const days = (field: string, n: number | undefined) => (n === undefined ? undefined : valueFromNumber(v, `intent.${field}`, n, Retention.days));
    const minutes = (field: string, n: number | undefined) => (n === undefined ? undefined : valueFromNumber(v, `intent.${field}`, n, Duration.minutes));
    const targetTags = { [props.tag.key]: props.tag.value };
    if (intent.backup) {
      const b = intent.backup;
      const copies: CopyActionProps[] = [];
      if (b.copyToCentral)
        copies.push({
          destination: props.centralVault!,
          lifecycle: {
            deleteAfter: days("backup.copyToCentral.retentionDays", b.copyToCentral.retentionDays),
            coldStorageAfter: days("backup.copyToCentral.coldStorageAfterDays", b.copyToCentral.coldStorageAfterDays),
          },
        });
      if (b.copyToRegion && b.copyToRegion.region !== props.region) {
        copies.push({
          destination: props.regionVaults![b.copyToRegion.region],
          lifecycle: {
            deleteAfter: days("backup.copyToRegion.retentionDays", b.copyToRegion.retentionDays),
            coldStorageAfter: days("backup.copyToRegion.coldStorageAfterDays", b.copyToRegion.coldStorageAfterDays),
          },
        });
      }
      const rules: BackupRuleProps[] = [
        {
          ruleName: "scheduled",
          targetVault: props.backupVault!,
          schedule: Schedule.cron(b.schedule, { timezone: b.timezone }),
          startWindow: minutes("backup.startWindowMinutes", b.startWindowMinutes),
          completionWindow: minutes("backup.completionWindowMinutes", b.completionWindowMinutes),
          lifecycle: {
            deleteAfter: days("backup.retentionDays", b.retentionDays),
            coldStorageAfter: days("backup.coldStorageAfterDays", b.coldStorageAfterDays),
          },
          recoveryPointTags: { ProtectionProfile: props.name },
          copyActions: copies,
        },
      ];
      if (b.continuousBackup) {
        rules.push({
          ruleName: "continuous",
          targetVault: props.backupVault!,
          schedule: Schedule.hourly(1),
          // The window profiles have always used; the rule construct now defaults to the provider's 180 minutes.
          completionWindow: Duration.minutes(1440),
          continuousBackup: true,
          lifecycle: { deleteAfter: days("backup.continuousBackup.retentionDays", b.continuousBackup.retentionDays) },
          recoveryPointTags: { ProtectionProfile: props.name },
        });
      }
      v.throwIfAny();
      this.plan = new BackupPlan(this, "Plan", { planName: props.planName ?? props.name, rules, windowsVss: b.windowsVss, provider: props.provider });
      this.selection = BackupSelection.byTag(this, "Selection", {
        selectionName: `${props.name}-by-tag`.slice(0, 50),
        plan: this.plan,
        role: props.backupRole!,
        key: props.tag.key,
        value: props.tag.value,
        provider: props.provider,
      });
    }
    const copiesFor = (kind: "amis" | "snapshots", copy: { region: string; retainDays: number } | undefined): DlmCrossRegionCopyOptions[] | undefined => {
      if (!copy || copy.region === props.region) return undefined;
      const retain = days(`${kind}.crossRegionCopy.retainDays`, copy.retainDays);
      v.throwIfAny();
      return [{ region: copy.region, encryptionKey: props.copyKeys![copy.region], retain: retain!, copyTags: true }];
    };
    if (intent.amis) {
      const a = intent.amis;
      this.amiPolicy = new AmiPolicy(this, "Amis", {
        description: `AMIs for protection profile ${props.name}`,
        executionRole: props.dlmRoles!,
        targetTags,
        noReboot: a.noReboot ?? true,
        region: props.region,
        provider: props.provider,
        schedules: [
          new DlmSchedule({
            name: "amis",
            copyTags: true,
            create: dlmCreateRule(a.create),
            retain: DlmRetainRule.count(a.retainCount),
            deprecate: a.deprecateAfterCount ? { count: a.deprecateAfterCount } : undefined,
            crossRegionCopies: copiesFor("amis", a.crossRegionCopy),
          }),
        ],
      });
    }
    if (intent.snapshots) {
      const s = intent.snapshots;
      const zones = (s.fastRestoreZones ?? []).filter((z) => z.startsWith(props.region));
      this.snapshotPolicy = new SnapshotPolicy(this, "Snapshots", {
        description: `Snapshots for protection profile ${props.name}`,
        executionRole: props.dlmRoles!,
        resourceType: s.resourceType ?? "VOLUME",
        targetTags,
        region: props.region,
        provider: props.provider,
        schedules: [
          new DlmSchedule({
            name: "snapshots",
            copyTags: true,
            create: dlmCreateRule(s.create),
            retain: DlmRetainRule.count(s.retainCount),
            crossRegionCopies: copiesFor("snapshots", s.crossRegionCopy),
            fastRestore: zones.length > 0 ? { availabilityZones: zones, count: 1 } : undefined,
            share: s.shareWithCentral ? { accountIds: [props.shareWithAccountId!] } : undefined,
          }),
        ],
      });
    }
  }
}
