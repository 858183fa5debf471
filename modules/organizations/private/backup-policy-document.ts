import { AwsCron, Retention, ValidationError, Validator } from "../../core";
import { BACKUP_RULE_NAME_PATTERN, BACKUP_VAULT_NAME_PATTERN } from "../../core/rules/names";
import { MAX_CONTINUOUS_RETENTION_DAYS, MAX_RETENTION_DAYS, MIN_COLD_STORAGE_DAYS, MIN_START_WINDOW_MINUTES } from "../../core/rules/lifecycle";
import { Token } from "../../core/cdktf";
import { KNOWN_REGIONS, checkBackupVaultArn, iamRoleArn } from "../../core/private/aws";
import { DeprecatedPropUse, pickRenamed } from "../../core/private/deprecation";
import { resolveBackupWindows } from "../../core/private/backup-windows";
import { isUnresolved } from "../../core/private/errors";
import { retentionInDays } from "../../core/private/retention";
import type { BackupPolicyPlan, BackupPolicyRule } from "../backup-policy-plan";
import { awsRejects, libraryNeeds } from "../../core/rules/authority";

/** The Organizations backup policy limit on document size. */
export const BACKUP_POLICY_MAX_CHARACTERS = 10_000;

const RULE_NAME = BACKUP_RULE_NAME_PATTERN;
const VAULT_NAME = BACKUP_VAULT_NAME_PATTERN;

const assign = (value: unknown) => ({ "@@assign": value });

/**
 * Builds an AWS Organizations backup policy document in the `@@assign` operator syntax, validated so that it is
 * not rejected with MalformedPolicyDocumentException. Numbers are strings, as the syntax requires; `$account` is
 * the only variable used, and only inside ARNs.
 * Deprecated props found are added to `uses`, for the construct that owns the document to warn about.
 * @see https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_backup_syntax.html
 */
export function buildBackupPolicyDocument(plans: readonly BackupPolicyPlan[], where = "BackupPolicy", uses: DeprecatedPropUse[] = []): Record<string, unknown> {
  const v = new Validator(where);
  v.check(plans.length > 0, "plans", plans, libraryNeeds("at least one plan in a backup policy"));
  const planNames = new Set<string>();
  const doc: Record<string, unknown> = {};
  plans.forEach((plan, pi) => {
    const pp = `plans[${pi}]`;
    v.matches(`${pp}.name`, plan.name, RULE_NAME, awsRejects("plan names other than 1-50 letters, digits, - _ ."));
    v.check(!planNames.has(plan.name), `${pp}.name`, plan.name, awsRejects("two plans of one policy with the same name (duplicate JSON keys)"));
    planNames.add(plan.name);
    v.check(plan.regions.length > 0, `${pp}.regions`, plan.regions, awsRejects("a plan without regions"));
    plan.regions.forEach((r, i) => v.check(KNOWN_REGIONS.has(r), `${pp}.regions[${i}]`, r, awsRejects("region names it has not published")));
    v.check(plan.rules.length > 0, `${pp}.rules`, plan.rules, awsRejects("a plan without rules"));
    v.matches(
      `${pp}.roleName`,
      plan.roleName,
      /^[\w+=,.@-]{1,64}$/,
      awsRejects("role names other than 1-64 letters, digits and + = , . @ _ - (a name, not an ARN)"),
    );
    v.matches(
      `${pp}.rolePath`,
      plan.rolePath,
      /^\/([\x21-\x7E]{0,510}\/)?$/,
      awsRejects('role paths that do not start and end with "/", e.g. "/service-role/"'),
    );
    v.check(plan.selectionTag.key.length > 0, `${pp}.selectionTag.key`, plan.selectionTag.key, awsRejects("a tag selection without a tag key"));
    v.check(plan.selectionTag.values.length > 0, `${pp}.selectionTag.values`, plan.selectionTag.values, awsRejects("a tag selection without values"));
    const partition = plan.partition ?? "aws";
    const ruleNames = new Set<string>();
    const rules: Record<string, unknown> = {};
    plan.rules.forEach((rule, ri) => {
      const rp = `${pp}.rules[${ri}]`;
      v.matches(`${rp}.name`, rule.name, RULE_NAME, awsRejects("rule names other than 1-50 letters, digits, - _ ."));
      v.check(!ruleNames.has(rule.name), `${rp}.name`, rule.name, awsRejects("two rules of one plan with the same name"));
      ruleNames.add(rule.name);
      try {
        AwsCron.parse(rule.schedule, where, `${rp}.schedule`);
      } catch (e) {
        if (!(e instanceof ValidationError)) throw e;
        for (const p of e.problems) v.check(false, `${rp}.schedule`, rule.schedule, p.rule, p.fix);
      }
      v.matches(`${rp}.targetVaultName`, rule.targetVaultName, VAULT_NAME, awsRejects("vault names other than 2-50 letters, digits, - _"));
      // Organizations backup policies default to a 60-minute start and a 24-hour completion window.
      const { start, completion: complete } = resolveBackupWindows(v, uses, (name) => `${rp}.${name}`, rule, {
        startMinutes: MIN_START_WINDOW_MINUTES,
        completionMinutes: 1440,
      });
      const life = checkLifecycle(v, uses, rp, rule);
      v.check(
        !(rule.continuousBackup && life.coldGiven !== undefined),
        life.coldField,
        life.coldGiven,
        awsRejects("continuous backups moving to cold storage"),
      );
      if (rule.continuousBackup) {
        v.check(
          life.deleteDays === undefined ? life.deleteGiven !== undefined : life.deleteDays >= 1 && life.deleteDays <= MAX_CONTINUOUS_RETENTION_DAYS,
          life.deleteField,
          life.deleteGiven,
          awsRejects(`continuous backups kept outside 1 to ${MAX_CONTINUOUS_RETENTION_DAYS} days`),
        );
      }
      const copies: Record<string, unknown> = {};
      (rule.copyActions ?? []).forEach((c, ci) => {
        const cp = `${rp}.copyActions[${ci}]`;
        // $account is filled in per receiving account: check the ARN with an account ID in its place, report it as written.
        const arnOk = checkBackupVaultArn(new Validator(where), `${cp}.targetVaultArn`, c.targetVaultArn.replace("$account", "000000000000")).ok;
        v.check(
          arnOk,
          `${cp}.targetVaultArn`,
          c.targetVaultArn,
          awsRejects("anything but a backup-vault ARN arn:<partition>:backup:<region>:<12-digit account or $account>:backup-vault:<name> here"),
        );
        const copyLife = checkLifecycle(v, uses, cp, c);
        copies[c.targetVaultArn] = { target_backup_vault_arn: assign(c.targetVaultArn), ...lifecycle(copyLife.deleteDays, copyLife.coldDays) };
      });
      rules[rule.name] = {
        schedule_expression: assign(rule.schedule),
        start_backup_window_minutes: assign(numberText(start!)),
        complete_backup_window_minutes: assign(numberText(complete!)),
        target_backup_vault_name: assign(rule.targetVaultName),
        ...(rule.continuousBackup ? { enable_continuous_backup: assign(true) } : {}),
        ...lifecycle(life.deleteDays, life.coldDays),
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
    awsRejects(`backup policy documents longer than ${BACKUP_POLICY_MAX_CHARACTERS} characters`),
    "split the plans over several policies",
  );
  v.throwIfAny();
  return document;
}

/** A rule's or copy action's retentions in days, and the fields and values the caller gave, for messages. */
interface LifecycleDays {
  readonly deleteDays?: number;
  readonly deleteField: string;
  readonly deleteGiven: unknown;
  readonly coldDays?: number;
  readonly coldField: string;
  readonly coldGiven: unknown;
}

/** Resolves and checks a lifecycle: 1-36500 days each, deletion at least 90 days after the move to cold storage (modules/core/rules/lifecycle). */
function checkLifecycle(
  v: Validator,
  uses: DeprecatedPropUse[],
  path: string,
  l: Pick<BackupPolicyRule, "deleteAfter" | "deleteAfterDays" | "coldStorageAfter" | "coldStorageAfterDays">,
): LifecycleDays {
  const del = pickRenamed(v, uses, {
    field: `${path}.deleteAfter`,
    value: l.deleteAfter,
    oldField: `${path}.deleteAfterDays`,
    oldValue: l.deleteAfterDays,
    fromOld: Retention.days,
  });
  const cold = pickRenamed(v, uses, {
    field: `${path}.coldStorageAfter`,
    value: l.coldStorageAfter,
    oldField: `${path}.coldStorageAfterDays`,
    oldValue: l.coldStorageAfterDays,
    fromOld: Retention.days,
  });
  const deleteDays = del.value === undefined ? undefined : retentionInDays(v, del.field, del.value);
  const coldDays = cold.value === undefined ? undefined : retentionInDays(v, cold.field, cold.value);
  if (deleteDays !== undefined)
    v.check(deleteDays >= 1 && deleteDays <= MAX_RETENTION_DAYS, del.field, del.given, awsRejects(`retentions outside 1 to ${MAX_RETENTION_DAYS} days`));
  if (coldDays !== undefined)
    v.check(coldDays >= 1 && coldDays <= MAX_RETENTION_DAYS, cold.field, cold.given, awsRejects(`retentions outside 1 to ${MAX_RETENTION_DAYS} days`));
  if (deleteDays !== undefined && coldDays !== undefined && !isUnresolved(coldDays)) {
    const coldName = cold.field.replace(/^.*\./, "");
    v.check(
      deleteDays >= coldDays + MIN_COLD_STORAGE_DAYS,
      del.field,
      del.given,
      awsRejects(
        `a deletion earlier than ${coldName} + ${MIN_COLD_STORAGE_DAYS} days (${coldDays + MIN_COLD_STORAGE_DAYS}): recovery points stay in cold storage at least ${MIN_COLD_STORAGE_DAYS} days`,
      ),
    );
  }
  return { deleteDays, deleteField: del.field, deleteGiven: del.given, coldDays, coldField: cold.field, coldGiven: cold.given };
}

/** A number as the policy syntax writes it: a string. A token becomes a string token that Terraform fills in. */
function numberText(n: number): string {
  return isUnresolved(n) ? Token.asString(n) : String(n);
}

function lifecycle(deleteAfter?: number, cold?: number): Record<string, unknown> {
  if (deleteAfter === undefined && cold === undefined) return {};
  return {
    lifecycle: {
      ...(cold !== undefined ? { move_to_cold_storage_after_days: assign(numberText(cold)) } : {}),
      ...(deleteAfter !== undefined ? { delete_after_days: assign(numberText(deleteAfter)) } : {}),
    },
  };
}
