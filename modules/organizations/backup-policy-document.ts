import { AwsCron, KNOWN_REGIONS, Validator, checkBackupVaultArn, iamRoleArn } from "../core";

/** A copy of each recovery point, into a vault named by ARN; `$account` stands for the receiving account. */
export interface BackupPolicyCopyAction {
  /** e.g. `arn:<partition>:backup:us-west-2:$account:backup-vault:local` or a central vault's literal ARN. */
  readonly targetVaultArn: string;
  /** Days until the copy is deleted. @default kept as long as the source */
  readonly deleteAfterDays?: number;
  /** Days until the copy moves to cold storage. @default never */
  readonly coldStorageAfterDays?: number;
}

export interface BackupPolicyRule {
  /** Rule name: 1-50 of letters, digits, `-`, `_`, `.`. */
  readonly name: string;
  /** AWS cron expression. */
  readonly schedule: string;
  /** Vault the rule writes to, in every receiving account and region; must exist there. */
  readonly targetVaultName: string;
  /** @default 60 */
  readonly startWindowMinutes?: number;
  /** @default 1440 */
  readonly completionWindowMinutes?: number;
  readonly deleteAfterDays?: number;
  readonly coldStorageAfterDays?: number;
  /** Point-in-time recovery for supported resources. @default false */
  readonly continuousBackup?: boolean;
  readonly copyActions?: readonly BackupPolicyCopyAction[];
}

export interface BackupPolicyPlan {
  /** Plan name, as it appears in each receiving account. */
  readonly name: string;
  /** Regions the plan runs in, in every receiving account. */
  readonly regions: readonly string[];
  readonly rules: readonly BackupPolicyRule[];
  /** Resources with this tag key and one of these values are backed up. */
  readonly selectionTag: { readonly key: string; readonly values: readonly string[] };
  /** Name of the IAM role AWS Backup assumes in each receiving account (`arn:<partition>:iam::$account:role<path><name>`). */
  readonly roleName: string;
  /** IAM path of that role. @default "/" */
  readonly rolePath?: string;
  /** Windows VSS for EC2. @default false */
  readonly windowsVss?: boolean;
  /** @default "aws" */
  readonly partition?: string;
}

/** The Organizations backup policy limit on document size. */
export const BACKUP_POLICY_MAX_CHARACTERS = 10_000;

const RULE_NAME = /^[a-zA-Z0-9\-_.]{1,50}$/;
const VAULT_NAME = /^[a-zA-Z0-9\-_]{2,50}$/;

const assign = (value: unknown) => ({ "@@assign": value });

/**
 * Builds an AWS Organizations backup policy document in the `@@assign` operator syntax, validated so that it is
 * not rejected with MalformedPolicyDocumentException. Numbers are strings, as the syntax requires; `$account` is
 * the only variable used, and only inside ARNs.
 * @see https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_backup_syntax.html
 */
export function buildBackupPolicyDocument(plans: readonly BackupPolicyPlan[], where = "BackupPolicy"): Record<string, unknown> {
  const v = new Validator(where);
  v.check(plans.length > 0, "plans", plans, "a backup policy needs at least one plan");
  const planNames = new Set<string>();
  const doc: Record<string, unknown> = {};
  plans.forEach((plan, pi) => {
    const pp = `plans[${pi}]`;
    v.matches(`${pp}.name`, plan.name, RULE_NAME, "plan names are 1-50 of letters, digits, - _ .");
    v.check(!planNames.has(plan.name), `${pp}.name`, plan.name, "plan names must be unique in a policy (duplicate JSON keys are rejected)");
    planNames.add(plan.name);
    v.check(plan.regions.length > 0, `${pp}.regions`, plan.regions, "name at least one region");
    plan.regions.forEach((r, i) => v.check(KNOWN_REGIONS.has(r), `${pp}.regions[${i}]`, r, "must be an AWS region name"));
    v.check(plan.rules.length > 0, `${pp}.rules`, plan.rules, "a plan needs at least one rule");
    v.matches(`${pp}.roleName`, plan.roleName, /^[\w+=,.@-]{1,64}$/, "must be an IAM role name (not an ARN)");
    v.matches(`${pp}.rolePath`, plan.rolePath, /^\/([\x21-\x7E]{0,510}\/)?$/, 'must start and end with "/", e.g. "/service-role/"');
    v.check(plan.selectionTag.key.length > 0, `${pp}.selectionTag.key`, plan.selectionTag.key, "is required");
    v.check(plan.selectionTag.values.length > 0, `${pp}.selectionTag.values`, plan.selectionTag.values, "name at least one value");
    const partition = plan.partition ?? "aws";
    const ruleNames = new Set<string>();
    const rules: Record<string, unknown> = {};
    plan.rules.forEach((rule, ri) => {
      const rp = `${pp}.rules[${ri}]`;
      v.matches(`${rp}.name`, rule.name, RULE_NAME, "rule names are 1-50 of letters, digits, - _ .");
      v.check(!ruleNames.has(rule.name), `${rp}.name`, rule.name, "rule names must be unique in a plan");
      ruleNames.add(rule.name);
      try {
        AwsCron.parse(rule.schedule, where, `${rp}.schedule`);
      } catch (e) {
        v.check(false, `${rp}.schedule`, rule.schedule, (e as Error).message.replace(/^.*?: /, ""));
      }
      v.matches(`${rp}.targetVaultName`, rule.targetVaultName, VAULT_NAME, "vault names are 2-50 of letters, digits, - _");
      const start = rule.startWindowMinutes ?? 60;
      const complete = rule.completionWindowMinutes ?? 1440;
      v.check(start >= 60, `${rp}.startWindowMinutes`, start, "must be at least 60 minutes");
      v.check(complete > start, `${rp}.completionWindowMinutes`, complete, `must be greater than the start window (${start})`);
      checkLifecycle(v, rp, rule.deleteAfterDays, rule.coldStorageAfterDays);
      v.check(
        !(rule.continuousBackup && rule.coldStorageAfterDays !== undefined),
        `${rp}.coldStorageAfterDays`,
        rule.coldStorageAfterDays,
        "continuous backups cannot move to cold storage",
      );
      if (rule.continuousBackup) v.intInRange(`${rp}.deleteAfterDays`, rule.deleteAfterDays ?? 0, 1, 35, "days for continuous backups");
      const copies: Record<string, unknown> = {};
      (rule.copyActions ?? []).forEach((c, ci) => {
        const cp = `${rp}.copyActions[${ci}]`;
        checkBackupVaultArn(v, `${cp}.targetVaultArn`, c.targetVaultArn.replace("$account", "000000000000"));
        checkLifecycle(v, cp, c.deleteAfterDays, c.coldStorageAfterDays);
        copies[c.targetVaultArn] = { target_backup_vault_arn: assign(c.targetVaultArn), ...lifecycle(c.deleteAfterDays, c.coldStorageAfterDays) };
      });
      rules[rule.name] = {
        schedule_expression: assign(rule.schedule),
        start_backup_window_minutes: assign(String(start)),
        complete_backup_window_minutes: assign(String(complete)),
        target_backup_vault_name: assign(rule.targetVaultName),
        ...(rule.continuousBackup ? { enable_continuous_backup: assign(true) } : {}),
        ...lifecycle(rule.deleteAfterDays, rule.coldStorageAfterDays),
        ...(Object.keys(copies).length > 0 ? { copy_actions: copies } : {}),
      };
    });
    doc[plan.name] = {
      regions: assign([...plan.regions]),
      rules,
      selections: {
        tags: {
          [`${plan.selectionTag.key}`.replace(/[^a-zA-Z0-9_-]/g, "_")]: {
            iam_role_arn: assign(iamRoleArn(partition, "$account", plan.roleName, plan.rolePath ?? "/")),
            tag_key: assign(plan.selectionTag.key),
            tag_value: assign([...plan.selectionTag.values]),
          },
        },
      },
      ...(plan.windowsVss ? { advanced_backup_settings: { ec2: { windows_vss: assign("enabled") } } } : {}),
    };
  });
  v.throwIfAny();
  const document = { plans: doc };
  const size = JSON.stringify(document).length;
  v.check(
    size <= BACKUP_POLICY_MAX_CHARACTERS,
    "plans",
    `${size} characters`,
    `a backup policy document may hold at most ${BACKUP_POLICY_MAX_CHARACTERS} characters`,
    "split the plans over several policies",
  );
  v.throwIfAny();
  return document;
}

function checkLifecycle(v: Validator, path: string, deleteAfter?: number, cold?: number): void {
  v.intInRange(`${path}.deleteAfterDays`, deleteAfter, 1, 36500, "days");
  v.intInRange(`${path}.coldStorageAfterDays`, cold, 1, 36500, "days");
  if (deleteAfter !== undefined && cold !== undefined) {
    v.check(deleteAfter >= cold + 90, `${path}.deleteAfterDays`, deleteAfter, `must be at least coldStorageAfterDays + 90 (${cold + 90})`);
  }
}

function lifecycle(deleteAfter?: number, cold?: number): Record<string, unknown> {
  if (deleteAfter === undefined && cold === undefined) return {};
  return {
    lifecycle: {
      ...(cold !== undefined ? { move_to_cold_storage_after_days: assign(String(cold)) } : {}),
      ...(deleteAfter !== undefined ? { delete_after_days: assign(String(deleteAfter)) } : {}),
    },
  };
}
