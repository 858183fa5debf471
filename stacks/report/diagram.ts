/**
 * The topology of a rollout as a Mermaid flowchart: accounts (management, central backup, members), their regions, the
 * vaults in each (locks marked), the DLM policies, and every copy and share path between them: AWS Backup copies to
 * the central account and to other regions, DLM AMI and snapshot copies, snapshots shared with the central account,
 * and the Organizations backup policies the management account deploys. Drawn from the model, like the rest of the
 * report, so a reviewer sees the design at a glance.
 */
import type { MemberModel, RolloutModel, VaultRef } from "../model/model";

/** A Mermaid node ID from parts: letters, digits and underscores only. */
function id(...parts: string[]): string {
  return parts.join("_").replace(/[^A-Za-z0-9_]/g, "_");
}

/** A label Mermaid reads inside double quotes: no double quotes, no markup but line breaks. */
function label(...lines: string[]): string {
  return `"${lines.map((l) => l.replace(/"/g, "'").replace(/[<>]/g, "")).join("<br/>")}"`;
}

/** How a vault is locked, in words; empty when it is not. */
function lockText(model: RolloutModel, v: VaultRef): string {
  if (model.central.airGapped && v.accountId === model.central.accountId) return "🔒 air-gapped, compliance";
  if (!v.lock || !v.lockBounds) return "";
  return `🔒 ${v.lock.mode} ${v.lockBounds.minDays}-${v.lockBounds.maxDays ?? "∞"} d`;
}

function vaultNode(model: RolloutModel, v: VaultRef): string {
  const lock = lockText(model, v);
  return `${id("vault", v.accountId, v.region)}[(${label(`vault ${v.name}`, lock || "no lock")})]`;
}

/** Edges between two nodes with their labels merged, so a path drawn once lists every tag that uses it. */
class Edges {
  private readonly byPath = new Map<string, { from: string; to: string; arrow: string; labels: string[] }>();
  add(from: string, to: string, text: string, arrow = "-->"): void {
    const key = `${from} ${arrow} ${to}`;
    const e = this.byPath.get(key) ?? { from, to, arrow, labels: [] };
    if (!e.labels.includes(text)) e.labels.push(text);
    this.byPath.set(key, e);
  }
  lines(): string[] {
    return [...this.byPath.values()].map((e) => {
      const [open, close] = e.arrow === "-.->" ? ["-.", ".->"] : ["--", "-->"];
      return `  ${e.from} ${open} ${label(...e.labels)} ${close} ${e.to}`;
    });
  }
}

/** The member's DLM nodes in one region: which policies run there (and receive copies). */
function dlmNodes(m: MemberModel): Map<string, Set<string>> {
  const byRegion = new Map<string, Set<string>>();
  const add = (region: string, what: string) => byRegion.set(region, (byRegion.get(region) ?? new Set()).add(what));
  for (const p of m.placements) {
    const { amis, snapshots } = p.effective;
    if (amis) add(p.region, "AMIs");
    if (snapshots) add(p.region, "snapshots");
    if (amis?.crossRegionCopy && amis.crossRegionCopy.region !== p.region) add(amis.crossRegionCopy.region, "AMI copies");
    if (snapshots?.crossRegionCopy && snapshots.crossRegionCopy.region !== p.region) add(snapshots.crossRegionCopy.region, "snapshot copies");
  }
  return byRegion;
}

/** The rollout's topology as Mermaid flowchart text (without the code fence). */
export function topologyDiagram(model: RolloutModel): string {
  const out: string[] = ["flowchart LR"];
  const edges = new Edges();
  const mgmt = model.management;
  const mgmtNode = id("mgmt", mgmt.accountId);
  out.push(`  subgraph ${id("acct", mgmt.accountId)}[${label(`management ${mgmt.accountId}`)}]`);
  out.push(`    ${mgmtNode}[${label("AWS Backup settings", "backup policies")}]`);
  out.push("  end");

  const central = model.central;
  const sharedIn = new Set(central.sharedSnapshotCopies.map((s) => s.region));
  out.push(`  subgraph ${id("acct", central.accountId)}[${label(`${central.stack} ${central.accountId}`)}]`);
  for (const region of central.regions) {
    out.push(`    subgraph ${id("region", central.accountId, region)}[${label(region)}]`);
    const v = central.vaults.get(region);
    if (v) out.push(`      ${vaultNode(model, v)}`);
    if (sharedIn.has(region)) out.push(`      ${id("shared", central.accountId, region)}[${label("DLM copies of shared snapshots")}]`);
    out.push("    end");
  }
  out.push("  end");

  for (const m of model.members) {
    const dlm = dlmNodes(m);
    out.push(`  subgraph ${id("acct", m.accountId)}[${label(`member ${m.name} ${m.accountId}`)}]`);
    for (const region of m.regions) {
      out.push(`    subgraph ${id("region", m.accountId, region)}[${label(region)}]`);
      const v = m.vaults.get(region);
      if (v) out.push(`      ${vaultNode(model, v)}`);
      const kinds = dlm.get(region);
      const order = ["AMIs", "snapshots", "AMI copies", "snapshot copies"];
      if (kinds) out.push(`      ${id("dlm", m.accountId, region)}[${label(`DLM ${order.filter((k) => kinds.has(k)).join(", ")}`)}]`);
      out.push("    end");
    }
    out.push("  end");
    for (const p of m.placements) {
      const tag = `${p.tag.key}=${p.tag.value}`;
      for (const c of p.copies) {
        if (!p.vault) continue;
        edges.add(id("vault", p.vault.accountId, p.vault.region), id("vault", c.vault.accountId, c.vault.region), `copy ${tag} ${c.retentionDays} d`);
      }
      if (p.plan?.deployedBy === "organization-policy" && p.vault)
        edges.add(mgmtNode, id("vault", p.vault.accountId, p.vault.region), `backup policy ${p.policy}`, "-.->");
      const { amis, snapshots } = p.effective;
      const from = id("dlm", m.accountId, p.region);
      if (amis?.crossRegionCopy && amis.crossRegionCopy.region !== p.region)
        edges.add(from, id("dlm", m.accountId, amis.crossRegionCopy.region), `AMI copy ${tag} ${amis.crossRegionCopy.retainDays} d`);
      if (snapshots?.crossRegionCopy && snapshots.crossRegionCopy.region !== p.region)
        edges.add(from, id("dlm", m.accountId, snapshots.crossRegionCopy.region), `snapshot copy ${tag} ${snapshots.crossRegionCopy.retainDays} d`);
      if (snapshots?.shareWithCentral)
        edges.add(from, id("shared", central.accountId, p.region), `share ${tag}, kept ${snapshots.shareWithCentral.retainDays} d`, "-.->");
    }
  }
  out.push(...edges.lines());
  return out.join("\n");
}
