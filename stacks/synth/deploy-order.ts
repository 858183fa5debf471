/**
 * The order in which a pipeline applies the stacks of a synth output, as data: `deploy-order.json` beside the stacks.
 * Edges come from what the stacks really do: a stack that reads another's state through a `terraform_remote_state`
 * data source must be applied after it, and so must a stack that declares a dependency (`addDependency`). Stacks whose
 * edges are all satisfied by earlier waves form one wave and can be applied in parallel.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { IConstruct } from "constructs";
import { TerraformBackend, TerraformRemoteState, TerraformStack } from "../../modules/core/cdktf";
import { AccountStack } from "../account-stack";

/** Where a stack keeps its state, as its backend block says (`s3`: bucket, key, region; `cloud`: organization, workspace). */
export type StateLocation = { readonly type: string } & Readonly<Record<string, unknown>>;

/** A remote-state read of one stack by another. */
export interface StateRead {
  /** The stack whose state is read. */
  readonly stack: string;
  /** The name of the `terraform_remote_state` data source that reads it. */
  readonly dataSource: string;
}

export interface DeployOrderStack {
  readonly name: string;
  /** The stack's folder, relative to the synth output folder. */
  readonly folder: string;
  /** The AWS account the stack deploys into, for stacks that pin one (account stacks). */
  readonly accountId?: string;
  /** The region of the stack's default provider, for account stacks. */
  readonly region?: string;
  /** 1-based: every stack of wave n reads only stacks of waves before n. */
  readonly wave: number;
  readonly backend: StateLocation;
  /** Remote-state reads of other stacks of this output. */
  readonly reads: readonly StateRead[];
  /** Every stack that must be applied before this one (reads and declared dependencies). */
  readonly after: readonly string[];
}

export interface DeployOrder {
  readonly version: 1;
  /** Stack names per wave, in apply order. */
  readonly waves: readonly (readonly string[])[];
  readonly stacks: readonly DeployOrderStack[];
}

/** The name of the file written into the synth output folder. */
export const DEPLOY_ORDER_FILE = "deploy-order.json";

type Block = Record<string, unknown>;

function backendOf(stack: TerraformStack): StateLocation {
  const backend = stack.node.findAll().find((c): c is TerraformBackend => c instanceof TerraformBackend);
  if (!backend) return { type: "local" };
  const terraform = (backend.toTerraform() as { terraform: Record<string, Block> }).terraform;
  if (terraform.cloud) {
    const cloud = terraform.cloud as { organization?: string; hostname?: string; workspaces?: { name?: string; project?: string } };
    // The workspace takes the place of the S3 key: it is what a pipeline selects and what other stacks read.
    return { type: "cloud", organization: cloud.organization, hostname: cloud.hostname, workspace: cloud.workspaces?.name, project: cloud.workspaces?.project };
  }
  const [type, config] = Object.entries(terraform.backend as Record<string, Block>)[0];
  return { type, ...config };
}

/** The state a remote-state data source reads, in the shape `backendOf` gives for the stack that writes it. */
function readLocation(read: TerraformRemoteState): { name: string; location: StateLocation } {
  const data = (read.toTerraform() as { data: { terraform_remote_state: Record<string, { backend: string; config: Block }> } }).data.terraform_remote_state;
  const [name, { backend, config }] = Object.entries(data)[0];
  if (backend === "remote") {
    const remote = config as { organization?: string; hostname?: string; workspaces?: { name?: string } };
    return { name, location: { type: "cloud", organization: remote.organization, hostname: remote.hostname, workspace: remote.workspaces?.name } };
  }
  return { name, location: { type: backend, ...config } };
}

/** The identity of a state: the fields that name it, not the ones that say how to reach it. */
function stateId(l: StateLocation): string {
  if (l.type === "s3") return `s3://${String(l.bucket)}/${String(l.key)}`;
  if (l.type === "cloud") return `cloud://${String(l.hostname ?? "app.terraform.io")}/${String(l.organization)}/${String(l.workspace)}`;
  return `${l.type}:${JSON.stringify(l)}`;
}

/** Waves by longest path: a stack goes one wave after the latest stack it must follow. */
function waves(after: ReadonlyMap<string, readonly string[]>): Map<string, number> {
  const wave = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (name: string, trail: string[]): number => {
    const known = wave.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) throw new Error(`stacks depend on each other in a cycle: ${[...trail, name].join(" -> ")}`);
    visiting.add(name);
    const w = 1 + Math.max(0, ...(after.get(name) ?? []).map((d) => visit(d, [...trail, name])));
    visiting.delete(name);
    wave.set(name, w);
    return w;
  };
  for (const name of after.keys()) visit(name, []);
  return wave;
}

/**
 * What the deploy order needs to know of one stack, gathered where the stack is built (in this process, or in a synth
 * worker that builds a shard of the rollout): plain data, so it can cross a process boundary.
 */
export interface StackOrderFacts {
  readonly name: string;
  readonly folder: string;
  readonly accountId?: string;
  readonly region?: string;
  readonly backend: StateLocation;
  /** The states this stack reads through `terraform_remote_state` data sources, by state identity. */
  readonly stateReads: readonly { readonly state: string; readonly dataSource: string }[];
  /** The names of the stacks it declares a dependency on (`addDependency`). */
  readonly declared: readonly string[];
}

/** The order facts of one stack; `folder` is its working directory relative to the synth output folder. */
export function stackOrderFacts(stack: TerraformStack, folder: string): StackOrderFacts {
  const stateReads: { state: string; dataSource: string }[] = [];
  for (const c of stack.node.findAll()) {
    if (!(c instanceof TerraformRemoteState)) continue;
    const { name, location } = readLocation(c);
    stateReads.push({ state: stateId(location), dataSource: name });
  }
  return {
    name: stack.node.id,
    folder,
    accountId: stack instanceof AccountStack ? stack.accountId : undefined,
    region: stack instanceof AccountStack ? stack.primaryRegion : undefined,
    backend: backendOf(stack),
    stateReads,
    declared: stack.dependencies.map((d) => d.node.id),
  };
}

/** The deploy order of a set of stacks from their order facts; the order of `facts` does not matter. */
export function deployOrderFrom(facts: readonly StackOrderFacts[]): DeployOrder {
  const owner = new Map(facts.map((f) => [stateId(f.backend), f.name]));
  const info = facts.map((f) => {
    const reads: StateRead[] = [];
    for (const r of f.stateReads) {
      const writer = owner.get(r.state);
      if (writer !== undefined && writer !== f.name) reads.push({ stack: writer, dataSource: r.dataSource });
    }
    return { facts: f, reads, after: [...new Set([...reads.map((r) => r.stack), ...f.declared])].sort() };
  });
  const wave = waves(new Map(info.map((i) => [i.facts.name, i.after])));
  const ordered: DeployOrderStack[] = info
    .map(({ facts: f, reads, after }) => ({
      name: f.name,
      folder: f.folder,
      accountId: f.accountId,
      region: f.region,
      wave: wave.get(f.name)!,
      backend: f.backend,
      reads,
      after,
    }))
    .sort((a, b) => a.wave - b.wave || a.name.localeCompare(b.name));
  const count = Math.max(0, ...ordered.map((s) => s.wave));
  return {
    version: 1,
    waves: Array.from({ length: count }, (_, i) => ordered.filter((s) => s.wave === i + 1).map((s) => s.name)),
    stacks: ordered,
  };
}

/**
 * The deploy order of every stack of an app, after `app.synth()`: folders from the manifest, edges from the stacks'
 * backends, remote-state reads and declared dependencies.
 */
export function deployOrderOf(
  app: IConstruct & { readonly manifest: { readonly stacks: Record<string, { readonly workingDirectory: string }> } },
): DeployOrder {
  const stacks = app.node.children.filter((c): c is TerraformStack => TerraformStack.isStack(c));
  return deployOrderFrom(stacks.map((s) => stackOrderFacts(s, app.manifest.stacks[s.node.id]?.workingDirectory ?? path.join("stacks", s.node.id))));
}

/** Writes deploy-order.json into the synth output folder; returns its path. */
export function writeDeployOrder(outdir: string, order: DeployOrder): string {
  const file = path.join(outdir, DEPLOY_ORDER_FILE);
  fs.writeFileSync(file, `${JSON.stringify(order, null, 2)}\n`);
  return file;
}

/** Reads the deploy order of a synth output folder. */
export function readDeployOrder(outdir: string): DeployOrder {
  const file = path.join(outdir, DEPLOY_ORDER_FILE);
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist: synthesize with this version (it writes ${DEPLOY_ORDER_FILE} beside the stacks)`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as DeployOrder;
}
