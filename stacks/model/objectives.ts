/**
 * Objectives checked against the mechanisms, from the resolved model: per account, tag and region, whether the
 * schedules meet the RPO (the same gaps the DR report shows), whether the fastest mechanism per resource type meets the
 * RTO (the dated table in modules/core/rules/recovery-times.ts), whether a copy survives each threat asked for, how
 * long recovery points are kept and how often restores are tested. A miss names the objective's JSON path and the
 * mechanism that is missing; with `objectives: "enforce"` (the default) misses refuse the synth.
 */
import {
  CONTINUOUS_BACKUP_TYPES,
  ObjectiveResourceType,
  RECOVERY_MECHANISM_TEXT,
  RecoveryMechanism,
  objectiveMinutes,
  recoveryMechanismsFor,
  recoveryMinutes,
  rtoClassOf,
} from "../../modules/core/rules/recovery-times";
import type { Threat } from "../../modules/profiles/objectives";
import { ConfigProblem, RolloutConfigError, jsonPath } from "../config/problems";
import { libraryRejects } from "../../modules/core/rules/authority";
import { MemberModel, Placement, RolloutModel, VaultRef, backupGapMinutes, formatMinutes } from "./model";

/** One objective of one policy in one account and region, and whether the mechanisms meet it. */
export interface ObjectiveFinding {
  readonly account: string;
  readonly accountId: string;
  readonly policy: string;
  /** `key=value`. */
  readonly tag: string;
  readonly region: string;
  /** `rpo`, `rto`, `retention`, `restore tests` or `survives` (the threat is what was asked). */
  readonly objective: string;
  /** What was asked, in words (`4 h`, `35 d`). */
  readonly asked: string;
  /** What the mechanisms give, in words. */
  readonly achieved: string;
  readonly met: boolean;
  /** The mechanism (and the config field) that would meet it; absent when met. */
  readonly missing?: string;
  /** The JSON path of the objective in the rollout config. */
  readonly path: string;
}

/** A mechanism of a placement as the objectives see it: what it restores, how often, how long it keeps. */
interface Cover {
  readonly label: string;
  readonly types: readonly ObjectiveResourceType[] | "all";
  readonly gapMinutes: number;
  readonly keptDays: number;
  readonly recovery: RecoveryMechanism;
  /** Regions other than the placement's that hold a copy. */
  readonly copyRegions: readonly string[];
}

function coversOf(p: Placement): Cover[] {
  const out: Cover[] = [];
  const scheduled = p.plan?.rules[0];
  if (scheduled && p.rpoMinutes.backup !== undefined) {
    out.push({
      label: `AWS Backup (${scheduled.schedule})`,
      types: "all",
      gapMinutes: p.rpoMinutes.backup,
      keptDays: Math.max(scheduled.retentionDays, ...p.copies.map((c) => c.retentionDays)),
      recovery: "restore-job",
      copyRegions: p.copies.map((c) => c.vault.region).filter((r) => r !== p.region),
    });
  }
  const { amis, snapshots } = p.effective;
  if (amis && p.rpoMinutes.amis !== undefined) {
    const copy = amis.crossRegionCopy && amis.crossRegionCopy.region !== p.region ? [amis.crossRegionCopy.region] : [];
    out.push({
      label: "DLM AMIs",
      types: ["EC2", "EBS"],
      gapMinutes: p.rpoMinutes.amis,
      keptDays: Math.floor((amis.retainCount * p.rpoMinutes.amis) / 1440),
      recovery: "ami-launch",
      copyRegions: copy,
    });
  }
  if (snapshots && p.rpoMinutes.snapshots !== undefined) {
    const fsr = (snapshots.fastRestoreZones ?? []).some((z) => z.startsWith(p.region));
    const copy = snapshots.crossRegionCopy && snapshots.crossRegionCopy.region !== p.region ? [snapshots.crossRegionCopy.region] : [];
    out.push({
      label: fsr ? "DLM snapshots with fast snapshot restore" : "DLM snapshots",
      types: ["EBS"],
      gapMinutes: p.rpoMinutes.snapshots,
      keptDays: Math.floor((snapshots.retainCount * p.rpoMinutes.snapshots) / 1440),
      recovery: fsr ? "fast-snapshot-restore" : "snapshot-volume",
      copyRegions: copy,
    });
  }
  return out;
}

const covering = (covers: readonly Cover[], type: ObjectiveResourceType | undefined) =>
  covers.filter((c) => type === undefined || c.types === "all" || c.types.includes(type));

/** The config field that adds a recovery mechanism. */
function fieldOf(mechanism: RecoveryMechanism, region: string): string {
  switch (mechanism) {
    case "ami-launch":
      return "DLM AMIs (amis)";
    case "fast-snapshot-restore":
      return `fast snapshot restore (snapshots.fastRestoreZones with a zone of ${region})`;
    case "snapshot-volume":
      return "DLM snapshots (snapshots)";
    case "restore-job":
      return "AWS Backup (backup)";
  }
}

interface Verdict {
  readonly met: boolean;
  readonly achieved: string;
  readonly missing?: string;
}

/** Verdicts per resource type merged: met when every type is; the misses listed. */
function merged(verdicts: readonly (Verdict & { type?: ObjectiveResourceType })[]): Verdict {
  const misses = verdicts.filter((v) => !v.met);
  // Per type only where the types differ: one text for all says it once.
  const join = (texts: readonly string[], of: readonly { type?: string }[]) =>
    verdicts.length > 1 && new Set(texts).size === 1 && of.length === verdicts.length
      ? texts[0]
      : texts.map((t, i) => `${of[i].type ? `${of[i].type}: ` : ""}${t}`).join("; ");
  return {
    met: misses.length === 0,
    achieved: join(
      verdicts.map((v) => v.achieved),
      verdicts,
    ),
    missing:
      misses.length === 0
        ? undefined
        : join(
            misses.map((v) => v.missing ?? ""),
            misses,
          ),
  };
}

function rpoVerdict(p: Placement, covers: readonly Cover[], asked: number, type?: ObjectiveResourceType): Verdict {
  const mine = covering(covers, type);
  if (p.rpoMinutes.continuous && type !== undefined && CONTINUOUS_BACKUP_TYPES.includes(type))
    return { met: true, achieved: "continuous backup (any point in time)" };
  if (mine.length === 0) return { met: false, achieved: "nothing protects it", missing: `a mechanism that protects ${type} (backup)` };
  const best = mine.reduce((a, b) => (b.gapMinutes < a.gapMinutes ? b : a));
  const met = best.gapMinutes <= asked;
  const continuous = type !== undefined && CONTINUOUS_BACKUP_TYPES.includes(type) ? ", or continuous backup (backup.continuousBackup)" : "";
  return {
    met,
    achieved: `${formatMinutes(best.gapMinutes)} by ${best.label}`,
    missing: met ? undefined : `a schedule at least every ${formatMinutes(asked)} (backup.schedule, amis.create or snapshots.create${continuous})`,
  };
}

function rtoVerdict(p: Placement, covers: readonly Cover[], asked: number, type: ObjectiveResourceType): Verdict {
  const options = covering(covers, type)
    .map((c) => ({ cover: c, minutes: recoveryMinutes(type, c.recovery) }))
    .filter((o): o is { cover: Cover; minutes: number } => o.minutes !== undefined)
    .sort((a, b) => a.minutes - b.minutes);
  const best = options[0];
  if (best && best.minutes <= asked)
    return { met: true, achieved: `${rtoClassOf(best.minutes)} (${RECOVERY_MECHANISM_TEXT[best.cover.recovery]}, at most ${formatMinutes(best.minutes)})` };
  const achieved = best
    ? `${rtoClassOf(best.minutes)} (${RECOVERY_MECHANISM_TEXT[best.cover.recovery]}, up to ${formatMinutes(best.minutes)})`
    : "nothing restores it";
  // What would meet it, the one closest to what the policy already has first (fast snapshot restore on its snapshots).
  const hasSnapshots = covers.some((c) => c.recovery === "snapshot-volume");
  const fast = recoveryMechanismsFor(type)
    .filter((m) => m.minutes <= asked)
    .sort((a, b) => Number(b.mechanism === "fast-snapshot-restore" && hasSnapshots) - Number(a.mechanism === "fast-snapshot-restore" && hasSnapshots));
  const fastest = recoveryMechanismsFor(type)[0];
  return {
    met: false,
    achieved,
    missing:
      fast.length > 0
        ? `${fast.map((m) => fieldOf(m.mechanism, p.region)).join(" or ")} (${fast.map((m) => `${RECOVERY_MECHANISM_TEXT[m.mechanism]}: at most ${formatMinutes(m.minutes)}`).join("; ")})`
        : `no mechanism brings ${type} back within ${formatMinutes(asked)}: the fastest, ${RECOVERY_MECHANISM_TEXT[fastest.mechanism]}, takes up to ${formatMinutes(fastest.minutes)}; ask for at least that`,
  };
}

function retentionVerdict(covers: readonly Cover[], asked: number, type?: ObjectiveResourceType): Verdict {
  const mine = covering(covers, type);
  if (mine.length === 0) return { met: false, achieved: "nothing keeps it", missing: `a mechanism that protects ${type} (backup)` };
  const best = mine.reduce((a, b) => (b.keptDays > a.keptDays ? b : a));
  const met = best.keptDays >= asked;
  return {
    met,
    achieved: `${best.keptDays} d by ${best.label}`,
    missing: met ? undefined : `recovery points kept at least ${asked} d (backup.retentionDays, or a larger amis/snapshots retainCount)`,
  };
}

function regionLossVerdict(p: Placement, covers: readonly Cover[], type?: ObjectiveResourceType): Verdict {
  const copied = covering(covers, type).filter((c) => c.copyRegions.length > 0);
  if (copied.length > 0) return { met: true, achieved: copied.map((c) => `${c.label} copied to ${[...new Set(c.copyRegions)].join(", ")}`).join("; ") };
  return {
    met: false,
    achieved: `no copy outside ${p.region}`,
    missing: `a copy in a region other than ${p.region} (backup.copyToRegion, or amis/snapshots.crossRegionCopy)`,
  };
}

/** Whether a vault is locked for good: compliance mode, or the central account's logically air-gapped vault. */
function immutable(model: RolloutModel, v: VaultRef): boolean {
  return v.lock?.mode === "compliance" || (model.central.airGapped && v.accountId === model.central.accountId);
}

function accountCompromiseVerdict(model: RolloutModel, member: MemberModel, p: Placement): Verdict {
  const elsewhere = p.copies.filter((c) => c.vault.accountId !== member.accountId);
  if (elsewhere.length === 0)
    return {
      met: false,
      achieved: p.effective.snapshots?.shareWithCentral
        ? "snapshots shared with the central account, which keeps them outside any locked vault"
        : "no copy in another account",
      missing: "a copy into the central account's locked vault (backup.copyToCentral)",
    };
  const locked = elsewhere.filter((c) => c.vault.lock || immutable(model, c.vault));
  if (locked.length === 0)
    return {
      met: false,
      achieved: `copied to ${elsewhere.map((c) => c.vault.arn).join(", ")}, which is not locked`,
      missing: "a lock on the central vault (centralBackup.vaultLock or centralBackup.airGapped)",
    };
  // The copy's key lives in the destination account; only that account's break-glass role may delete or disable it.
  const keyed = locked.filter((c) => {
    const central = model.central.vaults.get(c.vault.region);
    const protection = central?.arn === c.vault.arn ? central.keyDeletionProtection : undefined;
    return !!protection && protection.breakGlassRoleArns.every((arn) => !arn.includes(`:${member.accountId}:`));
  });
  if (keyed.length === 0)
    return {
      met: false,
      achieved: `copied to a locked vault whose key is not protected from deletion`,
      missing: "deletion protection of the destination vault's key, held by the destination account",
    };
  const c = keyed[0].vault;
  const air = model.central.airGapped && c.accountId === model.central.accountId;
  return { met: true, achieved: `copied to ${c.arn} (${air ? "air-gapped" : `${c.lock?.mode} lock`}; its key held by account ${c.accountId})` };
}

function ransomwareVerdict(model: RolloutModel, p: Placement): Verdict {
  const landing = [...(p.vault ? [p.vault] : []), ...p.copies.map((c) => c.vault)];
  const safe = landing.filter((v) => immutable(model, v));
  if (safe.length > 0)
    return {
      met: true,
      achieved: `immutable in ${safe.map((v) => `${v.arn} (${v.lock?.mode === "compliance" ? "compliance lock" : "air-gapped"})`).join(", ")}`,
    };
  return {
    met: false,
    achieved:
      landing.length === 0
        ? "no AWS Backup recovery points (DLM snapshots and AMIs can be deleted)"
        : "no vault the recovery points land in is compliance-locked or air-gapped",
    missing:
      "an immutable copy: backup.copyToCentral into a compliance-locked (centralBackup.vaultLock.mode compliance) or air-gapped (centralBackup.airGapped) central vault",
  };
}

function restoreTestVerdict(member: MemberModel, p: Placement, everyDays: number, types: readonly ObjectiveResourceType[] | undefined): Verdict {
  const rt = member.restoreTesting;
  const primary = member.regions[0];
  if (!rt) return { met: false, achieved: "no restore testing", missing: `restore testing (restoreTesting) at least every ${everyDays} d` };
  const misses: string[] = [];
  const tested = member.placements.some((q) => q.policy === p.policy && q.region === primary && q.plan);
  if (!tested) misses.push(`AWS Backup recovery points of this policy in ${primary}, the region restore tests run in (backup)`);
  if (rt.tag.key !== p.tag.key || rt.tag.value !== p.tag.value)
    misses.push(`restoreTesting.tag ${p.tag.key}=${p.tag.value} (restore tests select ${rt.tag.key}=${rt.tag.value})`);
  const untested = (types ?? []).filter((t) => !rt.selections.some((s) => s.resourceType === t));
  if (untested.length > 0) misses.push(`restoreTesting.resourceTypes with ${untested.join(", ")}`);
  const gap = backupGapMinutes(rt.schedule);
  if (gap > everyDays * 1440) misses.push(`a restoreTesting.schedule at least every ${everyDays} d (runs every ${formatMinutes(gap)} at worst)`);
  const where = p.region === primary ? "" : ` in ${primary}, the account's primary region`;
  return misses.length === 0
    ? { met: true, achieved: `tested every ${formatMinutes(gap)} at worst${where}` }
    : { met: false, achieved: `not tested as asked${where}`, missing: misses.join("; ") };
}

function findingsOf(model: RolloutModel, member: MemberModel, p: Placement): ObjectiveFinding[] {
  const o = p.objectives;
  if (!o) return [];
  const covers = coversOf(p);
  const types = o.resourceTypes;
  const perType = (f: (t?: ObjectiveResourceType) => Verdict) => merged(types ? types.map((type) => ({ ...f(type), type })) : [f(undefined)]);
  const base = { account: member.name, accountId: member.accountId, policy: p.policy, tag: `${p.tag.key}=${p.tag.value}`, region: p.region };
  const at = (...keys: (string | number)[]) => jsonPath(["protectionPolicies", p.policy, "objectives", ...keys]);
  const out: ObjectiveFinding[] = [];
  const add = (objective: string, asked: string, path: string, v: Verdict) => out.push({ ...base, objective, asked, path, ...v });
  const rpo = o.rpo === undefined ? undefined : objectiveMinutes(o.rpo);
  if (rpo !== undefined)
    add(
      "rpo",
      formatMinutes(rpo),
      at("rpo"),
      perType((t) => rpoVerdict(p, covers, rpo, t)),
    );
  const rto = o.rto === undefined ? undefined : objectiveMinutes(o.rto);
  if (rto !== undefined && types) add("rto", formatMinutes(rto), at("rto"), merged(types.map((type) => ({ ...rtoVerdict(p, covers, rto, type), type }))));
  if (o.minRetentionDays !== undefined)
    add(
      "retention",
      `${o.minRetentionDays} d`,
      at("minRetentionDays"),
      perType((t) => retentionVerdict(covers, o.minRetentionDays!, t)),
    );
  (o.survives ?? []).forEach((threat: Threat, i) => {
    const v =
      threat === "region-loss"
        ? perType((t) => regionLossVerdict(p, covers, t))
        : threat === "account-compromise"
          ? accountCompromiseVerdict(model, member, p)
          : ransomwareVerdict(model, p);
    add("survives", threat, at("survives", i), v);
  });
  if (o.restoreTestEveryDays !== undefined)
    add("restore tests", `every ${o.restoreTestEveryDays} d`, at("restoreTestEveryDays"), restoreTestVerdict(member, p, o.restoreTestEveryDays, types));
  return out;
}

/** Every objective of every policy in every account and region that applies it. */
export function objectiveFindings(model: RolloutModel): ObjectiveFinding[] {
  return model.members.flatMap((m) => m.placements.flatMap((p) => findingsOf(model, m, p)));
}

/** The objectives not met, one problem per objective and missing mechanism, naming where it is missed. */
export function objectiveProblems(findings: readonly ObjectiveFinding[]): ConfigProblem[] {
  const groups = new Map<string, { finding: ObjectiveFinding; where: string[] }>();
  for (const f of findings.filter((x) => !x.met)) {
    const key = `${f.path}\u0000${f.missing}`;
    const g = groups.get(key) ?? { finding: f, where: [] };
    g.where.push(`${f.account} ${f.region}`);
    groups.set(key, g);
  }
  return [...groups.values()].map(({ finding: f, where }) => ({
    checkClass: "objectives" as const,
    path: f.path,
    message: `${f.objective} ${f.asked} is not met in ${where.join(", ")} (${f.achieved}); missing: ${f.missing}; ${libraryRejects('a policy that misses its objectives (objectives: "report" only shows it in the DR report)')}`,
  }));
}

/** Refuses a rollout whose mechanisms miss its objectives, unless its config says `objectives: "report"`. */
export function assertObjectivesMet(model: RolloutModel, source = "rollout config"): void {
  if (model.config.objectives === "report") return;
  const problems = objectiveProblems(objectiveFindings(model));
  if (problems.length > 0) throw new RolloutConfigError(source, problems);
}
