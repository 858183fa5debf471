/**
 * Which stacks of a synth output differ from an earlier synth: a pipeline plans and applies only those. A stack's
 * configuration is compared without cdktf's metadata (`//` blocks: construct paths, core version), which change with
 * refactors that Terraform never sees.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { DeployOrder, readDeployOrder } from "./deploy-order";

export interface ChangedStack {
  readonly stack: string;
  readonly change: "added" | "modified" | "removed";
  /** The stack's wave in the current output (in the earlier one for a removed stack; 0 when that one has none). */
  readonly wave: number;
}

/** A stack folder's configuration in comparable form: JSON without metadata, or the HCL text. */
function configuration(stackDir: string): string | undefined {
  const json = path.join(stackDir, "cdk.tf.json");
  if (fs.existsSync(json)) return JSON.stringify(withoutMetadata(JSON.parse(fs.readFileSync(json, "utf8"))));
  const hcl = path.join(stackDir, "cdk.tf");
  return fs.existsSync(hcl) ? fs.readFileSync(hcl, "utf8") : undefined;
}

/** Whether two stack folders hold the same configuration, cdktf's metadata aside. */
export function sameConfiguration(previousStackDir: string, currentStackDir: string): boolean {
  const before = configuration(previousStackDir);
  return before !== undefined && before === configuration(currentStackDir);
}

function withoutMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([k]) => k !== "//")
      .map(([k, v]) => [k, withoutMetadata(v)]),
  );
}

function stackFolders(outdir: string): Map<string, string> {
  const root = path.join(outdir, "stacks");
  if (!fs.existsSync(root)) throw new Error(`${root} does not exist: not a synth output folder`);
  return new Map(
    fs
      .readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => [e.name, path.join(root, e.name)]),
  );
}

function waveOf(order: DeployOrder | undefined, stack: string): number {
  return order?.stacks.find((s) => s.name === stack)?.wave ?? 0;
}

/** The stacks of `currentOutdir` that are new or differ from `previousOutdir`, and those that are gone, by wave. */
export function changedStacks(previousOutdir: string, currentOutdir: string): ChangedStack[] {
  const before = stackFolders(previousOutdir);
  const after = stackFolders(currentOutdir);
  const order = readDeployOrder(currentOutdir);
  const previousOrder = fs.existsSync(path.join(previousOutdir, "deploy-order.json")) ? readDeployOrder(previousOutdir) : undefined;
  const changed: ChangedStack[] = [];
  for (const [stack, dir] of after) {
    const old = before.get(stack);
    if (old === undefined) changed.push({ stack, change: "added", wave: waveOf(order, stack) });
    else if (!sameConfiguration(old, dir)) changed.push({ stack, change: "modified", wave: waveOf(order, stack) });
  }
  for (const stack of before.keys()) {
    if (!after.has(stack)) changed.push({ stack, change: "removed", wave: waveOf(previousOrder, stack) });
  }
  return changed.sort((a, b) => a.wave - b.wave || a.stack.localeCompare(b.stack));
}
