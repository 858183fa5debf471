import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

/** What the synth entry point needs from the App: where it wrote, in which format, and which stacks. */
export interface SynthOutputSource {
  readonly outdir: string;
  readonly hclOutput: boolean;
  readonly manifest: { readonly stacks: Record<string, { readonly workingDirectory: string }> };
  /** The App's tree, to read the stacks' `check` blocks for the HCL output. @default none */
  readonly node?: { readonly children: readonly unknown[] };
}

export interface FinishedSynthOutput {
  /** Files removed because they belong to the other output format (left by an earlier synth into the same folder). */
  readonly removed: readonly string[];
  /** Folders of stacks that an earlier synth wrote into the same output and that the app no longer has. */
  readonly staleStacks: readonly string[];
  /** HCL files brought into `terraform fmt` form. */
  readonly formatted: readonly string[];
  /** Why HCL files were left as cdktf wrote them, when they were. */
  readonly warning?: string;
}

/**
 * Finishes a synth output for pipelines, after `app.synth()`:
 *
 * - cdktf writes `cdk.tf.json` or `cdk.tf` (plus `metadata.json`) into each stack folder but never removes the other
 *   format's file, so switching between `cdktf synth` and `cdktf synth --hcl` in one output folder leaves a stale
 *   configuration beside the fresh one, and Terraform would load both. The other format's files are removed.
 * - cdktf never removes the folder of a stack that is no longer in the app (a member taken out of the rollout), and a
 *   pipeline that loops over `stacks/*` would apply it. Folders under `stacks/` that the manifest does not name are
 *   removed and listed.
 * - cdktf's HCL renderer writes every reference as an interpolation-only string (`"${aws_kms_key.Key.arn}"`) and
 *   quotes the `provider` and `depends_on` meta-arguments (`provider = "aws.eu_west_1"`). Both come from the renderer
 *   and cannot be changed from the constructs. `terraform fmt` rejects the first; `terraform validate` warns on the
 *   second ("Quoted references are deprecated"). Each `cdk.tf` is passed through `terraform fmt` (TERRAFORM_BINARY,
 *   else `terraform` on PATH) and the quoted meta-arguments are written as plain references. Without Terraform the
 *   files stay as cdktf wrote them (valid, not fmt-clean) and a warning says so.
 * - cdktf's HCL renderer writes a lifecycle's `precondition` and `postcondition` blocks as a list argument
 *   (`postcondition = [{ ... }]`), which Terraform refuses ("Unsupported argument"); they are written as blocks.
 * - cdktf's HCL renderer drops top-level `check` blocks (added to a stack as overrides); they are appended.
 */
export function finishSynthOutput(app: SynthOutputSource, options: { readonly format?: boolean } = {}): FinishedSynthOutput {
  const removed: string[] = [];
  const stackDirs = Object.values(app.manifest.stacks).map((s) => path.join(app.outdir, s.workingDirectory));
  const stale = app.hclOutput ? ["cdk.tf.json"] : ["cdk.tf", "metadata.json"];
  for (const dir of stackDirs) {
    for (const f of stale) {
      const file = path.join(dir, f);
      if (fs.existsSync(file)) {
        fs.rmSync(file);
        removed.push(file);
      }
    }
  }
  const staleStacks = removeStaleStackFolders(app.outdir, stackDirs);
  if (!app.hclOutput || options.format === false) return { removed, staleStacks, formatted: [] };
  return { removed, staleStacks, ...formatHclStacks(app) };
}

/**
 * Brings the `cdk.tf` of the app's stacks (or of the named ones) into `terraform fmt` form, their `check` blocks
 * included (see finishSynthOutput).
 */
export function formatHclStacks(app: SynthOutputSource, only?: readonly string[]): { formatted: string[]; warning?: string } {
  const formatted: string[] = [];
  const terraform = process.env.TERRAFORM_BINARY ?? "terraform";
  const checks = stackChecks(app);
  for (const [name, stack] of Object.entries(app.manifest.stacks)) {
    if (only && !only.includes(name)) continue;
    const dir = path.join(app.outdir, stack.workingDirectory);
    const file = path.join(dir, "cdk.tf");
    if (!fs.existsSync(file)) continue;
    const written = checks.get(name);
    if (written && !fs.readFileSync(file, "utf8").includes("\ncheck ")) fs.appendFileSync(file, `\n${checkBlocksHcl(written)}`);
    const format = (input: string) =>
      spawnSync(terraform, ["fmt", "-no-color", "-"], {
        input,
        encoding: "utf8",
        env: { ...process.env, CHECKPOINT_DISABLE: "1" },
        maxBuffer: 256 * 1024 * 1024,
      });
    let fmt = format(fs.readFileSync(file, "utf8"));
    // Conditions written as blocks are formatted once more: fmt then also writes their interpolation-only expressions plainly.
    const blocks = fmt.error || fmt.status !== 0 ? undefined : conditionBlocks(fmt.stdout);
    if (blocks !== undefined && blocks !== fmt.stdout) fmt = format(blocks);
    if (fmt.error || fmt.status !== 0) {
      const why = fmt.error
        ? `${terraform} could not be run (${fmt.error.message}); set TERRAFORM_BINARY or put terraform on PATH`
        : `terraform fmt failed on ${file}: ${fmt.stderr.trim()}`;
      const warning = `cdk.tf files are left as cdktf wrote them, which \`terraform fmt -check\` rejects: ${why}`;
      console.error(`warning: ${warning}`);
      return { formatted, warning };
    }
    fs.writeFileSync(file, unquoteMetaReferences(fmt.stdout));
    formatted.push(file);
  }
  return { formatted };
}

/** Removes the folders under `<outdir>/stacks` that are not the app's stacks; returns their names. */
export function removeStaleStackFolders(outdir: string, stackDirs: readonly string[]): string[] {
  const root = path.join(outdir, "stacks");
  if (!fs.existsSync(root)) return [];
  const current = new Set(stackDirs.map((d) => path.resolve(d)));
  const stale = fs
    .readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !current.has(path.resolve(root, e.name)))
    .map((e) => e.name)
    .sort();
  for (const name of stale) fs.rmSync(path.join(root, name), { recursive: true, force: true });
  return stale;
}

const REFERENCE = /^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)+$|^[A-Za-z_][A-Za-z0-9_-]*$/;

function unquoted(quoted: string): string | undefined {
  const m = /^"([^"\\$%]*)"$/.exec(quoted.trim());
  return m && REFERENCE.test(m[1]) ? m[1] : undefined;
}

/**
 * Writes the quoted `provider = "aws.x"` and `depends_on = ["type.name"]` meta-arguments of resource, data and output
 * blocks as plain references. Expects `terraform fmt` output: blocks at column 0, their arguments indented by two spaces,
 * list items by four; heredoc bodies are left alone.
 */
export function unquoteMetaReferences(hcl: string): string {
  const lines = hcl.split("\n");
  let inBlock = false;
  let inDependsOn = false;
  let heredocEnd: string | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (heredocEnd !== undefined) {
      if (line.trim() === heredocEnd) heredocEnd = undefined;
      continue;
    }
    const heredoc = /<<-?([A-Za-z_][A-Za-z0-9_]*)$/.exec(line);
    if (heredoc) {
      heredocEnd = heredoc[1];
      continue;
    }
    if (/^(resource "[^"]+"|data "[^"]+"|output) "[^"]+" \{$/.test(line)) {
      inBlock = true;
      continue;
    }
    if (line === "}") {
      inBlock = false;
      inDependsOn = false;
      continue;
    }
    if (!inBlock) continue;
    if (inDependsOn) {
      if (line === "  ]") {
        inDependsOn = false;
        continue;
      }
      const item = /^( {4})("[^"]*")(,?)$/.exec(line);
      const ref = item && unquoted(item[2]);
      if (item && ref) lines[i] = `${item[1]}${ref}${item[3]}`;
      continue;
    }
    const provider = /^( {2}provider\s*= )("[^"]*")$/.exec(line);
    if (provider) {
      const ref = unquoted(provider[2]);
      if (ref) lines[i] = `${provider[1]}${ref}`;
      continue;
    }
    const dependsOn = /^( {2}depends_on\s*= \[)(.*)$/.exec(line);
    if (dependsOn) {
      if (dependsOn[2] === "") {
        inDependsOn = true;
      } else if (dependsOn[2].endsWith("]")) {
        const items = dependsOn[2]
          .slice(0, -1)
          .split(",")
          .map((s) => s.trim())
          .filter((s) => s !== "");
        const refs = items.map(unquoted);
        if (refs.every((r) => r !== undefined)) lines[i] = `${dependsOn[1]}${refs.join(", ")}]`;
      }
    }
  }
  return lines.join("\n");
}

/**
 * Writes `precondition = [ { ... }, ... ]` and `postcondition = [ ... ]` (as cdktf's HCL renderer emits them inside
 * `lifecycle`) as one block per condition. Expects `terraform fmt` output: list items two spaces deeper than the
 * argument, their attributes two deeper again.
 */
export function conditionBlocks(hcl: string): string {
  const lines = hcl.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = /^(\s*)(precondition|postcondition) = \[$/.exec(lines[i]);
    if (!start) {
      out.push(lines[i]);
      continue;
    }
    const [, indent, name] = start;
    let j = i + 1;
    for (; j < lines.length && lines[j] !== `${indent}]`; j++) {
      const line = lines[j];
      if (line === `${indent}  {`) out.push(`${indent}${name} {`);
      else if (line === `${indent}  },` || line === `${indent}  }`) out.push(`${indent}}`);
      else out.push(line.startsWith(`${indent}    `) ? `${indent}  ${line.slice(indent.length + 4)}` : line);
    }
    i = j;
  }
  return out.join("\n");
}

/** One `check` block as Terraform's JSON syntax has it: scoped data sources and assertions. */
export interface CheckBlockJson {
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly assert?: readonly Record<string, unknown>[];
}

/** The `check` blocks of each stack of the App, by stack name. */
function stackChecks(app: SynthOutputSource): Map<string, Record<string, CheckBlockJson>> {
  const out = new Map<string, Record<string, CheckBlockJson>>();
  for (const child of app.node?.children ?? []) {
    const stack = child as { node?: { id: string }; toTerraform?: () => { check?: Record<string, CheckBlockJson> } };
    if (!stack.node || typeof stack.toTerraform !== "function" || !(stack.node.id in app.manifest.stacks)) continue;
    const check = stack.toTerraform().check;
    if (check && Object.keys(check).length > 0) out.set(stack.node.id, check);
  }
  return out;
}

/** An argument's value in HCL: an interpolation-only string as its expression, meta-arguments as references. */
function hclValue(key: string, value: unknown): string {
  if (key === "provider" && typeof value === "string") return value;
  if (key === "depends_on" && Array.isArray(value)) return `[${value.join(", ")}]`;
  if (typeof value === "string") {
    const only = /^\$\{([^]*)\}$/.exec(value);
    if (only && !only[1].includes("${")) return only[1];
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => hclValue("", v)).join(", ")}]`;
  return JSON.stringify(value);
}

/** `check` blocks in HCL, from Terraform's JSON syntax; `terraform fmt` aligns them afterwards. */
export function checkBlocksHcl(checks: Record<string, CheckBlockJson>): string {
  const out: string[] = [];
  const args = (indent: string, body: Record<string, unknown>) =>
    Object.entries(body)
      .filter(([, v]) => v !== undefined)
      .forEach(([k, v]) => out.push(`${indent}${k} = ${hclValue(k, v)}`));
  for (const [name, check] of Object.entries(checks)) {
    out.push(`check ${JSON.stringify(name)} {`);
    for (const [type, byName] of Object.entries(check.data ?? {}))
      for (const [dataName, body] of Object.entries(byName)) {
        out.push(`  data ${JSON.stringify(type)} ${JSON.stringify(dataName)} {`);
        args("    ", body);
        out.push("  }");
      }
    for (const assertion of check.assert ?? []) {
      out.push("  assert {");
      args("    ", assertion);
      out.push("  }");
    }
    out.push("}", "");
  }
  return out.join("\n");
}
