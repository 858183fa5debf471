/**
 * Whole-organization checks of a rollout config: what no single construct can see. Every problem is reported, each
 * with the JSON path of the value to change.
 */
import { awsRejects, libraryNeeds, libraryRejects } from "../../modules/core/rules/authority";
import { secureDefaultRule } from "../../modules/core/rules/secure-defaults";
import { partitionOf } from "../../modules/core";
import { parseArn } from "../../modules/core/private/aws";
import { coldStorageRule, completionWindowRule } from "../../modules/core/rules/lifecycle";
import { BACKUP_RULE_NAME_MAX_LENGTH, RESTORE_TESTING_NAME_MAX_LENGTH, derivedNameRule } from "../../modules/core/rules/names";
import { ouUnderRootRule, roleInAccountRule } from "../../modules/core/rules/organizations";
import { BACKUP_MIN_GAP_MINUTES, DLM_MAX_GAP_MINUTES, DLM_MIN_GAP_MINUTES, ScheduleLimits, cronRule } from "../../modules/core/rules/schedules";
import { timeZoneRule } from "../../modules/core/rules/time-zone";
import { ConfigProblem, dedupeProblems } from "./problems";
import { centralStackName, managementStackName, memberStackName } from "./stack-names";
import type { BackupIntent, RolloutConfig, VaultLockConfig } from "./schema";

function cronProblem(expression: string, path: string, limits: ScheduleLimits = {}): ConfigProblem | undefined {
  const rule = cronRule(expression, limits);
  return rule === undefined ? undefined : { checkClass: "schedules", path, message: rule };
}

function lockProblems(lock: VaultLockConfig | undefined, path: string): ConfigProblem[] {
  if (!lock) return [];
  const out: ConfigProblem[] = [];
  if (lock.maxRetentionDays !== undefined && lock.maxRetentionDays <= lock.minRetentionDays) {
    out.push({
      checkClass: "lifecycles",
      path: `${path}.maxRetentionDays`,
      message: `${lock.maxRetentionDays}: ${awsRejects(`a maximum retention not greater than minRetentionDays (${lock.minRetentionDays} days)`)}`,
    });
  }
  if (lock.mode === "compliance" && lock.acknowledgeIrreversible !== true) {
    out.push({
      checkClass: "lifecycles",
      path: `${path}.acknowledgeIrreversible`,
      message: libraryNeeds(
        "acknowledgeIrreversible: true for compliance mode, which can never be undone after changeableForDays (not even by AWS); or use governance mode",
      ),
    });
  }
  if (lock.mode === "governance" && lock.changeableForDays !== undefined) {
    out.push({
      checkClass: "lifecycles",
      path: `${path}.changeableForDays`,
      message: libraryRejects("changeableForDays with governance mode: setting it is what makes an AWS lock compliance mode"),
    });
  }
  return out;
}

/** Problems of a retention that lands in a vault locked with `lock`. */
function fitsLock(retentionDays: number | undefined, lock: VaultLockConfig | undefined, path: string, vault: string): ConfigProblem[] {
  if (!lock) return [];
  const kept = retentionDays === undefined ? "kept forever" : `${retentionDays} days`;
  if (retentionDays !== undefined && retentionDays < lock.minRetentionDays) {
    return [
      {
        checkClass: "lifecycles",
        path,
        message: `${kept}: ${awsRejects(`retentions shorter than the ${lock.minRetentionDays}-day minimum of the lock on ${vault}: every job into it would fail`)}`,
      },
    ];
  }
  if (lock.maxRetentionDays !== undefined && (retentionDays === undefined || retentionDays > lock.maxRetentionDays)) {
    return [
      {
        checkClass: "lifecycles",
        path,
        message: `${kept}: ${awsRejects(`retentions longer than the ${lock.maxRetentionDays}-day maximum of the lock on ${vault}: every job into it would fail`)}`,
      },
    ];
  }
  return [];
}

function lifecycleProblems(retentionDays: number, coldStorageAfterDays: number | undefined, path: string): ConfigProblem[] {
  const rule = coldStorageRule(retentionDays, coldStorageAfterDays);
  return rule === undefined
    ? []
    : [{ checkClass: "lifecycles", path: `${path}.retentionDays`, message: `${retentionDays} days: ${rule} (coldStorageAfterDays ${coldStorageAfterDays})` }];
}

function backupProblems(b: BackupIntent, path: string): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const c = cronProblem(b.schedule, `${path}.schedule`, { minGapMinutes: BACKUP_MIN_GAP_MINUTES, service: "AWS Backup" });
  if (c) out.push(c);
  const zone = b.timezone === undefined ? undefined : timeZoneRule(b.timezone);
  if (zone) out.push({ checkClass: "schedules", path: `${path}.timezone`, message: `${JSON.stringify(b.timezone)}: ${zone}` });
  const window = completionWindowRule(b.startWindowMinutes, b.completionWindowMinutes);
  if (window)
    out.push({ checkClass: "lifecycles", path: `${path}.completionWindowMinutes`, message: `${b.completionWindowMinutes}: ${window} (startWindowMinutes)` });
  out.push(...lifecycleProblems(b.retentionDays, b.coldStorageAfterDays, path));
  if (b.copyToCentral) out.push(...lifecycleProblems(b.copyToCentral.retentionDays, b.copyToCentral.coldStorageAfterDays, `${path}.copyToCentral`));
  if (b.copyToRegion) out.push(...lifecycleProblems(b.copyToRegion.retentionDays, b.copyToRegion.coldStorageAfterDays, `${path}.copyToRegion`));
  if (b.continuousBackup && b.coldStorageAfterDays !== undefined) {
    out.push({
      checkClass: "lifecycles",
      path: `${path}.coldStorageAfterDays`,
      message: awsRejects("cold storage for continuous backups (point-in-time recovery)"),
    });
  }
  return out;
}

/**
 * Problems of regions and ARNs outside the rollout's partition, which is that of the management account's region.
 * An organization lives in one partition: its accounts, the roles Terraform assumes in them, cross-account copies and
 * the state bucket (read with the same credentials) cannot reach into another one.
 */
function partitionProblems(config: RolloutConfig): ConfigProblem[] {
  const partition = partitionOf(config.management.region);
  const why = `but the rollout is in partition ${partition} (management.region ${config.management.region}): ${awsRejects("an organization, role assumptions or cross-account copies that span partitions")}`;
  const out: ConfigProblem[] = [];
  const region = (path: string, r: string) => {
    if (partitionOf(r) !== partition) out.push({ checkClass: "accounts", path, message: `${r} is in partition ${partitionOf(r)}, ${why}` });
  };
  const arn = (path: string, a: string | undefined) => {
    const p = a === undefined ? undefined : parseArn(a)?.partition;
    if (p !== undefined && p !== partition) out.push({ checkClass: "accounts", path, message: `${JSON.stringify(a)} is an ARN of partition ${p}, ${why}` });
  };
  const s3 = config.stateBackend.type === "cloud" ? undefined : config.stateBackend;
  if (s3) region("stateBackend.region", s3.region);
  arn("stateBackend.kmsKeyArn", s3?.kmsKeyArn);
  arn("stateBackend.roleArn", s3?.roleArn);
  arn("management.deployRoleArn", config.management.deployRoleArn);
  config.centralBackup.regions.forEach((r, i) => region(`centralBackup.regions[${i}]`, r));
  arn("centralBackup.deployRoleArn", config.centralBackup.deployRoleArn);
  config.members.forEach((m, i) => {
    m.regions.forEach((r, j) => region(`members[${i}].regions[${j}]`, r));
    arn(`members[${i}].deployRoleArn`, m.deployRoleArn);
  });
  return out;
}

/**
 * Problems of values listed twice: each repeat at its own path. `awsLimit`: AWS itself takes the value once (a DLM
 * default policy per resource type and Region); otherwise the repeat would give two constructs one name.
 */
function duplicateProblems(values: readonly string[], path: string, what: string, awsLimit = false): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  values.forEach((v, i) => {
    const first = values.indexOf(v);
    if (first !== i)
      out.push({
        checkClass: "lists",
        path: `${path}[${i}]`,
        message: `${what} ${JSON.stringify(v)} is already listed at ${path}[${first}]: ${awsLimit ? awsRejects("a second DLM default policy for one resource type in a Region: list it once") : libraryRejects("a list entry given twice: list it once")}`,
      });
  });
  return out;
}

/**
 * Problems of identifiers that cannot belong together: a deploy role in another account than the stack it deploys
 * (the provider's allowed_account_ids then refuses every plan), OUs under another root, one OU under two keys, a state
 * key in another region than its bucket.
 */
function identityProblems(config: RolloutConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const role = (path: string, arn: string | undefined, accountId: string, owner: string) => {
    const rule = arn === undefined ? undefined : roleInAccountRule(arn, accountId, owner);
    if (rule) out.push({ checkClass: "accounts", path, message: `${JSON.stringify(arn)} ${rule}` });
  };
  role(
    "management.deployRoleArn",
    config.management.deployRoleArn,
    config.organization.managementAccountId,
    "the management account (organization.managementAccountId)",
  );
  role(
    "centralBackup.deployRoleArn",
    config.centralBackup.deployRoleArn,
    config.centralBackup.accountId,
    "the central backup account (centralBackup.accountId)",
  );
  config.members.forEach((m, i) => role(`members[${i}].deployRoleArn`, m.deployRoleArn, m.accountId, `member ${m.name} (members[${i}].accountId)`));

  const ous = Object.entries(config.organization.organizationalUnits);
  const seen = new Map<string, string>();
  for (const [key, id] of ous) {
    const path = `organization.organizationalUnits.${key}`;
    const rule = ouUnderRootRule(id, config.organization.rootId);
    if (rule) out.push({ checkClass: "accounts", path, message: `${JSON.stringify(id)} ${rule} (organization.rootId)` });
    const first = seen.get(id);
    if (first !== undefined)
      out.push({
        checkClass: "accounts",
        path,
        message: `${JSON.stringify(id)} is already listed as organization.organizationalUnits.${first}: ${libraryRejects("one OU under two keys: list each OU once")}`,
      });
    else seen.set(id, key);
  }

  const s3 = config.stateBackend.type === "cloud" ? undefined : config.stateBackend;
  const key = s3?.kmsKeyArn === undefined ? undefined : parseArn(s3.kmsKeyArn);
  if (s3 && key && key.region !== s3.region) {
    out.push({
      checkClass: "state-backend",
      path: "stateBackend.kmsKeyArn",
      message: `is a key in ${key.region}, but the state bucket is in ${s3.region} (stateBackend.region): ${awsRejects("a KMS key from another region for an S3 bucket")}`,
    });
  }
  return out;
}

/** Names AWS gets from the config's names (`<rollout>-<policy>` and the like) that would not fit their limits. */
function derivedNameProblems(config: RolloutConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  for (const name of Object.keys(config.protectionPolicies)) {
    // The plan is named <rollout>-<policy> (stacks/model/naming.ts protectionName).
    const rule = derivedNameRule(`${config.name}-${name}`, "backup plan name", BACKUP_RULE_NAME_MAX_LENGTH);
    if (rule)
      out.push({
        checkClass: "derived-names",
        path: `protectionPolicies.${name}`,
        message: `with the rollout name ${JSON.stringify(config.name)} ${rule} (the rollout name or the policy name)`,
      });
  }
  for (const [name, policy] of Object.entries(config.protectionPolicies)) {
    if (policy.backup?.via !== "organization-policy") continue;
    // An Organizations policy's plan is keyed <rollout>-<policy>-<region> (stacks/model/naming.ts organizationPlanKey), and
    // the key is the plan's name in every receiving account. Checked here, not truncated: a changed key replaces the plan.
    const regions = [
      ...new Set(config.members.filter((m) => (m.protection ?? Object.keys(config.protectionPolicies)).includes(name)).flatMap((m) => m.regions)),
    ];
    const longest = regions.sort((a, b) => b.length - a.length || a.localeCompare(b))[0];
    const rule =
      longest === undefined
        ? undefined
        : derivedNameRule(`${config.name}-${name}-${longest}`, "Organizations backup policy's plan name", BACKUP_RULE_NAME_MAX_LENGTH);
    if (rule)
      out.push({
        checkClass: "derived-names",
        path: `protectionPolicies.${name}.backup.via`,
        message: `organization-policy with the rollout name ${JSON.stringify(config.name)} in ${longest} ${rule} (the rollout name or the policy name)`,
      });
  }
  if (config.restoreTesting) {
    config.members.forEach((m, i) => {
      // The restore testing plan is named <rollout>_<member> with underscores (stacks/model/naming.ts underscoreName).
      const derived = `${config.name}_${m.name}`.replace(/-/g, "_");
      const rule = derivedNameRule(derived, "restore testing plan name", RESTORE_TESTING_NAME_MAX_LENGTH);
      if (rule)
        out.push({
          checkClass: "derived-names",
          path: `members[${i}].name`,
          message: `with the rollout name ${JSON.stringify(config.name)} ${rule} (the rollout name or the member name)`,
        });
    });
  }
  return out;
}

/** Problems of lists that hold an entry twice, which would otherwise crash the build with two constructs of one name. */
function listDuplicateProblems(config: RolloutConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  config.members.forEach((m, i) => {
    if (m.protection) out.push(...duplicateProblems(m.protection, `members[${i}].protection`, "protection policy"));
  });
  if (config.restoreTesting) out.push(...duplicateProblems(config.restoreTesting.resourceTypes, "restoreTesting.resourceTypes", "resource type"));
  if (config.dlmDefaultPolicies)
    out.push(
      ...duplicateProblems(
        config.dlmDefaultPolicies.map((d) => d.resourceType),
        "dlmDefaultPolicies",
        "a default policy for resource type",
        true,
      ),
    );
  for (const [name, p] of Object.entries(config.protectionPolicies)) {
    if (p.snapshots?.fastRestoreZones)
      out.push(...duplicateProblems(p.snapshots.fastRestoreZones, `protectionPolicies.${name}.snapshots.fastRestoreZones`, "zone"));
  }
  return out;
}

/**
 * Problems of settings that AWS accepts and that then do nothing: a policy no member applies, fast snapshot restore in
 * zones of regions where the policy never runs, restore tests with no backups to test.
 */
function appliesNowhereProblems(config: RolloutConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const appliedBy = (policy: string) => config.members.filter((m) => (m.protection ?? Object.keys(config.protectionPolicies)).includes(policy));
  for (const [name, p] of Object.entries(config.protectionPolicies)) {
    const members = appliedBy(name);
    if (members.length === 0) {
      out.push({
        checkClass: "places",
        path: `protectionPolicies.${name}`,
        message: `is applied by no member (every member lists its protection without it): ${libraryRejects("a policy that would protect nothing: add it to a member's protection, or remove it")}`,
      });
      continue;
    }
    const regions = new Set(members.flatMap((m) => m.regions));
    (p.snapshots?.fastRestoreZones ?? []).forEach((zone, j) => {
      if (![...regions].some((r) => zone.startsWith(r) && /^[a-z]$/.test(zone.slice(r.length)))) {
        out.push({
          checkClass: "places",
          path: `protectionPolicies.${name}.snapshots.fastRestoreZones[${j}]`,
          message: `${zone} is not a zone of any region where the policy runs (${[...regions].join(", ")}): ${libraryRejects("fast snapshot restore in a zone where it would never be enabled")}`,
        });
      }
    });
  }
  if (config.restoreTesting) {
    const c = cronProblem(config.restoreTesting.schedule, "restoreTesting.schedule", { minGapMinutes: BACKUP_MIN_GAP_MINUTES, service: "AWS Backup" });
    if (c) out.push(c);
    const backedUp = config.members.some((m) => (m.protection ?? Object.keys(config.protectionPolicies)).some((n) => config.protectionPolicies[n]?.backup));
    if (!backedUp)
      out.push({
        checkClass: "places",
        path: "restoreTesting",
        message: `no member applies a protection policy with backup: ${libraryRejects("restore tests that would find no recovery points to test")}`,
      });
  }
  return out;
}

/** Every cross-account and cross-field problem of a shape-valid config. */
export function checkRollout(config: RolloutConfig): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const central = config.centralBackup;
  const mgmt = config.organization.managementAccountId;

  // Accounts and stack names are unique.
  const accounts = new Map<string, string>([[mgmt, "organization.managementAccountId"]]);
  const claim = (id: string, path: string) => {
    const first = accounts.get(id);
    if (first)
      out.push({
        checkClass: "accounts",
        path,
        message: `account ${id} is already used at ${first}: ${libraryNeeds("different accounts for management, central backup and each member")}`,
      });
    else accounts.set(id, path);
  };
  claim(central.accountId, "centralBackup.accountId");
  config.members.forEach((m, i) => claim(m.accountId, `members[${i}].accountId`));

  const stacks = new Map<string, string>([[managementStackName(), "management"]]);
  const claimStack = (name: string, path: string) => {
    const first = stacks.get(name);
    if (first)
      out.push({
        checkClass: "lists",
        path,
        message: `stack name ${JSON.stringify(name)} (and so its state key) is already used by ${first}: ${libraryRejects("two stacks of one name")}`,
      });
    else stacks.set(name, path);
  };
  claimStack(centralStackName(config), "centralBackup.name");
  config.members.forEach((m, i) => claimStack(memberStackName(m), `members[${i}].name`));

  // Secure defaults: each opt-out once; the central lock is required unless opted out.
  const optOut = config.secureDefaults.optOut;
  optOut.forEach((name, i) => {
    if (optOut.indexOf(name) !== i)
      out.push({
        checkClass: "secure-defaults",
        path: `secureDefaults.optOut[${i}]`,
        message: `${JSON.stringify(name)} is listed twice: ${libraryRejects("an opt-out given twice: list it once")}`,
      });
  });
  if (!central.vaultLock && !optOut.includes("central-vault-lock"))
    out.push({
      checkClass: "secure-defaults",
      path: "centralBackup.vaultLock",
      message: secureDefaultRule("central-vault-lock", "is required: the central vaults hold the copies that survive an account compromise"),
    });
  if (central.vaultLock && optOut.includes("central-vault-lock"))
    out.push({
      checkClass: "secure-defaults",
      path: `secureDefaults.optOut[${optOut.indexOf("central-vault-lock")}]`,
      message: `"central-vault-lock" is opted out, yet centralBackup.vaultLock is given: ${libraryRejects("an opt-out that would apply nowhere: remove one of them")}`,
    });

  const regionSets: Array<[readonly string[], string]> = [
    [central.regions, "centralBackup.regions"],
    ...config.members.map((m, i) => [m.regions, `members[${i}].regions`] as [readonly string[], string]),
  ];
  for (const [regions, path] of regionSets) {
    regions.forEach((r, j) => {
      if (regions.indexOf(r) !== j)
        out.push({
          checkClass: "lists",
          path: `${path}[${j}]`,
          message: `region ${r} is listed twice: ${libraryRejects("a region given twice: list it once")}`,
        });
    });
  }

  out.push(...partitionProblems(config));
  out.push(...identityProblems(config));
  out.push(...listDuplicateProblems(config));
  out.push(...derivedNameProblems(config));
  out.push(...appliesNowhereProblems(config));

  out.push(...lockProblems(central.vaultLock, "centralBackup.vaultLock"));
  config.members.forEach((m, i) => out.push(...lockProblems(m.vaultLock, `members[${i}].vaultLock`)));

  // Protection policies on their own.
  for (const [name, p] of Object.entries(config.protectionPolicies)) {
    const path = `protectionPolicies.${name}`;
    if (!p.backup && !p.amis && !p.snapshots)
      out.push({ checkClass: "places", path, message: `protects nothing: ${libraryNeeds("backup, amis or snapshots in a protection policy")}` });
    if (p.backup) out.push(...backupProblems(p.backup, `${path}.backup`));
    for (const kind of ["amis", "snapshots"] as const) {
      const d = p[kind];
      if (d && "cron" in d.create) {
        const c = cronProblem(d.create.cron, `${path}.${kind}.create.cron`, {
          minGapMinutes: DLM_MIN_GAP_MINUTES,
          maxGapMinutes: DLM_MAX_GAP_MINUTES,
          service: "DLM",
        });
        if (c) out.push(c);
      }
    }
    if (p.backup?.copyToCentral) {
      out.push(
        ...fitsLock(
          p.backup.copyToCentral.retentionDays,
          central.vaultLock,
          `${path}.backup.copyToCentral.retentionDays`,
          `the central vault ${central.vaultName}`,
        ),
      );
    }
  }

  // Members: what each one applies, and where copies go.
  config.members.forEach((m, i) => {
    const path = `members[${i}]`;
    if (m.ou !== undefined && !(m.ou in config.organization.organizationalUnits)) {
      out.push({
        checkClass: "references",
        path: `${path}.ou`,
        message: `${JSON.stringify(m.ou)} is not a key of organization.organizationalUnits (${Object.keys(config.organization.organizationalUnits).join(", ") || "none defined"}): ${libraryRejects("references to an OU key that is not defined")}`,
      });
    }
    const applied = m.protection ?? Object.keys(config.protectionPolicies);
    applied.forEach((name, j) => {
      const p = config.protectionPolicies[name];
      if (!p) {
        out.push({
          checkClass: "references",
          path: `${path}.protection[${j}]`,
          message: `${JSON.stringify(name)} is not a protection policy (${Object.keys(config.protectionPolicies).join(", ")}): ${libraryRejects("references to a policy name that is not defined")}`,
        });
        return;
      }
      const where = `protectionPolicies.${name}`;
      if (p.backup) {
        out.push(...fitsLock(p.backup.retentionDays, m.vaultLock, `${where}.backup.retentionDays`, `the local vaults of member ${m.name}`));
        if (p.backup.continuousBackup) {
          out.push(
            ...fitsLock(
              p.backup.continuousBackup.retentionDays,
              m.vaultLock,
              `${where}.backup.continuousBackup.retentionDays`,
              `the local vaults of member ${m.name}`,
            ),
          );
        }
        if (p.backup.copyToRegion) {
          out.push(
            ...fitsLock(p.backup.copyToRegion.retentionDays, m.vaultLock, `${where}.backup.copyToRegion.retentionDays`, `the local vaults of member ${m.name}`),
          );
          if (!m.regions.includes(p.backup.copyToRegion.region)) {
            out.push({
              checkClass: "places",
              path: `${where}.backup.copyToRegion.region`,
              message: `${p.backup.copyToRegion.region} is not a region of member ${m.name} (${m.regions.join(", ")}), which applies this policy: ${awsRejects("copies into a region where the account has no vault")}`,
            });
          }
        }
        if (p.backup.copyToCentral) {
          m.regions.forEach((r, k) => {
            if (!central.regions.includes(r)) {
              out.push({
                checkClass: "places",
                path: `${path}.regions[${k}]`,
                message: `${r} has no central vault (centralBackup.regions: ${central.regions.join(", ")}), but policy ${name} copies to the central vault of the same region: ${awsRejects("copies into a vault that does not exist")}`,
              });
            }
          });
        }
      }
      if (p.snapshots?.shareWithCentral) {
        m.regions.forEach((r, k) => {
          if (!central.regions.includes(r)) {
            out.push({
              checkClass: "places",
              path: `${path}.regions[${k}]`,
              message: `${r} is not a central backup region (${central.regions.join(", ")}), but policy ${name} shares snapshots with the central account: ${libraryRejects("sharing snapshots where the central account does not receive them (only in its regions)")}`,
            });
          }
        });
      }
      for (const kind of ["amis", "snapshots"] as const) {
        const copy = p[kind]?.crossRegionCopy;
        if (copy && !m.regions.includes(copy.region)) {
          out.push({
            checkClass: "places",
            path: `${where}.${kind}.crossRegionCopy.region`,
            message: `${copy.region} is not a region of member ${m.name} (${m.regions.join(", ")}): ${libraryRejects("copies into a region without the member's key: copies are encrypted with the member's key in the target region, which exists only in its regions")}`,
          });
        }
      }
    });
  });
  return dedupeProblems(out.map((p) => relocateProblem(config, p)));
}

function hasPath(value: unknown, keys: readonly string[]): boolean {
  let cur: unknown = value;
  for (const k of keys) {
    if (typeof cur !== "object" || cur === null || !(k in cur)) return false;
    cur = (cur as Record<string, unknown>)[k];
  }
  return true;
}

/**
 * Points a problem in a profile's merged values at what the user wrote: the override that set it, the drRegion the
 * preset copied to, or the profile itself.
 */
export function relocateProblem(config: RolloutConfig, problem: ConfigProblem): ConfigProblem {
  const m = /^protectionPolicies\.([^.]+)\.((?:backup|amis|snapshots)(?:\..+)?)$/.exec(problem.path);
  const policy = m ? config.protectionPolicies[m[1]] : undefined;
  if (!m || !policy?.profile) return problem;
  const rest = m[2].split(".");
  const base = `protectionPolicies.${m[1]}`;
  if (hasPath(policy.overrides, rest)) return { ...problem, path: `${base}.overrides.${m[2]}` };
  if (rest[rest.length - 1] === "region" && policy.drRegion)
    return { ...problem, path: `${base}.drRegion`, message: `${problem.message} (the ${policy.profile} preset copies ${rest[0]} there)` };
  return {
    ...problem,
    path: `${base}.profile`,
    message: `${problem.message} (value ${m[2]} from the ${policy.profile} preset; change it through overrides.${m[2]})`,
  };
}
