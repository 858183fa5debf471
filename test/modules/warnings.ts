import * as fs from "node:fs";
import * as path from "node:path";
import { IConstruct } from "constructs";

/** The warning annotations of a construct and everything below it, as `cdktf synth` prints them: `[path] message`. */
export function warningsIn(scope: IConstruct): string[] {
  return scope.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => `[${c.node.path}] ${String(m.data)}`));
}

/** The warning annotations that a synth wrote into the manifest of an output folder, over every stack. */
export function manifestWarnings(outDir: string): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(outDir, "manifest.json"), "utf8")) as {
    stacks: Record<string, { annotations: Array<{ constructPath: string; level: string; message: string }> }>;
  };
  return Object.values(manifest.stacks).flatMap((s) => s.annotations.filter((a) => a.level === "@cdktf/warn").map((a) => `[${a.constructPath}] ${a.message}`));
}
