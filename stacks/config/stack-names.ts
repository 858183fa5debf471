/**
 * Stack names: part of the contract users and pipelines rely on (state keys and remote-state reads are built from
 * them), derived from the config alone so the config checks can see collisions. Changing one is a breaking change.
 */
import type { MemberConfig, RolloutConfig } from "./schema";

export const MANAGEMENT_STACK = "management";

/** The management account's stack name. */
export function managementStackName(): string {
  return MANAGEMENT_STACK;
}

/** The central backup account's stack name (the config's centralBackup.name, default `central-backup`). */
export function centralStackName(config: RolloutConfig): string {
  return config.centralBackup.name;
}

/** A member account's stack name: `member-<name>`. */
export function memberStackName(member: Pick<MemberConfig, "name">): string {
  return `member-${member.name}`;
}

/** The tags every resource of a rollout carries besides the config's own: its rollout and its stack. */
export function rolloutTags(rollout: string, stack: string): { readonly BackupDrRollout: string; readonly BackupDrStack: string } {
  return { BackupDrRollout: rollout, BackupDrStack: stack };
}

/** The keys of rolloutTags: the config may not set them (the provider would silently replace them). */
export const ROLLOUT_TAG_KEYS: readonly string[] = Object.keys(rolloutTags("", ""));
