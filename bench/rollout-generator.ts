/**
 * Rollout configs of any size for the benchmark, in the shape of examples/rollouts/reference.json: a locked central
 * vault in two regions, members in two regions with locked local vaults, one protection policy with backup plans
 * copying to the central vault and one with DLM snapshot policies copying across regions. Nothing needs AWS
 * provider 6.x, so every stack can be validated with the local 5.x provider.
 */
import type { RolloutInput } from "../stacks/config/schema";

/** The regions of every generated account, primary first. */
export const BENCH_REGIONS = ["eu-west-1", "eu-central-1"] as const;

/** The 12-digit account ID of the i-th generated member. */
export function benchMemberAccountId(i: number): string {
  return String(200000000000 + i);
}

/** A rollout of `members` member accounts, each in two regions. */
export function generateRollout(members: number): RolloutInput {
  return {
    name: "bench",
    organization: {
      id: "o-b3nchm4rk0",
      rootId: "r-b3n0",
      managementAccountId: "100000000001",
      organizationalUnits: { prod: "ou-b3n0-aaaaaaaa" },
    },
    stateBackend: {
      bucket: "bench-tf-state",
      region: "eu-west-1",
      keyPrefix: "dr/bench",
      kmsKeyArn: "arn:aws:kms:eu-west-1:100000000001:key/0a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d",
    },
    deployRoleName: "TerraformDeploy",
    breakGlassRoleName: "BreakGlassRecovery",
    management: { region: "eu-west-1", delegateBackupAdministrator: true },
    centralBackup: {
      name: "backup-vault-account",
      accountId: "100000000002",
      regions: [...BENCH_REGIONS],
      vaultName: "bench-central",
      vaultLock: { mode: "governance", minRetentionDays: 14, maxRetentionDays: 120 },
      notifications: false,
    },
    members: Array.from({ length: members }, (_, i) => ({
      name: `m${String(i + 1).padStart(4, "0")}`,
      accountId: benchMemberAccountId(i + 1),
      ou: "prod",
      regions: [...BENCH_REGIONS],
      vaultLock: { mode: "governance" as const, minRetentionDays: 7, maxRetentionDays: 90 },
    })),
    protectionPolicies: {
      databases: {
        tag: { key: "backup-tier", value: "gold" },
        backup: {
          schedule: "cron(0 */4 ? * * *)",
          startWindowMinutes: 60,
          completionWindowMinutes: 180,
          retentionDays: 30,
          copyToCentral: { retentionDays: 60 },
        },
      },
      volumes: {
        tag: { key: "snapshot", value: "daily" },
        snapshots: {
          resourceType: "INSTANCE",
          create: { cron: "cron(30 1 ? * * *)" },
          retainCount: 14,
          crossRegionCopy: { region: "eu-west-1", retentionDays: 7 },
        },
      },
    },
  };
}
