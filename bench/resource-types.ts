/** The resource and data source types of each stack of a synth output, counted: what the baseline must match. */
import * as fs from "node:fs";
import * as path from "node:path";

/** Per stack, `resource.<type>` and `data.<type>` with how many of each the stack declares. */
export type ResourceTypeCounts = Record<string, Record<string, number>>;

export function resourceTypesByStack(outDir: string): ResourceTypeCounts {
  const stacksDir = path.join(outDir, "stacks");
  const out: ResourceTypeCounts = {};
  for (const stack of fs.readdirSync(stacksDir).sort()) {
    const file = path.join(stacksDir, stack, "cdk.tf.json");
    if (!fs.existsSync(file)) continue;
    const config = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, Record<string, Record<string, unknown>> | undefined>;
    const counts: Record<string, number> = {};
    for (const kind of ["resource", "data"]) {
      for (const [type, byName] of Object.entries(config[kind] ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
        counts[`${kind}.${type}`] = Object.keys(byName).length;
      }
    }
    out[stack] = counts;
  }
  return out;
}

/** Whether two synth outputs have the same stacks with the same counts of each type; else the first difference. */
export function sameResourceTypes(a: ResourceTypeCounts, b: ResourceTypeCounts): { equal: boolean; difference?: string } {
  const stacks = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const stack of stacks) {
    if (!a[stack] || !b[stack]) return { equal: false, difference: `stack ${stack} exists in only one of them` };
    for (const type of [...new Set([...Object.keys(a[stack]), ...Object.keys(b[stack])])].sort()) {
      if (a[stack][type] !== b[stack][type]) return { equal: false, difference: `${stack}: ${type} ${a[stack][type] ?? 0} vs ${b[stack][type] ?? 0}` };
    }
  }
  return { equal: true };
}
