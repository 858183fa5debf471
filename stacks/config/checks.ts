/**
 * Whole-organization checks of a rollout config: what no single construct can see. Every problem is reported, each
 * with the JSON path of the value to change.
 */
import { AwsCron, ValidationError, partitionOf } from "../../modules/core";
import { parseArn } from "../../modules/core/private/aws";
import type { ConfigProblem } from "./problems";
import { centralStackName, managementStackName, memberStackName } from "./stack-names";
import type { BackupIntent, RolloutConfig, VaultLockConfig } from "./schema";

function cronProblem(expression: string, path: string, limits?: { minGapMinutes: number; maxGapMinutes: number }): ConfigProblem | undefined {
  try {
    const cron = AwsCron.parse(expression, path, "schedule");
    if (limits) {
      const f = cron.frequency();
      if (f.minGapMinutes < limits.minGapMinutes)
        return { path, message: `${JSON.stringify(expression)} runs every ${f.minGapMinutes} minutes; DLM schedules may run at most hourly` };
      if (f.maxGapMinutes > limits.maxGapMinutes)
        return {
          path,
          message: `${JSON.stringify(expression)} leaves ${Math.round(f.maxGapMinutes / 1440)} days between runs; DLM schedules must run at least once a year`,
        };
    }
    return undefined;
  } catch (e) {
    if (e instanceof ValidationError) return { path, message: e.problems.map((p) => p.rule).join("; ") };
    throw e;
  }
}

function lockProblems(lock: VaultLockConfig | undefined, path: string): ConfigProblem[] {
  if (!lock) return [];
  const out: ConfigProblem[] = [];
  if (lock.maxRetentionDays !== undefined && lock.maxRetentionDays <= lock.minRetentionDays) {
    out.push({ path: `${path}.maxRetentionDays`, message: `${lock.maxRetentionDays} must be greater than minRetentionDays (${lock.minRetentionDays})` });
  }
  if (lock.mode === "compliance" && lock.acknowledgeIrreversible !== true) {
    out.push({
      path: `${path}.acknowledgeIrreversible`,
      message: "compliance mode can never be undone after changeableForDays (not even by AWS): set acknowledgeIrreversible to true, or use governance mode",
    });
  }
  if (lock.mode === "governance" && lock.changeableForDays !== undefined) {
    out.push({ path: `${path}.changeableForDays`, message: "is only for compliance mode (setting it is what makes a lock compliance mode)" });
  }
  return out;
}

/** Problems of a retention that lands in a vault locked with `lock`. */
function fitsLock(retentionDays: number | undefined, lock: VaultLockConfig | undefined, path: string, vault: string): ConfigProblem[] {
  if (!lock) return [];
  const kept = retentionDays === undefined ? "kept forever" : `${retentionDays} days`;
  if (retentionDays !== undefined && retentionDays < lock.minRetentionDays) {
    return [{ path, message: `${kept} is shorter than the ${lock.minRetentionDays}-day minimum of the lock on ${vault}: every job into it would fail` }];
  }
  if (lock.maxRetentionDays !== undefined && (retentionDays === undefined || retentionDays > lock.maxRetentionDays)) {
    return [{ path, message: `${kept} is longer than the ${lock.maxRetentionDays}-day maximum of the lock on ${vault}: every job into it would fail` }];
  }
  return [];
}

function lifecycleProblems(retentionDays: number, coldStorageAfterDays: number | undefined, path: string): ConfigProblem[] {
  if (coldStorageAfterDays === undefined || retentionDays >= coldStorageAfterDays + 90) return [];
  return [
    {
      path: `${path}.retentionDays`,
      message: `${retentionDays} days is less than coldStorageAfterDays + 90 (${coldStorageAfterDays + 90}): recovery points must stay 90 days in cold storage`,
    },
  ];
}

function backupProblems(b: BackupIntent, path: string): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const c = cronProblem(b.schedule, `${path}.schedule`);
  if (c) out.push(c);
  if (b.timezone !== undefined && b.timezone !== "UTC" && !Intl.supportedValuesOf("timeZone").includes(b.timezone)) {
    out.push({ path: `${path}.timezone`, message: `${JSON.stringify(b.timezone)} is not an IANA timezone name such as Europe/Paris` });
  }
  if (b.completionWindowMinutes <= b.startWindowMinutes) {
    out.push({
      path: `${path}.completionWindowMinutes`,
      message: `${b.completionWindowMinutes} must be greater than startWindowMinutes (${b.startWindowMinutes})`,
    });
  }
  out.push(...lifecycleProblems(b.retentionDays, b.coldStorageAfterDays, path));
  if (b.copyToCentral) out.push(...lifecycleProblems(b.copyToCentral.retentionDays, b.copyToCentral.coldStorageAfterDays, `${path}.copyToCentral`));
  if (b.copyToRegion) out.push(...lifecycleProblems(b.copyToRegion.retentionDays, b.copyToRegion.coldStorageAfterDays, `${path}.copyToRegion`));
  if (b.continuousBackup && b.coldStorageAfterDays !== undefined) {
    out.push({ path: `${path}.coldStorageAfterDays`, message: "continuous backups (point-in-time recovery) cannot move to cold storage" });
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
  const why = `but the rollout is in partition ${partition} (management.region ${config.management.region}): an organization, its role assumptions and cross-account copies never span partitions`;
  const out: ConfigProblem[] = [];
  const region = (path: string, r: string) => {
    if (partitionOf(r) !== partition) out.push({ path, message: `${r} is in partition ${partitionOf(r)}, ${why}` });
  };
  const arn = (path: string, a: string | undefined) => {
    const p = a === undefined ? undefined : parseArn(a)?.partition;
    if (p !== undefined && p !== partition) out.push({ path, message: `${JSON.stringify(a)} is an ARN of partition ${p}, ${why}` });
  };
  region("stateBackend.region", config.stateBackend.region);
  arn("stateBackend.kmsKeyArn", config.stateBackend.kmsKeyArn);
  arn("stateBackend.roleArn", config.stateBackend.roleArn);
  arn("management.deployRoleArn", config.management.deployRoleArn);
  config.centralBackup.regions.forEach((r, i) => region(`centralBackup.regions[${i}]`, r));
  arn("centralBackup.deployRoleArn", config.centralBackup.deployRoleArn);
  config.members.forEach((m, i) => {
    m.regions.forEach((r, j) => region(`members[${i}].regions[${j}]`, r));
    arn(`members[${i}].deployRoleArn`, m.deployRoleArn);
  });
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
    if (first) out.push({ path, message: `account ${id} is already used at ${first}: management, central backup and each member must be different accounts` });
    else accounts.set(id, path);
  };
  claim(central.accountId, "centralBackup.accountId");
  config.members.forEach((m, i) => claim(m.accountId, `members[${i}].accountId`));

  const stacks = new Map<string, string>([[managementStackName(), "management"]]);
  const claimStack = (name: string, path: string) => {
    const first = stacks.get(name);
    if (first) out.push({ path, message: `stack name ${JSON.stringify(name)} (and so its state key) is already used by ${first}` });
    else stacks.set(name, path);
  };
  claimStack(centralStackName(config), "centralBackup.name");
  config.members.forEach((m, i) => claimStack(memberStackName(m), `members[${i}].name`));

  const regionSets: Array<[readonly string[], string]> = [
    [central.regions, "centralBackup.regions"],
    ...config.members.map((m, i) => [m.regions, `members[${i}].regions`] as [readonly string[], string]),
  ];
  for (const [regions, path] of regionSets) {
    regions.forEach((r, j) => {
      if (regions.indexOf(r) !== j) out.push({ path: `${path}[${j}]`, message: `region ${r} is listed twice` });
    });
  }

  out.push(...partitionProblems(config));

  out.push(...lockProblems(central.vaultLock, "centralBackup.vaultLock"));
  config.members.forEach((m, i) => out.push(...lockProblems(m.vaultLock, `members[${i}].vaultLock`)));

  // Protection policies on their own.
  for (const [name, p] of Object.entries(config.protectionPolicies)) {
    const path = `protectionPolicies.${name}`;
    if (!p.backup && !p.amis && !p.snapshots) out.push({ path, message: "protects nothing: give backup, amis or snapshots" });
    if (p.backup) out.push(...backupProblems(p.backup, `${path}.backup`));
    for (const kind of ["amis", "snapshots"] as const) {
      const d = p[kind];
      if (d && "cron" in d.create) {
        const c = cronProblem(d.create.cron, `${path}.${kind}.create.cron`, { minGapMinutes: 60, maxGapMinutes: 366 * 1440 });
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
        path: `${path}.ou`,
        message: `${JSON.stringify(m.ou)} is not a key of organization.organizationalUnits (${Object.keys(config.organization.organizationalUnits).join(", ") || "none defined"})`,
      });
    }
    const applied = m.protection ?? Object.keys(config.protectionPolicies);
    applied.forEach((name, j) => {
      const p = config.protectionPolicies[name];
      if (!p) {
        out.push({
          path: `${path}.protection[${j}]`,
          message: `${JSON.stringify(name)} is not a protection policy (${Object.keys(config.protectionPolicies).join(", ")})`,
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
              path: `${where}.backup.copyToRegion.region`,
              message: `${p.backup.copyToRegion.region} is not a region of member ${m.name} (${m.regions.join(", ")}), which applies this policy: it has no vault there`,
            });
          }
        }
        if (p.backup.copyToCentral) {
          m.regions.forEach((r, k) => {
            if (!central.regions.includes(r)) {
              out.push({
                path: `${path}.regions[${k}]`,
                message: `${r} has no central vault (centralBackup.regions: ${central.regions.join(", ")}), but policy ${name} copies to the central vault of the same region`,
              });
            }
          });
        }
      }
      if (p.snapshots?.shareWithCentral) {
        m.regions.forEach((r, k) => {
          if (!central.regions.includes(r)) {
            out.push({
              path: `${path}.regions[${k}]`,
              message: `${r} is not a central backup region (${central.regions.join(", ")}), but policy ${name} shares snapshots with the central account, which receives them only in its regions`,
            });
          }
        });
      }
      for (const kind of ["amis", "snapshots"] as const) {
        const copy = p[kind]?.crossRegionCopy;
        if (copy && !m.regions.includes(copy.region)) {
          out.push({
            path: `${where}.${kind}.crossRegionCopy.region`,
            message: `${copy.region} is not a region of member ${m.name} (${m.regions.join(", ")}): copies are encrypted with the member's key in the target region, which exists only in its regions`,
          });
        }
      }
    });
  });
  return dedupe(out.map((p) => relocate(config, p)));
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
function relocate(config: RolloutConfig, problem: ConfigProblem): ConfigProblem {
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

function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.path}\u0000${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
