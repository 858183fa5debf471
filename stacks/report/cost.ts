/**
 * What the protection costs: the recovery points each mechanism keeps in steady state, per tier (warm, cold,
 * continuous, AMIs, snapshots, copies), and, given a usage file, a monthly estimate from the dated price table in
 * prices.ts, with AMI + Backup beside Backup only per tag. Also the Infracost usage files of the stacks, so teams that
 * already run Infracost get the backup vaults priced.
 *
 * The usage file (JSON), one entry per protected tag; each account and region that applies the tag is taken to hold
 * that much:
 * ```json
 * { "version": 1, "tags": { "backup=standard": { "protectedGiB": 500, "dailyChangeGiB": 10, "resourceType": "EBS" } } }
 * ```
 * Storage model: incremental chains (the first point full, each later one the day's change) for warm backups, AMIs and
 * snapshots; every cold point full; a copy to another region transfers each day's change.
 */
import * as fs from "node:fs";
import { regionSuffix } from "../model/contracts";
import type { MemberModel, Placement, RolloutModel } from "../model/model";
import { HOURS_PER_MONTH, PRICES, PRICES_AS_OF, PRICE_REGION, PRICE_SOURCES } from "./prices";

/** The resource types a usage entry may name, as Infracost's aws_backup_vault usage keys know them. */
export const USAGE_RESOURCE_TYPES = ["EBS", "EC2", "EFS", "RDS", "Aurora", "DynamoDB"] as const;
export type UsageResourceType = (typeof USAGE_RESOURCE_TYPES)[number];

/** Protected data of one tag, in each account and region that applies it. */
export interface TagUsage {
  readonly protectedGiB: number;
  readonly dailyChangeGiB: number;
  /** What the data is; picks the Infracost usage key. @default "EBS" */
  readonly resourceType?: UsageResourceType;
}

/** The usage file: protected GiB and daily change per tag (`key=value`). */
export interface UsageFile {
  readonly version: 1;
  readonly tags: { readonly [tag: string]: TagUsage };
}

/** One kind of recovery point of one tag in one account and region, in steady state. */
export interface RecoveryPointsRow {
  readonly account: string;
  readonly tag: string;
  readonly region: string;
  readonly mechanism:
    | "AWS Backup"
    | "AWS Backup continuous"
    | "AWS Backup copy"
    | "DLM AMIs"
    | "DLM AMI copies"
    | "DLM snapshots"
    | "DLM snapshot copies"
    | "DLM shared-snapshot copies";
  readonly tier: "warm" | "cold" | "continuous" | "snapshot";
  /** Where the points are kept: `<account id>/<region>`. */
  readonly where: string;
  readonly points: number;
  /** Days the newest to oldest point span. */
  readonly spanDays: number;
  /** Estimated storage, with a usage file. */
  readonly gib?: number;
  /** Estimated monthly cost in USD (storage, fast snapshot restore, transfer), with a usage file. */
  readonly monthlyUsd?: number;
  /** Whether the points belong to AWS Backup (for Backup only beside AMI + Backup). */
  readonly backup: boolean;
  /** Data sent to another region per month, with a usage file. */
  readonly transferGiB?: number;
  /** Vault the points land in, for the Infracost usage file: `<stack> <address>`. */
  readonly vault?: { readonly stack: string; readonly address: string };
}

/** Per tag, the monthly cost of what is configured and of its AWS Backup part alone. */
export interface TagCost {
  readonly tag: string;
  readonly backupUsd: number;
  readonly dlmUsd: number;
  /** AMI + Backup: everything the policy configures. */
  readonly totalUsd: number;
  /** Backup only: without the DLM AMIs and snapshots; undefined when the policy has no AWS Backup. */
  readonly backupOnlyUsd?: number;
}

export interface CostReport {
  readonly pricesAsOf: string;
  readonly priceRegion: string;
  readonly priceSources: readonly string[];
  readonly recoveryPoints: readonly RecoveryPointsRow[];
  /** Present when a usage file was given. */
  readonly estimate?: { readonly perTag: readonly TagCost[]; readonly totalUsd: number; readonly unpricedTags: readonly string[] };
}

/** Reads and checks a usage file; errors name the field. */
export function parseUsageFile(text: string, source: string): UsageFile {
  const fail = (what: string): never => {
    throw new Error(`${source}: ${what} (see "Cost" in the README for the format)`);
  };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return fail(`is not valid JSON: ${(e as Error).message}`);
  }
  const v = value as { version?: unknown; tags?: unknown };
  if (v?.version !== 1) fail("version must be 1");
  if (typeof v.tags !== "object" || v.tags === null) fail("tags must be an object of key=value: { protectedGiB, dailyChangeGiB }");
  for (const [tag, u] of Object.entries(v.tags as Record<string, TagUsage>)) {
    if (!/^[^=]+=.*$/.test(tag)) fail(`tags.${tag} must be named key=value`);
    for (const k of ["protectedGiB", "dailyChangeGiB"] as const)
      if (typeof u?.[k] !== "number" || !(u[k] >= 0)) fail(`tags.${tag}.${k} must be a number of GiB, 0 or more`);
    if (u.resourceType !== undefined && !USAGE_RESOURCE_TYPES.includes(u.resourceType))
      fail(`tags.${tag}.resourceType must be one of ${USAGE_RESOURCE_TYPES.join(", ")}`);
  }
  return value as UsageFile;
}

/** Reads a usage file from disk. */
export function loadUsageFile(file: string): UsageFile {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new Error(`${file}: cannot be read: ${(e as Error).message}`, { cause: e });
  }
  return parseUsageFile(text, file);
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Points a schedule keeps over `days` at one every `gapMinutes`. */
const pointsOver = (days: number, gapMinutes: number) => Math.max(1, Math.ceil((days * 1440) / gapMinutes));

function rowsOf(model: RolloutModel, m: MemberModel, p: Placement, usage: TagUsage | undefined): RecoveryPointsRow[] {
  const tag = `${p.tag.key}=${p.tag.value}`;
  const out: RecoveryPointsRow[] = [];
  const base = { account: m.name, tag, region: p.region };
  // Storage of an incremental chain spanning `days`, and its monthly price.
  const chain = (days: number, price: number) => (usage ? { gib: usage.protectedGiB + usage.dailyChangeGiB * days, price } : undefined);
  const push = (
    row: Omit<RecoveryPointsRow, "gib" | "monthlyUsd" | "transferGiB">,
    storage: { gib: number; price: number } | undefined,
    extraUsd = 0,
    crossRegion = false,
  ) => {
    const transferGiB = usage && crossRegion ? usage.dailyChangeGiB * 30 : undefined;
    out.push({
      ...row,
      ...(storage
        ? {
            gib: round2(storage.gib),
            monthlyUsd: round2(storage.gib * storage.price + extraUsd + (transferGiB ?? 0) * PRICES.interRegionTransferGb),
            transferGiB,
          }
        : {}),
    });
  };
  const gap = p.rpoMinutes.backup;
  const scheduled = p.plan?.rules[0];
  // Infracost prices aws_backup_vault; a logically air-gapped central vault is another resource type it does not know.
  const vaultAddress = (accountId: string, region: string) =>
    accountId !== model.central.accountId
      ? { stack: m.stack, address: `aws_backup_vault.Vault_${regionSuffix(region)}` }
      : model.central.airGapped
        ? undefined
        : { stack: model.central.stack, address: `aws_backup_vault.CentralVault_${regionSuffix(region)}` };
  const tiers = (
    mechanism: "AWS Backup" | "AWS Backup copy",
    where: { accountId: string; region: string },
    retentionDays: number,
    coldAfter: number | undefined,
    crossRegion: boolean,
  ) => {
    const warmDays = Math.min(retentionDays, coldAfter ?? retentionDays);
    const warmPoints = pointsOver(warmDays, gap!);
    const common = { ...base, mechanism, where: `${where.accountId}/${where.region}`, backup: true, vault: vaultAddress(where.accountId, where.region) };
    push({ ...common, tier: "warm", points: warmPoints, spanDays: warmDays }, chain(warmDays, PRICES.backupWarmGbMonth), 0, crossRegion);
    if (coldAfter !== undefined && retentionDays > coldAfter) {
      const coldPoints = pointsOver(retentionDays - coldAfter, gap!);
      push(
        { ...common, tier: "cold", points: coldPoints, spanDays: retentionDays - coldAfter },
        usage ? { gib: usage.protectedGiB * coldPoints, price: PRICES.backupColdGbMonth } : undefined,
      );
    }
  };
  if (scheduled && gap !== undefined) {
    tiers("AWS Backup", { accountId: m.accountId, region: p.region }, scheduled.retentionDays, scheduled.coldStorageAfterDays, false);
    for (const c of p.copies) tiers("AWS Backup copy", c.vault, c.retentionDays, c.coldStorageAfterDays, c.vault.region !== p.region);
    const continuous = p.plan?.rules.find((r) => r.continuousBackup);
    if (continuous)
      push(
        {
          ...base,
          mechanism: "AWS Backup continuous",
          tier: "continuous",
          where: `${m.accountId}/${p.region}`,
          points: 1,
          spanDays: continuous.retentionDays,
          backup: true,
          vault: vaultAddress(m.accountId, p.region),
        },
        chain(continuous.retentionDays, PRICES.backupWarmGbMonth),
      );
  }
  const { amis, snapshots } = p.effective;
  if (amis && p.rpoMinutes.amis !== undefined) {
    const span = (amis.retainCount * p.rpoMinutes.amis) / 1440;
    const row = { ...base, tier: "snapshot" as const, backup: false };
    push({ ...row, mechanism: "DLM AMIs", where: `${m.accountId}/${p.region}`, points: amis.retainCount, spanDays: span }, chain(span, PRICES.snapshotGbMonth));
    const copy = amis.crossRegionCopy;
    if (copy && copy.region !== p.region)
      push(
        {
          ...row,
          mechanism: "DLM AMI copies",
          where: `${m.accountId}/${copy.region}`,
          points: pointsOver(copy.retainDays, p.rpoMinutes.amis),
          spanDays: copy.retainDays,
        },
        chain(copy.retainDays, PRICES.snapshotGbMonth),
        0,
        true,
      );
  }
  if (snapshots && p.rpoMinutes.snapshots !== undefined) {
    const span = (snapshots.retainCount * p.rpoMinutes.snapshots) / 1440;
    const zones = (snapshots.fastRestoreZones ?? []).filter((z) => z.startsWith(p.region)).length;
    const row = { ...base, tier: "snapshot" as const, backup: false };
    push(
      { ...row, mechanism: "DLM snapshots", where: `${m.accountId}/${p.region}`, points: snapshots.retainCount, spanDays: span },
      chain(span, PRICES.snapshotGbMonth),
      // DLM keeps fast snapshot restore on the newest snapshot in each zone, all month long.
      zones * HOURS_PER_MONTH * PRICES.fastSnapshotRestoreHour,
    );
    const copy = snapshots.crossRegionCopy;
    if (copy && copy.region !== p.region)
      push(
        {
          ...row,
          mechanism: "DLM snapshot copies",
          where: `${m.accountId}/${copy.region}`,
          points: pointsOver(copy.retainDays, p.rpoMinutes.snapshots),
          spanDays: copy.retainDays,
        },
        chain(copy.retainDays, PRICES.snapshotGbMonth),
        0,
        true,
      );
    const share = snapshots.shareWithCentral;
    if (share)
      push(
        {
          ...row,
          mechanism: "DLM shared-snapshot copies",
          where: `${model.central.accountId}/${p.region}`,
          points: pointsOver(share.retainDays, p.rpoMinutes.snapshots),
          spanDays: share.retainDays,
        },
        chain(share.retainDays, PRICES.snapshotGbMonth),
      );
  }
  return out;
}

/** The cost section of the report: recovery points always, the estimate when `usage` is given. */
export function costOf(model: RolloutModel, usage?: UsageFile): CostReport {
  const rows = model.members.flatMap((m) => m.placements.flatMap((p) => rowsOf(model, m, p, usage?.tags[`${p.tag.key}=${p.tag.value}`])));
  const report: CostReport = { pricesAsOf: PRICES_AS_OF, priceRegion: PRICE_REGION, priceSources: PRICE_SOURCES, recoveryPoints: rows };
  if (!usage) return report;
  const tags = [...new Set(rows.map((r) => r.tag))];
  const perTag: TagCost[] = tags
    .filter((t) => usage.tags[t])
    .map((tag) => {
      const mine = rows.filter((r) => r.tag === tag);
      const sum = (rs: RecoveryPointsRow[]) => round2(rs.reduce((n, r) => n + (r.monthlyUsd ?? 0), 0));
      const backupUsd = sum(mine.filter((r) => r.backup));
      const dlmUsd = sum(mine.filter((r) => !r.backup));
      return { tag, backupUsd, dlmUsd, totalUsd: round2(backupUsd + dlmUsd), backupOnlyUsd: mine.some((r) => r.backup) ? backupUsd : undefined };
    });
  return {
    ...report,
    estimate: { perTag, totalUsd: round2(perTag.reduce((n, t) => n + t.totalUsd, 0)), unpricedTags: tags.filter((t) => !usage.tags[t]) },
  };
}

/** Infracost's aws_backup_vault usage key for a resource type's warm and cold storage. */
function infracostKeys(type: UsageResourceType): { warm: string; cold: string } {
  switch (type) {
    case "EFS":
      return { warm: "monthly_efs_warm_backup_gb", cold: "monthly_efs_cold_backup_gb" };
    case "RDS":
      return { warm: "monthly_rds_snapshot_gb", cold: "monthly_rds_snapshot_gb" };
    case "Aurora":
      return { warm: "monthly_aurora_snapshot_gb", cold: "monthly_aurora_snapshot_gb" };
    case "DynamoDB":
      return { warm: "monthly_dynamodb_backup_gb", cold: "monthly_dynamodb_backup_gb" };
    default:
      return { warm: "monthly_ebs_snapshot_gb", cold: "monthly_ebs_snapshot_gb" };
  }
}

/**
 * Infracost usage files (`infracost-usage.yml` format, version 0.1), one per stack that holds vaults: the GiB each
 * aws_backup_vault stores, by Infracost's usage keys. DLM snapshots and AMIs have no Terraform resource of their own,
 * so Infracost cannot price them; the report's estimate does.
 */
export function infracostUsageFiles(cost: CostReport, usage: UsageFile): Map<string, string> {
  const byStack = new Map<string, Map<string, Map<string, number>>>();
  for (const r of cost.recoveryPoints) {
    if (!r.vault || r.gib === undefined) continue;
    const keys = infracostKeys(usage.tags[r.tag]?.resourceType ?? "EBS");
    const key = r.tier === "cold" ? keys.cold : keys.warm;
    const vaults = byStack.get(r.vault.stack) ?? new Map<string, Map<string, number>>();
    const values = vaults.get(r.vault.address) ?? new Map<string, number>();
    values.set(key, round2((values.get(key) ?? 0) + r.gib));
    vaults.set(r.vault.address, values);
    byStack.set(r.vault.stack, vaults);
  }
  const files = new Map<string, string>();
  for (const stack of [...byStack.keys()].sort()) {
    const lines = [
      `# Infracost usage file for stack ${stack}: infracost breakdown --path <synth-out>/stacks/${stack} --usage-file <this file>`,
      `# Backup storage in steady state from the usage file given to backup-dr report; DLM AMIs and snapshots are not Terraform resources, see dr-report.md.`,
      "version: 0.1",
      "resource_usage:",
    ];
    const vaults = byStack.get(stack)!;
    for (const address of [...vaults.keys()].sort()) {
      lines.push(`  ${address}:`);
      for (const [k, v] of [...vaults.get(address)!.entries()].sort()) lines.push(`    ${k}: ${v}`);
    }
    files.set(stack, `${lines.join("\n")}\n`);
  }
  return files;
}
