/**
 * Coverage: every account the rollout knows, in every region it deploys there, with what protects its resources or
 * "not protected" and why, so gaps show instead of being left out.
 */
import type { RolloutModel } from "../model/model";

/** One account and region of the rollout and what protects the resources in it. */
export interface CoverageReport {
  /** The account's short name: `management`, the central backup stack's name, or the member's name. */
  readonly account: string;
  readonly accountId: string;
  readonly role: "management" | "central-backup" | "member";
  readonly region: string;
  /** The mechanisms that protect resources in this account and region; empty when nothing does. */
  readonly mechanisms: readonly string[];
  readonly protected: boolean;
  /** Why nothing protects it, or what the account holds instead. */
  readonly note: string;
}

/** The coverage of every account and region of a rollout. */
export function coverageOf(model: RolloutModel): CoverageReport[] {
  const out: CoverageReport[] = [];
  const management = model.management;
  for (const region of management.regions) {
    out.push({
      account: "management",
      accountId: management.accountId,
      role: "management",
      region,
      mechanisms: [],
      protected: false,
      note: "no protection policy applies to the management account: it holds the organization's AWS Backup settings and backup policies, not protected workloads",
    });
  }
  const central = model.central;
  for (const region of central.regions) {
    const vault = central.vaults.get(region);
    out.push({
      account: central.stack,
      accountId: central.accountId,
      role: "central-backup",
      region,
      mechanisms: [],
      protected: false,
      note: `holds the copies in vault ${vault?.arn ?? "(none)"}; no protection policy applies to resources of its own`,
    });
  }
  for (const m of model.members) {
    for (const region of m.regions) {
      const here = m.placements.filter((p) => p.region === region);
      const mechanisms = new Set<string>();
      for (const p of here) {
        if (p.plan) mechanisms.add(`AWS Backup (${p.policy}, ${p.plan.deployedBy === "organization-policy" ? "Organizations policy" : "member stack"})`);
        if (p.effective.amis) mechanisms.add(`DLM AMIs (${p.policy})`);
        if (p.effective.snapshots) mechanisms.add(`DLM snapshots (${p.policy})`);
      }
      for (const d of m.dlmDefaultPolicies) mechanisms.add(`DLM default policy (${d.resourceType.toLowerCase()}s)`);
      const list = [...mechanisms];
      const applied = [...new Set(here.map((p) => p.policy))];
      out.push({
        account: m.name,
        accountId: m.accountId,
        role: "member",
        region,
        mechanisms: list,
        protected: list.length > 0,
        note:
          list.length > 0
            ? `resources tagged ${[...new Set(here.map((p) => `${p.tag.key}=${p.tag.value}`))].join(", ") || "(default policies cover untagged ones)"}`
            : applied.length > 0
              ? `the applied policies (${applied.join(", ")}) define no backup, AMI or snapshot protection`
              : "no protection policy is applied in this account",
      });
    }
  }
  return out;
}
