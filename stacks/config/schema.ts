/**
 * The rollout config: one description of an organization's backup and lifecycle intent. Shape, types and defaults
 * are checked here (zod); cross-account rules are checked by the rollout model. Published as JSON Schema in
 * rollout.schema.json so editors complete and check config files.
 */
import { z } from "zod";
import { ACCOUNT_ID_PATTERN, KMS_KEY_ARN_PATTERN, KNOWN_REGIONS } from "../../modules/core/private/aws";
import { BACKUP_RESOURCE_TYPES } from "../../modules/backup/private/resource-types";
import { PROFILE_NAMES, ProfileName, profilePreset } from "../../modules/profiles/intent";
import { mergeIntent } from "../../modules/profiles/private/intent";
import { THREATS, Threat, intentForObjectives } from "../../modules/profiles/objectives";
import { OBJECTIVE_DURATION_PATTERN, OBJECTIVE_RESOURCE_TYPES } from "../../modules/core/rules/recovery-times";
import { ConfigWarning, jsonPath } from "./problems";
import { awsRejects, libraryNeeds, libraryRejects, terraformRejects } from "../../modules/core/rules/authority";
import { ConfigCheckClass, isConfigCheckClass } from "./check-classes";
import { ROLLOUT_TAG_KEYS } from "./stack-names";
import { BACKUP_VAULT_NAME_PATTERN, CONFIG_NAME_PATTERN, IAM_ROLE_NAME_PATTERN } from "../../modules/core/rules/names";
import { OU_ID_PATTERN, ORGANIZATION_ID_PATTERN, ROOT_ID_PATTERN } from "../../modules/core/rules/organizations";
import { S3_BUCKET_NAME_PATTERN, STATE_KEY_PREFIX_PATTERN, s3BucketNameRule, stateKeyPrefixRule } from "../../modules/core/rules/s3";
import { MAX_TAGS_PER_RESOURCE, TAG_KEY_MAX_LENGTH, TAG_VALUE_MAX_LENGTH, tagKeyRule, tagValueRule } from "../../modules/core/rules/tags";
import { HCP_NAME_PATTERN, HCP_PROJECT_NAME_PATTERN, HCP_TERRAFORM_HOSTNAME, hostnameRule } from "../../modules/core/rules/hcp-terraform";
import { MAX_CONTINUOUS_RETENTION_DAYS, MAX_RETENTION_DAYS, MIN_START_WINDOW_MINUTES } from "../../modules/core/rules/lifecycle";
import { CONFIG_SECURE_DEFAULT_NAMES, SecureDefaultName } from "../../modules/core/rules/secure-defaults";

/**
 * Adds an issue at `path` (relative to the value being refined) that names its class of checks, which the problem it
 * becomes carries (checkClassOfIssue). Every refinement of this schema reports through here.
 */
function refuse(ctx: z.RefinementCtx, checkClass: ConfigCheckClass, message: string, path: PropertyKey[] = []): void {
  ctx.addIssue({ code: "custom", path, message, params: { checkClass } });
}

/** Adds an issue at `path` (relative to the value being refined) when `rule` is a broken rule. */
function issueIf(ctx: z.RefinementCtx, checkClass: ConfigCheckClass, rule: string | undefined, path: PropertyKey[] = []): void {
  if (rule !== undefined) refuse(ctx, checkClass, rule, path);
}

/**
 * Fields whose length, pattern and range rules (zod's own checks, also stated in the JSON Schema) belong to a class of
 * checks other than shape and types: the README lists the state backend's and the tags' limits, and the cron syntax
 * of schedules, with their classes.
 */
const VALUE_RULE_CLASSES: readonly (readonly [RegExp, ConfigCheckClass])[] = [
  [/^stateBackend(\.|$)/, "state-backend"],
  [/^tags(\.|$)/, "tags"],
  [/\.tag\.(key|value)$/, "tags"],
  [/(^|\.)(schedule|create\.cron)$/, "schedules"],
];
const VALUE_RULE_CODES: readonly string[] = ["too_big", "too_small", "invalid_format"];

/**
 * The class of checks a zod issue of the rollout schema belongs to: the one its refinement names; for a length, pattern
 * or range rule, the class of its field; otherwise shape and types.
 */
export function checkClassOfIssue(issue: z.core.$ZodIssue, path: string): ConfigCheckClass {
  const named = issue.code === "custom" ? (issue.params as { checkClass?: unknown } | undefined)?.checkClass : undefined;
  if (isConfigCheckClass(named)) return named;
  if (VALUE_RULE_CODES.includes(issue.code)) return VALUE_RULE_CLASSES.find(([at]) => at.test(path))?.[1] ?? "shape";
  return "shape";
}

/** Tag keys every stack's default tags add to the config's `tags`. */

const accountId = z.string().regex(ACCOUNT_ID_PATTERN, awsRejects("account IDs other than 12 digits (quote it, so leading zeros survive)"));
const region = z.enum([...KNOWN_REGIONS] as [string, ...string[]], { error: awsRejects("anything but an AWS region name such as us-east-1") });
const roleArn = z
  .string()
  .regex(
    /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/,
    awsRejects("IAM role ARNs not of the form arn:<partition>:iam::<12-digit account>:role/<name>"),
  );
const kmsKeyArn = z.string().regex(KMS_KEY_ARN_PATTERN, libraryNeeds("a KMS key ARN (not an alias) whose key ID is a UUID or an mrk- ID"));
const days = (min: number, max: number) => z.number().int(libraryNeeds("a whole number of days")).min(min).max(max);
const name = z.string().regex(CONFIG_NAME_PATTERN, libraryRejects("names other than 1-40 lowercase letters, digits and hyphens, starting with a letter"));
const cron = z.string().regex(/^cron\(.*\)$/, awsRejects('schedules other than a cron expression such as "cron(0 5 ? * * *)"'));
const tag = z
  .object({ key: z.string().min(1).max(TAG_KEY_MAX_LENGTH), value: z.string().max(TAG_VALUE_MAX_LENGTH) })
  .strict()
  .superRefine((t, ctx) => {
    issueIf(ctx, "tags", tagKeyRule(t.key), ["key"]);
    issueIf(ctx, "tags", tagValueRule(t.value), ["value"]);
  });
/** The shape of a bucket name (s3BucketNameRule adds S3's other rules); a zod message, so one text for both buckets. */
const S3_BUCKET_NAME_RULE = awsRejects("bucket names that are not 3-63 lowercase letters, digits, dots and hyphens, with a letter or digit at both ends");
const s3Bucket = z
  .string()
  .regex(S3_BUCKET_NAME_PATTERN, S3_BUCKET_NAME_RULE)
  .superRefine((b, ctx) => issueIf(ctx, "state-backend", s3BucketNameRule(b)));
/** Tags every resource gets (the providers' default tags), checked as AWS checks tags; a few keys are the rollout's own. */
const defaultTags = z.record(z.string(), z.string()).superRefine((tags, ctx) => {
  const keys = Object.keys(tags);
  const room = MAX_TAGS_PER_RESOURCE - ROLLOUT_TAG_KEYS.length;
  if (keys.length > room)
    refuse(
      ctx,
      "tags",
      `has ${keys.length} tags and the stacks add ${ROLLOUT_TAG_KEYS.length} (${ROLLOUT_TAG_KEYS.join(", ")}), so at most ${room}: ${awsRejects(`more than ${MAX_TAGS_PER_RESOURCE} tags on one resource`)}`,
    );
  for (const k of keys) {
    // Default tags land on every resource, IAM roles, KMS keys and vaults included.
    issueIf(ctx, "tags", tagKeyRule(k, { everyService: true }), [k]);
    issueIf(ctx, "tags", tagValueRule(tags[k], { everyService: true }), [k]);
    if (ROLLOUT_TAG_KEYS.includes(k))
      issueIf(
        ctx,
        "tags",
        libraryRejects(`tag keys the stacks set themselves (${ROLLOUT_TAG_KEYS.join(", ")}): the provider would silently replace the value; use another key`),
        [k],
      );
  }
});
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, awsRejects("times other than HH:MM (UTC)"));

export const vaultLockSchema = z
  .object({
    mode: z.enum(["governance", "compliance"]).describe("governance: removable by privileged users; compliance: irreversible after changeableForDays"),
    minRetentionDays: days(1, MAX_RETENTION_DAYS),
    maxRetentionDays: days(1, MAX_RETENTION_DAYS).optional(),
    changeableForDays: days(3, MAX_RETENTION_DAYS).optional().describe("compliance only: grace period before the lock becomes immutable"),
    acknowledgeIrreversible: z.boolean().optional().describe("compliance only: must be true"),
  })
  .strict();

/**
 * `retentionDays` was once called `retainDays` in DLM copies and shares. The old name is still read, mapped here, until
 * this version; `deprecationWarnings` reports each use with its path. Giving both names is refused.
 */
const OLD_RETENTION_NAME = "retainDays";
const OLD_RETENTION_NAME_REMOVED_IN = "0.3.0";
/** Where, in a policy's intents (and in a profile's overrides), objects may still use the old name. */
const OLD_RETENTION_NAME_AT: readonly (readonly [string, string])[] = [
  ["amis", "crossRegionCopy"],
  ["snapshots", "crossRegionCopy"],
  ["snapshots", "shareWithCentral"],
];

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** An object with `retentionDays` under its old name mapped to the new one; `conflict` is called when both are given. */
function renameOldRetention(value: unknown, conflict: () => void): unknown {
  if (!isRecord(value) || !(OLD_RETENTION_NAME in value)) return value;
  const { [OLD_RETENTION_NAME]: days, ...rest } = value;
  if ("retentionDays" in rest) {
    conflict();
    return value;
  }
  return { ...rest, retentionDays: days };
}

const bothNames = libraryRejects(`both retentionDays and ${OLD_RETENTION_NAME}, its old name: keep only retentionDays`);

/** Intents (or overrides of them) with the old name mapped wherever it may appear; `conflict` gets the path of each clash. */
function renameOldRetentionInIntents(intents: unknown, conflict: (path: readonly string[]) => void = () => undefined): unknown {
  if (!isRecord(intents)) return intents;
  const out: Record<string, unknown> = { ...intents };
  for (const [kind, key] of OLD_RETENTION_NAME_AT) {
    const parent = out[kind];
    if (!isRecord(parent) || !(key in parent)) continue;
    out[kind] = { ...parent, [key]: renameOldRetention(parent[key], () => conflict([kind, key, OLD_RETENTION_NAME])) };
  }
  return out;
}

/** The input of an object whose `retentionDays` may still be given as `retainDays`. */
type WithOldRetentionName<T> = T | (Omit<T, "retentionDays"> & { /** @deprecated use retentionDays */ readonly retainDays: number });

/** An object schema that also reads the old name of its `retentionDays`. */
function readingOldRetentionName<T extends z.ZodObject<{ retentionDays: z.ZodType<number> }>>(schema: T) {
  return z.preprocess<unknown, T, WithOldRetentionName<z.input<T>>>(
    (value, ctx) => renameOldRetention(value, () => refuse(ctx, "shape", bothNames, [OLD_RETENTION_NAME])),
    schema,
  );
}

/** Every use of a deprecated config key in a raw rollout, at its JSON path: warnings, not errors. */
export function deprecationWarnings(input: unknown): ConfigWarning[] {
  const policies = isRecord(input) ? input.protectionPolicies : undefined;
  if (!isRecord(policies)) return [];
  const out: ConfigWarning[] = [];
  for (const [name, policy] of Object.entries(policies)) {
    for (const base of [[], ["overrides"]]) {
      for (const at of OLD_RETENTION_NAME_AT) {
        const path = [...base, ...at];
        const holder = path.reduce<unknown>((v, k) => (isRecord(v) ? v[k] : undefined), policy);
        if (isRecord(holder) && OLD_RETENTION_NAME in holder && !("retentionDays" in holder)) {
          out.push({
            path: jsonPath(["protectionPolicies", name, ...path, OLD_RETENTION_NAME]),
            message: `is deprecated: rename it to retentionDays, the name of every retention in the config (${OLD_RETENTION_NAME} is read until ${OLD_RETENTION_NAME_REMOVED_IN})`,
          });
        }
      }
    }
  }
  return out;
}

const copyRetention = z
  .object({
    retentionDays: days(1, MAX_RETENTION_DAYS).describe("how long the copy is kept"),
    coldStorageAfterDays: days(1, MAX_RETENTION_DAYS).optional(),
  })
  .strict();

export const backupIntentSchema = z
  .object({
    schedule: cron.describe("when backups run, AWS cron"),
    timezone: z.string().optional().describe("IANA timezone of the schedule; UTC when omitted"),
    startWindowMinutes: z.number().int().min(MIN_START_WINDOW_MINUTES).default(MIN_START_WINDOW_MINUTES),
    completionWindowMinutes: z.number().int().min(61).default(1440),
    retentionDays: days(1, MAX_RETENTION_DAYS),
    coldStorageAfterDays: days(1, MAX_RETENTION_DAYS).optional(),
    continuousBackup: z
      .object({ retentionDays: days(1, MAX_CONTINUOUS_RETENTION_DAYS) })
      .strict()
      .optional()
      .describe("point-in-time recovery for supported resources, kept 1-35 days"),
    copyToCentral: copyRetention.optional().describe("copy every recovery point to the central backup account's vault in the same region"),
    copyToRegion: copyRetention.extend({ region }).strict().optional().describe("copy every recovery point to this account's vault in another of its regions"),
    windowsVss: z.boolean().default(false),
    via: z
      .enum(["member-stacks", "organization-policy"])
      .default("member-stacks")
      .describe("member-stacks: plans live in each member stack; organization-policy: an Organizations backup policy from the management account"),
  })
  .strict();

const dlmCreate = z.union([
  z.object({ cron }).strict(),
  z
    .object({
      everyHours: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(6), z.literal(8), z.literal(12), z.literal(24)]),
      at: hhmm.optional(),
    })
    .strict(),
]);

export const amiIntentSchema = z
  .object({
    create: dlmCreate,
    retainCount: z.number().int().min(1).max(1000),
    noReboot: z.boolean().default(true).describe("true: crash-consistent AMIs without a reboot"),
    deprecateAfterCount: z.number().int().min(1).max(1000).optional().describe("deprecate an AMI once this many newer ones exist"),
    crossRegionCopy: readingOldRetentionName(z.object({ region, retentionDays: days(1, 36500).describe("how long each copy is kept") }).strict()).optional(),
  })
  .strict();

export const snapshotIntentSchema = z
  .object({
    resourceType: z.enum(["VOLUME", "INSTANCE"]).default("VOLUME"),
    create: dlmCreate,
    retainCount: z.number().int().min(1).max(1000),
    crossRegionCopy: readingOldRetentionName(z.object({ region, retentionDays: days(1, 36500).describe("how long each copy is kept") }).strict()).optional(),
    fastRestoreZones: z
      .array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d[a-z]$/))
      .min(1)
      .max(10)
      .optional(),
    shareWithCentral: readingOldRetentionName(z.object({ retentionDays: days(1, 36500).describe("how long the central account keeps its copy") }).strict())
      .optional()
      .describe("share every snapshot with the central backup account, which copies it into its own account with its own key"),
  })
  .strict();

const objectiveDuration = z.string().regex(OBJECTIVE_DURATION_PATTERN, libraryNeeds('a whole number and a unit: "30m", "4h" or "1d"'));

export const objectivesSchema = z
  .object({
    rpo: objectiveDuration.optional().describe('most data that may be lost: the longest allowed gap between two recovery points, e.g. "4h"'),
    rto: objectiveDuration.optional().describe('longest time to get a resource back, checked per resource type against the recovery-time table, e.g. "15m"'),
    resourceTypes: z
      .array(z.enum(OBJECTIVE_RESOURCE_TYPES))
      .min(1)
      .optional()
      .describe("the resource types carrying the tag: the RTO, RPO, copies and restore tests are checked for each"),
    survives: z
      .array(z.enum(THREATS as [Threat, ...Threat[]]))
      .optional()
      .describe("region-loss: a copy in another region; account-compromise: a copy in another account's locked vault; ransomware: an immutable copy"),
    minRetentionDays: days(1, MAX_RETENTION_DAYS).optional().describe("recovery points are kept at least this long"),
    restoreTestEveryDays: z.number().int().min(1).max(365).optional().describe("restores of the tag's resources are tested at least this often"),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.rto !== undefined && o.resourceTypes === undefined)
      refuse(ctx, "objectives", libraryNeeds("resourceTypes with rto: how fast a resource comes back depends on its type"), ["resourceTypes"]);
  });

const intentsSchema = z
  .object({ backup: backupIntentSchema.optional(), amis: amiIntentSchema.optional(), snapshots: snapshotIntentSchema.optional() })
  .strict();

const ONLY_WITH_PROFILE = libraryRejects("drRegion and overrides without a profile: they are only used with a profile");

export const protectionPolicySchema = z
  .object({
    description: z.string().max(200).optional(),
    tag: tag.describe("resources carrying this tag get this protection"),
    profile: z
      .enum(PROFILE_NAMES as [ProfileName, ...ProfileName[]])
      .optional()
      .describe("a preset: fast-ec2-dr (DLM AMIs), compliance (AWS Backup with central copies), both (recommended); tune it with overrides"),
    drRegion: region.optional().describe("with a profile: the region its AMIs and backups are copied to"),
    overrides: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('with a profile: values that replace the preset\'s, e.g. { "backup": { "retentionDays": 90 } }; null removes one'),
    backup: backupIntentSchema.optional(),
    amis: amiIntentSchema.optional(),
    snapshots: snapshotIntentSchema.optional(),
    objectives: objectivesSchema
      .optional()
      .describe("what the policy must achieve, checked at synth; given alone (no backup, amis, snapshots or profile), the mechanisms are picked from it"),
  })
  .strict()
  .transform((p, ctx) => {
    if (!p.profile && p.objectives && !p.backup && !p.amis && !p.snapshots) {
      if (p.overrides !== undefined) refuse(ctx, "shape", ONLY_WITH_PROFILE, ["overrides"]);
      // Objectives alone: the mechanisms are picked from them, then checked like any other policy's.
      const picked = intentsSchema.safeParse(renameOldRetentionInIntents(intentForObjectives(p.objectives, p.drRegion)));
      if (!picked.success) {
        for (const issue of picked.error.issues)
          ctx.addIssue({ ...issue, path: ["objectives"], message: `${issue.message} (in the mechanisms picked from the objectives)` } as never);
        return z.NEVER;
      }
      return { ...p, ...picked.data };
    }
    if (!p.profile) {
      for (const k of ["drRegion", "overrides"] as const) {
        if (p[k] !== undefined) refuse(ctx, "shape", ONLY_WITH_PROFILE, [k]);
      }
      return p;
    }
    for (const k of ["backup", "amis", "snapshots"] as const) {
      if (p[k] !== undefined) refuse(ctx, "shape", libraryRejects(`${k} next to a profile: change its values through overrides.${k}`), [k]);
    }
    // Both sides of the merge use the current name: the presets (which still say retainDays) silently, the user's
    // overrides with deprecation warnings (deprecationWarnings), so a preset value and an override always meet.
    let clash = false;
    const overrides = renameOldRetentionInIntents(p.overrides ?? {}, (path) => {
      clash = true;
      refuse(ctx, "shape", bothNames, ["overrides", ...path]);
    }) as Record<string, unknown>;
    if (clash) return z.NEVER;
    const preset = renameOldRetentionInIntents(profilePreset(p.profile, p.drRegion));
    const merged = intentsSchema.safeParse(mergeIntent(preset, overrides), { reportInput: true });
    if (!merged.success) {
      for (const issue of merged.error.issues)
        ctx.addIssue({ ...issue, path: ["overrides", ...issue.path], message: `${issue.message} (after applying profile ${p.profile})` } as never);
      return z.NEVER;
    }
    return { ...p, overrides: p.overrides === undefined ? undefined : overrides, ...merged.data };
  });

export const memberSchema = z
  .object({
    name: name.describe("short name; the stack is member-<name>"),
    accountId,
    ou: z.string().optional().describe("key of organization.organizationalUnits"),
    regions: z.array(region).min(1).describe("first region is the primary one"),
    deployRoleArn: roleArn.optional(),
    protection: z.array(z.string()).optional().describe("names of protection policies applied in this account; all when omitted"),
    vaultLock: vaultLockSchema.optional().describe("lock of this account's local vaults"),
    workloadKeys: z
      .object({
        ebsDefault: z
          .boolean()
          .default(true)
          .describe("make the workload key of each region the account's EBS default key (aws/ebs snapshots cannot be copied to another account)"),
        existingKeyArns: z
          .partialRecord(region, z.array(kmsKeyArn).min(1))
          .default({})
          .describe("customer-managed keys workloads already use (RDS, EFS, ...), by region; their key policies must grant the central account"),
      })
      .strict()
      .default({ ebsDefault: true, existingKeyArns: {} })
      .describe("per region a customer-managed workload key whose recovery points the central account may copy"),
  })
  .strict()
  .superRefine((m, ctx) => {
    // A named key must be the member's own in that region: the central account copies with it there.
    for (const [r, arns] of Object.entries(m.workloadKeys.existingKeyArns)) {
      if (!m.regions.includes(r))
        refuse(ctx, "places", libraryRejects("keys of a region that is not one of the member's regions"), ["workloadKeys", "existingKeyArns", r]);
      (arns ?? []).forEach((arn, i) => {
        const [, , , keyRegion, keyAccount] = arn.split(":");
        if (keyRegion !== r || keyAccount !== m.accountId)
          refuse(
            ctx,
            "places",
            libraryNeeds(`a key of account ${m.accountId} in ${r}: the central account copies recovery points with the workload's own key`),
            ["workloadKeys", "existingKeyArns", r, i],
          );
      });
    }
  });

const s3StateBackend = z
  .object({
    type: z.literal("s3").optional().describe("s3 (the default): state in an S3 bucket, encrypted and locked"),
    bucket: s3Bucket,
    region,
    keyPrefix: z
      .string()
      .regex(STATE_KEY_PREFIX_PATTERN)
      .superRefine((k, ctx) => issueIf(ctx, "state-backend", stateKeyPrefixRule(k)))
      .default("backup-dr"),
    kmsKeyArn: kmsKeyArn.optional(),
    roleArn: roleArn.optional(),
  })
  .strict();

const cloudStateBackend = z
  .object({
    type: z.literal("cloud").describe("cloud: one HCP Terraform / Terraform Enterprise workspace per stack"),
    organization: z
      .string()
      .regex(HCP_NAME_PATTERN, terraformRejects("organization names other than letters, numbers, - and _ (HCP Terraform and Terraform Enterprise)"))
      .describe("the HCP Terraform or Terraform Enterprise organization"),
    hostname: z
      .string()
      .superRefine((h, ctx) => issueIf(ctx, "state-backend", hostnameRule(h)))
      .default(HCP_TERRAFORM_HOSTNAME)
      .describe("app.terraform.io for HCP Terraform, the Terraform Enterprise host otherwise"),
    project: z
      .string()
      .regex(
        HCP_PROJECT_NAME_PATTERN,
        terraformRejects("project names other than 1-40 letters, numbers, inner spaces, - and _ (HCP Terraform and Terraform Enterprise)"),
      )
      .optional()
      .describe("project the workspaces belong to; the organization's default project when omitted"),
    // 42 = 90 (workspace name limit) - 1 (hyphen) - 47 (longest stack name: member- and a 40-character member name).
    workspacePrefix: z
      .string()
      .regex(HCP_NAME_PATTERN, terraformRejects("workspace names other than letters, numbers, - and _ (HCP Terraform and Terraform Enterprise)"))
      .max(
        42,
        terraformRejects("workspace names longer than 90 characters (HCP Terraform), which <prefix>-<stack name> can reach with a prefix longer than 42"),
      )
      .optional()
      .describe("each stack's workspace is <workspacePrefix>-<stack name>; the rollout name when omitted"),
    runRoleName: z
      .string()
      .regex(IAM_ROLE_NAME_PATTERN)
      .default("BackupDrHcpTerraform")
      .describe("role each workspace's runs assume through dynamic provider credentials (OIDC) in the stack's account"),
  })
  .strict();

/** Where every stack keeps its state: S3 (the default, `type` may be left out) or HCP Terraform / Terraform Enterprise. */
const stateBackendSchema = z.discriminatedUnion("type", [s3StateBackend, cloudStateBackend], {
  error: libraryNeeds('an S3 backend (bucket, region; type "s3" or no type) or type "cloud" (organization)'),
});

export const rolloutSchema = z
  .object({
    $schema: z.string().optional(),
    name: name.describe("rollout name, used in resource names and default tags"),
    organization: z
      .object({
        id: z.string().regex(ORGANIZATION_ID_PATTERN, awsRejects("organization IDs other than o- and 10-32 lowercase letters or digits, such as o-a1b2c3d4e5")),
        rootId: z.string().regex(ROOT_ID_PATTERN, awsRejects("root IDs other than r- and 4-32 lowercase letters or digits, such as r-ab12")),
        managementAccountId: accountId,
        organizationalUnits: z
          .record(
            z.string(),
            z
              .string()
              .regex(
                OU_ID_PATTERN,
                awsRejects("OU IDs other than ou-<4-32 of the root's letters or digits>-<8-32 letters or digits>, such as ou-ab12-11111111"),
              ),
          )
          .default({}),
      })
      .strict(),
    stateBackend: stateBackendSchema,
    deployRoleName: z
      .string()
      .regex(IAM_ROLE_NAME_PATTERN)
      .default("BackupDrDeploy")
      .describe("role Terraform assumes in every account unless the account names its own"),
    breakGlassRoleName: z.string().regex(IAM_ROLE_NAME_PATTERN).default("BackupBreakGlass").describe("the only role allowed to delete recovery points"),
    tags: defaultTags.default({}),
    management: z
      .object({
        region,
        deployRoleArn: roleArn.optional(),
        delegateBackupAdministrator: z.boolean().default(true),
      })
      .strict(),
    centralBackup: z
      .object({
        name: name.default("central-backup"),
        accountId,
        regions: z.array(region).min(1),
        deployRoleArn: roleArn.optional(),
        vaultName: z.string().regex(BACKUP_VAULT_NAME_PATTERN).default("org-central-backup"),
        vaultLock: vaultLockSchema.optional(),
        airGapped: z
          .boolean()
          .default(false)
          .describe(
            "make the central vaults logically air-gapped (always compliance-locked; retention bounds from vaultLock, min at least 7 days, max required)",
          ),
        notifications: z.boolean().default(true),
        audit: z
          .object({ reportBucket: z.string().regex(S3_BUCKET_NAME_PATTERN, S3_BUCKET_NAME_RULE), reportPrefix: z.string().optional() })
          .strict()
          .optional(),
      })
      .strict()
      .superRefine((c, ctx) => {
        if (!c.airGapped) return;
        // A logically air-gapped vault takes its retention bounds at creation: at least 7 days, and a maximum.
        if (!c.vaultLock || c.vaultLock.minRetentionDays < 7 || c.vaultLock.maxRetentionDays === undefined)
          refuse(
            ctx,
            "lifecycles",
            awsRejects(
              "a logically air-gapped vault without a minimum retention of at least 7 days and a maximum: with airGapped, give vaultLock.minRetentionDays (at least 7) and vaultLock.maxRetentionDays, its bounds",
            ),
            ["vaultLock"],
          );
      }),
    secureDefaults: z
      .object({
        optOut: z
          .array(z.enum(CONFIG_SECURE_DEFAULT_NAMES as [SecureDefaultName, ...SecureDefaultName[]]))
          .default([])
          .describe("secure defaults of this project (not AWS rules) to turn off; each is flagged in the DR report (see the README's table)"),
      })
      .strict()
      .default({ optOut: [] })
      .describe("opt-outs of this project's secure defaults"),
    restoreTesting: z
      .object({
        schedule: cron.describe("when restore tests run"),
        resourceTypes: z.array(z.enum(["Aurora", "DocumentDB", "DynamoDB", "EBS", "EC2", "EFS", "FSx", "Neptune", "RDS", "S3"])).min(1),
        tag: tag.describe("restore-test resources carrying this tag"),
        selectionWindowDays: z.number().int().min(1).max(365).default(7),
        validationWindowHours: z.number().int().min(0).max(168).default(4),
      })
      .strict()
      .optional()
      .describe(
        "restore tests of the latest recovery points in every member's primary-region vault, in the vaults of other regions its plans copy to, and in the central vaults",
      ),
    dlmDefaultPolicies: z
      .array(
        z
          .object({
            resourceType: z.enum(["VOLUME", "INSTANCE"]),
            createIntervalDays: z.number().int().min(1).max(7).default(1),
            retainIntervalDays: z.number().int().min(2).max(14).default(7),
          })
          .strict(),
      )
      .max(2)
      .optional()
      .describe("DLM default policies in every member region: snapshots of whatever no other policy covers"),
    backupRegionSettings: z
      .object({
        resourceTypeOptIn: z
          .record(z.string(), z.boolean())
          .superRefine((types, ctx) => {
            for (const t of Object.keys(types)) {
              if (!BACKUP_RESOURCE_TYPES.includes(t))
                refuse(ctx, "shape", awsRejects(`resource types other than those of AWS Backup: ${BACKUP_RESOURCE_TYPES.join(", ")}`), [t]);
            }
          })
          .default({})
          .describe("opt-in per resource type in every member region, over what the protection policies select (true adds a type, false leaves it out)"),
      })
      .strict()
      .optional()
      .describe("AWS Backup region settings of the member accounts; by default the types a tag selection reaches are opted in where a policy backs up"),
    members: z.array(memberSchema).min(1),
    objectives: z
      .enum(["enforce", "report"])
      .default("enforce")
      .describe("enforce: a protection policy whose mechanisms miss its objectives is refused at synth; report: only shown in the DR report"),
    protectionPolicies: z.record(
      z.string().regex(CONFIG_NAME_PATTERN, libraryRejects("policy names other than 1-40 lowercase letters, digits and hyphens, starting with a letter")),
      protectionPolicySchema,
    ),
  })
  .strict();

export type RolloutInput = z.input<typeof rolloutSchema>;
export type RolloutConfig = z.output<typeof rolloutSchema>;
// The intents here name every retention retentionDays; the rollout model hands them to the modules in their shapes.
export type ProtectionPolicy = z.output<typeof protectionPolicySchema>;
export type MemberConfig = z.output<typeof memberSchema>;
export type S3StateBackendConfig = z.output<typeof s3StateBackend>;
export type CloudStateBackendConfig = z.output<typeof cloudStateBackend>;
export type ObjectivesConfig = z.output<typeof objectivesSchema>;
export type VaultLockConfig = z.output<typeof vaultLockSchema>;
export type BackupIntent = z.output<typeof backupIntentSchema>;
export type AmiIntent = z.output<typeof amiIntentSchema>;
export type SnapshotIntent = z.output<typeof snapshotIntentSchema>;

/** The JSON Schema of the rollout config (what rollout.schema.json holds). */
export function rolloutJsonSchema(): unknown {
  return {
    ...(z.toJSONSchema(rolloutSchema, { io: "input", unrepresentable: "any" }) as object),
    title: "Backup and DR rollout",
  };
}
