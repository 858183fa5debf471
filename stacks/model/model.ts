/**
 * The rollout model: what each account gets, resolved from the config once. The stacks are built from it and the
 * DR readiness report is written from it, so the two cannot disagree.
 */
import { AwsCron } from "../../modules/core";
import { backupVaultArn } from "../../modules/core/private/aws";
import type { DlmCreateIntent, ProtectionIntent } from "../../modules/profiles/intent";
import { centralStackName, managementStackName, memberStackName, memberVaultName } from "./contracts";
import type { MemberConfig, ProtectionPolicy, RolloutConfig, VaultLockConfig } from "../config/schema";

/** A vault by account, region and name, with its lock. */
export interface VaultRef {
  readonly accountId: string;
  readonly region: string;
  readonly name: string;
  readonly arn: string;
  readonly lock?: VaultLockConfig;
}

/** A copy of each recovery point. */
export interface CopyPlacement {
  readonly kind: "central-account" | "other-region";
  readonly vault: VaultRef;
  readonly retentionDays: number;
  readonly coldStorageAfterDays?: number;
}

/** One protection policy in one region of one account. */
export interface Placement {
  readonly policy: string;
  readonly description?: string;
  readonly profile?: string;
  readonly tag: { readonly key: string; readonly value: string };
  readonly region: string;
  /** What this account's stack builds (the backup intent is absent when an Organizations policy deploys it). */
  readonly intent: ProtectionIntent;
  /** The full intent, the Organizations-deployed backup included: what the resources actually get. */
  readonly effective: ProtectionIntent;
  /** Where scheduled backups land. */
  readonly vault?: VaultRef;
  /** Where backups are copied. */
  readonly copies: readonly CopyPlacement[];
  /** Worst-case minutes between recovery points, per mechanism. */
  readonly rpoMinutes: { readonly backup?: number; readonly continuous?: boolean; readonly amis?: number; readonly snapshots?: number };
}

export interface MemberModel {
  readonly config: MemberConfig;
  readonly stack: string;
  readonly vaults: ReadonlyMap<string, VaultRef>;
  readonly placements: readonly Placement[];
}

export interface RolloutModel {
  readonly config: RolloutConfig;
  readonly managementStack: string;
  readonly centralStack: string;
  readonly centralVaults: ReadonlyMap<string, VaultRef>;
  readonly members: readonly MemberModel[];
}

/** Worst-case minutes between two runs of a DLM create rule. */
export function dlmGapMinutes(create: DlmCreateIntent): number {
  return "cron" in create ? AwsCron.parse(create.cron).frequency().maxGapMinutes : create.everyHours * 60;
}

/** Worst-case minutes between two scheduled backups. */
export function backupGapMinutes(schedule: string): number {
  return AwsCron.parse(schedule).frequency().maxGapMinutes;
}

function vault(accountId: string, region: string, name: string, lock?: VaultLockConfig): VaultRef {
  return { accountId, region, name, arn: backupVaultArn({ accountId, region, partition: "aws" }, name), lock };
}

function placement(
  vaults: ReadonlyMap<string, VaultRef>,
  centralVaults: ReadonlyMap<string, VaultRef>,
  name: string,
  p: ProtectionPolicy,
  region: string,
): Placement {
  const effective: ProtectionIntent = { backup: p.backup, amis: p.amis, snapshots: p.snapshots };
  const b = p.backup;
  const copies: CopyPlacement[] = [];
  if (b?.copyToCentral)
    copies.push({
      kind: "central-account",
      vault: centralVaults.get(region)!,
      retentionDays: b.copyToCentral.retentionDays,
      coldStorageAfterDays: b.copyToCentral.coldStorageAfterDays,
    });
  if (b?.copyToRegion && b.copyToRegion.region !== region) {
    copies.push({
      kind: "other-region",
      vault: vaults.get(b.copyToRegion.region)!,
      retentionDays: b.copyToRegion.retentionDays,
      coldStorageAfterDays: b.copyToRegion.coldStorageAfterDays,
    });
  }
  return {
    policy: name,
    description: p.description,
    profile: p.profile,
    tag: p.tag,
    region,
    intent: b?.via === "organization-policy" ? { ...effective, backup: undefined } : effective,
    effective,
    vault: b ? vaults.get(region) : undefined,
    copies,
    rpoMinutes: {
      backup: b ? backupGapMinutes(b.schedule) : undefined,
      continuous: b?.continuousBackup ? true : undefined,
      amis: p.amis ? dlmGapMinutes(p.amis.create) : undefined,
      snapshots: p.snapshots ? dlmGapMinutes(p.snapshots.create) : undefined,
    },
  };
}

/** Resolves a checked config into the model. */
export function buildRolloutModel(config: RolloutConfig): RolloutModel {
  const central = config.centralBackup;
  const centralVaults = new Map(central.regions.map((r) => [r, vault(central.accountId, r, central.vaultName, central.vaultLock)]));
  const members = config.members.map((m): MemberModel => {
    const vaults = new Map(m.regions.map((r) => [r, vault(m.accountId, r, memberVaultName(config), m.vaultLock)]));
    const applied = m.protection ?? Object.keys(config.protectionPolicies);
    const placements = applied.flatMap((name) => m.regions.map((region) => placement(vaults, centralVaults, name, config.protectionPolicies[name], region)));
    return { config: m, stack: memberStackName(m), vaults, placements };
  });
  return { config, managementStack: managementStackName(), centralStack: centralStackName(config), centralVaults, members };
}
