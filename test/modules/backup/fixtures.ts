import { Retention } from "../../../modules/core";
import { BackupPlan, BackupRuleProps, BackupVault, IBackupVault, Schedule } from "../../../modules/backup";
import { AccountStack } from "../../../stacks/account-stack";

export const ACCOUNT = "111111111111";
export const OTHER_ACCOUNT = "222222222222";
export const env = { accountId: ACCOUNT, region: "us-east-1" };
export const accessPolicy = { breakGlassRoleArns: [`arn:aws:iam::${ACCOUNT}:role/break-glass`] };
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/backup-service`;

export function vaultArn(name: string, region = "us-east-1", account = ACCOUNT): string {
  return `arn:aws:backup:${region}:${account}:backup-vault:${name}`;
}

/** A vault of the test account in us-east-1, by ARN (no resources). */
export const primary: IBackupVault = BackupVault.fromVaultArn(vaultArn("primary"));
/** A vault of the test account in us-west-2. */
export const drVault: IBackupVault = BackupVault.fromVaultArn(vaultArn("dr", "us-west-2"));
/** A locked vault of another account, accepting 7-400 days. */
export const central: IBackupVault = BackupVault.fromVaultArn(vaultArn("central", "us-east-1", OTHER_ACCOUNT), {
  minDays: 7,
  maxDays: 400,
  source: "central lock",
});

/** A valid daily rule into the primary vault, kept 35 days. */
export function dailyRule(overrides: Partial<BackupRuleProps> = {}): BackupRuleProps {
  return { ruleName: "daily", targetVault: primary, schedule: Schedule.daily(5), lifecycle: { deleteAfter: Retention.days(35) }, ...overrides };
}

/** A plan with one rule built from the overrides. */
export function planWith(stack: AccountStack, overrides: Partial<BackupRuleProps> = {}, id = "Plan"): BackupPlan {
  return new BackupPlan(stack, id, { planName: "test-plan", rules: [dailyRule(overrides)] });
}
