import { AmiPolicy, DefaultPolicy, DlmCreateRule, DlmRetainRule, DlmSchedule, DlmServiceRoles, SnapshotPolicy } from "../../modules/dlm";
import { Retention } from "../../modules/core";
import { regionSuffix } from "../config/contracts";
import type { AmiIntent, MemberConfig, ProtectionPolicy, RolloutConfig, SnapshotIntent } from "../config/schema";
import type { MemberAccountStack } from "./member-account-stack";

/** The DLM create rule of a config schedule: an AWS cron, or every N hours optionally at a time. */
export function dlmCreateRule(create: AmiIntent["create"]): DlmCreateRule {
  return "cron" in create ? DlmCreateRule.cron(create.cron) : DlmCreateRule.every(create.everyHours, create.at);
}

/**
 * The DLM side of a member's protection policies: the service roles once per account (allowed to use the member's
 * keys, which encrypt cross-region copies), then in every region an AMI policy and a snapshot policy per protection
 * policy that asks for them, and the rollout's default policies.
 */
export function addMemberDlm(stack: MemberAccountStack, config: RolloutConfig, member: MemberConfig, applied: ReadonlyArray<[string, ProtectionPolicy]>): void {
  const dlm = applied.filter(([, p]) => p.amis || p.snapshots);
  const defaults = config.dlmDefaultPolicies ?? [];
  if (dlm.length === 0 && defaults.length === 0) return;
  const keyOf = (region: string) => stack.vaults.get(region)!.encryptionKey;
  const roles = new DlmServiceRoles(stack, "DlmServiceRoles", {
    env: { accountId: member.accountId, region: member.regions[0] },
    namePrefix: `${config.name}-dlm`,
    encryptionKeys: member.regions.map(keyOf),
  });

  for (const region of member.regions) {
    const provider = stack.providerFor(region);
    for (const [name, policy] of dlm) {
      const targetTags = { [policy.tag.key]: policy.tag.value };
      const id = `${name.replace(/-/g, "_")}_${regionSuffix(region)}`;
      if (policy.amis) {
        const a = policy.amis;
        new AmiPolicy(stack, `Ami_${id}`, {
          description: `AMIs for protection policy ${name}`,
          executionRole: roles,
          targetTags,
          noReboot: a.noReboot,
          region,
          provider,
          schedules: [
            new DlmSchedule({
              name: "amis",
              create: dlmCreateRule(a.create),
              retain: DlmRetainRule.count(a.retainCount),
              deprecate: a.deprecateAfterCount ? { count: a.deprecateAfterCount } : undefined,
              crossRegionCopies: copies(a.crossRegionCopy, region, keyOf),
            }),
          ],
        });
      }
      if (policy.snapshots) {
        const s: SnapshotIntent = policy.snapshots;
        new SnapshotPolicy(stack, `Snapshots_${id}`, {
          description: `Snapshots for protection policy ${name}`,
          executionRole: roles,
          resourceType: s.resourceType,
          targetTags,
          region,
          provider,
          schedules: [
            new DlmSchedule({
              name: "snapshots",
              create: dlmCreateRule(s.create),
              retain: DlmRetainRule.count(s.retainCount),
              crossRegionCopies: copies(s.crossRegionCopy, region, keyOf),
              fastRestore: s.fastRestoreZones && s.fastRestoreZones.some((z) => z.startsWith(region)) ? { availabilityZones: s.fastRestoreZones.filter((z) => z.startsWith(region)), count: 1 } : undefined,
              share: s.shareWithCentral ? { accountIds: [config.centralBackup.accountId] } : undefined,
            }),
          ],
        });
      }
    }
    for (const d of defaults) {
      new DefaultPolicy(stack, `DlmDefault_${d.resourceType.toLowerCase()}_${regionSuffix(region)}`, {
        resourceType: d.resourceType,
        executionRole: roles,
        createIntervalDays: d.createIntervalDays,
        retainIntervalDays: d.retainIntervalDays,
        region,
        provider,
      });
    }
  }
}

function copies(
  copy: { region: string; retainDays: number } | undefined,
  sourceRegion: string,
  keyOf: (region: string) => { keyArn: string; customerManaged: boolean },
) {
  if (!copy || copy.region === sourceRegion) return undefined;
  return [
    {
      region: copy.region,
      encryptionKey: keyOf(copy.region),
      retain: Retention.days(copy.retainDays),
    },
  ];
}
