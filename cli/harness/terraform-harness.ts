/**
 * Runs real Terraform on synthesized stacks: one provider install per run, `terraform validate`, and
 * `terraform plan` with fake credentials against a local backend (no AWS account is touched). Used by the tests, by
 * `backup-dr validate` and by `backup-dr upgrade-check`. Every validate of a run talks to one provider process
 * (shared-provider.ts), so the AWS provider's schema is built once per run rather than once per stack.
 *
 * Where the provider comes from (selectProviderMode):
 * - online (TF_PROVIDER_MIRROR unset): Terraform's normal installation of the version the stacks pin, under the
 *   user's own CLI configuration; nothing is overridden and no diagnostic is tolerated.
 * - offline (TF_PROVIDER_MIRROR set): a filesystem mirror, at the pinned version if it holds it, else at its highest.
 *   Another version is pinned by an override file; below 6.x, the only diagnostics tolerated are "unsupported
 *   argument" errors for the attributes in PROVIDER_6X_ONLY_ATTRIBUTES, and a stack that uses one of them is
 *   validated but not planned, and the result says so.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SharedProvider, startSharedProvider } from "./shared-provider";

/**
 * Arguments and blocks that exist only in AWS provider 6.x, which a 5.x provider rejects. This is the one list of
 * them: with a 5.x provider from a mirror, a validation diagnostic is tolerated only when it names one of these.
 */
export const PROVIDER_6X_ONLY_ATTRIBUTES: readonly string[] = [
  "target_region", // aws_dlm_lifecycle_policy cross_region_copy_rule (AMI policies)
  "default_policy", // aws_dlm_lifecycle_policy
  "archive_rule", // aws_dlm_lifecycle_policy schedule
  "scripts", // aws_dlm_lifecycle_policy create_rule
  "exclusions", // aws_dlm_lifecycle_policy policy_details
  "copy_tags", // aws_dlm_lifecycle_policy policy_details (default policies)
  "create_interval", // aws_dlm_lifecycle_policy policy_details (default policies)
  "extend_deletion", // aws_dlm_lifecycle_policy policy_details (default policies)
  "retain_interval", // aws_dlm_lifecycle_policy policy_details (default policies)
  "policy_language", // aws_dlm_lifecycle_policy policy_details
  "resource_type", // aws_dlm_lifecycle_policy policy_details (default policies)
  "encryption_key_arn", // aws_backup_logically_air_gapped_vault
];

/** The 5.x error that follows from using target_region correctly: 5.x still requires `target`. */
const MISSING_TARGET = /The argument "target" is required/;

export interface Diagnostic {
  readonly severity: "error" | "warning";
  readonly summary: string;
  readonly detail?: string;
  readonly range?: { filename: string; start: { line: number } };
}

export interface StackCheck {
  /** The stack's name (its folder under stacks/). */
  readonly stack: string;
  /** Whether validate passed (with a 5.x provider from a mirror, tolerating only the named 6.x-only attributes). */
  readonly ok: boolean;
  /** Diagnostics tolerated because they name a 6.x-only attribute. */
  readonly tolerated: readonly Diagnostic[];
  /** Every other diagnostic (errors make `ok` false). */
  readonly diagnostics: readonly Diagnostic[];
  /** The 6.x-only attributes the stack uses. */
  readonly sixOnly: readonly string[];
  /** Whether a plan ran. */
  readonly planned: boolean;
  /** Why no plan ran, when one was asked for. */
  readonly planSkipped?: string;
  /** `terraform show -json` of the plan, when one ran. */
  readonly plan?: TerraformPlanJson;
  /** Errors of init or plan. */
  readonly error?: string;
  /** Seconds spent on the stack. */
  readonly seconds: number;
}

export interface TerraformPlanJson {
  readonly planned_values: { readonly outputs?: Record<string, { value: unknown }>; readonly root_module: PlannedModule };
  readonly resource_changes?: ReadonlyArray<ResourceChange>;
  readonly configuration?: { readonly root_module?: { readonly resources?: ReadonlyArray<ConfiguredResource> } };
  readonly [key: string]: unknown;
}

/** One entry of a plan's `resource_changes`. */
export interface ResourceChange {
  readonly address: string;
  readonly mode?: "managed" | "data";
  readonly type: string;
  readonly name: string;
  readonly provider_name?: string;
  /** Why a resource is deleted or replaced, e.g. `delete_because_no_resource_config`, `replace_because_cannot_update`. */
  readonly action_reason?: string;
  readonly change: {
    readonly actions: string[];
    readonly before?: Record<string, unknown> | null;
    readonly after: Record<string, unknown>;
    readonly after_unknown?: Record<string, unknown>;
    /** Paths of the attributes that force the replacement. */
    readonly replace_paths?: ReadonlyArray<ReadonlyArray<string | number>>;
  };
}

/** One resource of a plan's `configuration`. */
export interface ConfiguredResource {
  readonly address: string;
  readonly mode: "managed" | "data";
  readonly type: string;
  readonly name: string;
  /** `aws` or `aws.<alias>`. */
  readonly provider_config_key: string;
  readonly schema_version?: number;
}

export interface PlannedModule {
  readonly resources?: ReadonlyArray<{
    address: string;
    mode?: "managed" | "data";
    type: string;
    name: string;
    provider_name?: string;
    values: Record<string, unknown>;
  }>;
}

export interface HarnessOptions {
  /** Run an offline plan after validate. @default true */
  readonly plan?: boolean;
  /** Only these stacks. @default every stack of the synth output */
  readonly stacks?: readonly string[];
  /** Parallel stacks. @default the number of cores */
  readonly concurrency?: number;
  /** Working folder (copies of the stacks). @default a new temp folder */
  readonly workDir?: string;
  /**
   * Outputs of upstream stacks, by stack name, served to `terraform_remote_state` data sources whose state key
   * ends in `<stack name>.tfstate`. When a stack of the same run plans successfully, its planned outputs are used
   * for stacks that come later in `stacks` order and are not given here.
   */
  readonly remoteStateOutputs?: Record<string, Record<string, unknown>>;
  /** Called with one line per finished stack. */
  readonly onProgress?: (line: string) => void;
  /** Keep the working folder. @default false */
  readonly keep?: boolean;
  /**
   * Read each plan back as JSON (`terraform show -json`), for assertions. Stacks whose outputs feed another stack's
   * remote state are always read back. @default true
   */
  readonly showPlans?: boolean;
  /**
   * Run `terraform validate` before the plan. Without it, diagnostics are not classified, so with a 5.x provider a
   * stack that uses a 6.x-only attribute fails its plan instead of being reported as validated only. @default true
   */
  readonly validate?: boolean;
  /** State files to plan against, by stack name (Terraform state v4). @default no state: every resource is created */
  readonly stateFiles?: Record<string, string>;
  /** Further override files (`*_override.tf.json` content), by stack name, merged over the stack's configuration. */
  readonly overrides?: Record<string, Record<string, unknown>>;
  /**
   * The provider template of an earlier run (`<its workDir>/_provider-template`), to seed stacks from instead of
   * running terraform init again. @default a new one for the run
   */
  readonly providerTemplate?: string;
  /**
   * Validate every stack, and read every plan back (`terraform show -json`), against one provider process started for
   * the run (see shared-provider.ts), instead of terraform starting the provider anew for each of them. Plans always
   * start their own. TF_HARNESS_SHARED_PROVIDER=0 turns it off too. @default true
   */
  readonly sharedProvider?: boolean;
  /** Called once, before terraform runs, with where the run's AWS provider comes from (see selectProviderMode). */
  readonly onProviderMode?: (mode: ProviderMode) => void;
}

export class HarnessSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "HarnessSetupError";
  }
}

/** The AWS provider version the bindings were generated for: what synthesized stacks pin unless they say otherwise. */
export const BINDINGS_PROVIDER_VERSION = "6.25.0";

const AWS_PROVIDER = "registry.terraform.io/hashicorp/aws";

/** The terraform binary: TERRAFORM_BINARY, else `terraform` on PATH. */
export function terraformBinary(): string {
  return process.env.TERRAFORM_BINARY ?? "terraform";
}

/** The provider mirror for offline use: TF_PROVIDER_MIRROR, or undefined when it is unset (online). */
export function providerMirror(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.TF_PROVIDER_MIRROR ? env.TF_PROVIDER_MIRROR : undefined;
}

/**
 * The plugin cache: TF_PLUGIN_CACHE_DIR, else one of this run's own. Terraform's cache is not safe for concurrent
 * inits from several processes, and from an unpacked mirror it holds only links, so a cache per run costs nothing.
 */
export function pluginCacheDir(workDir: string): string {
  return process.env.TF_PLUGIN_CACHE_DIR ?? path.join(workDir, "plugin-cache");
}

/** Where the AWS provider comes from, which version runs, and what that means for the stacks. */
export interface ProviderMode {
  /** `online`: Terraform's normal provider installation; `offline`: the filesystem mirror TF_PROVIDER_MIRROR. */
  readonly kind: "online" | "offline";
  /** The filesystem mirror (offline only). */
  readonly mirror?: string;
  /** The AWS provider version the stacks pin. */
  readonly pinnedVersion: string;
  /** The AWS provider version terraform installs and runs. */
  readonly version: string;
  /** Whether each stack gets an override that pins `version` instead of the pinned one (a mirror of another version). */
  readonly overridesVersion: boolean;
  /** Attributes whose unsupported-argument diagnostics are tolerated: PROVIDER_6X_ONLY_ATTRIBUTES below 6.x, else none. */
  readonly toleratedAttributes: readonly string[];
}

/** Terraform's name of this machine's platform (`linux_amd64`), the folder a mirror keeps its builds in. */
export function terraformPlatform(platform: string = process.platform, arch: string = process.arch): string {
  const os = platform === "win32" ? "windows" : platform;
  const cpu = ({ x64: "amd64", ia32: "386" } as Record<string, string>)[arch] ?? arch;
  return `${os}_${cpu}`;
}

const RELEASE = /^(\d+)\.(\d+)\.(\d+)$/;

function compareVersions(a: string, b: string): number {
  const pa = RELEASE.exec(a)!.slice(1).map(Number);
  const pb = RELEASE.exec(b)!.slice(1).map(Number);
  return pa[0] - pb[0] || pa[1] - pb[1] || pa[2] - pb[2];
}

/**
 * The AWS provider versions a filesystem mirror holds for this platform, in either layout Terraform reads:
 * unpacked (`<version>/<platform>/`) or packed (`terraform-provider-aws_<version>_<platform>.zip`).
 */
export function mirrorVersions(mirror: string, platform: string = terraformPlatform()): string[] {
  const dir = path.join(mirror, AWS_PROVIDER);
  if (!fs.existsSync(dir)) return [];
  const versions = new Set<string>();
  for (const entry of fs.readdirSync(dir)) {
    if (fs.existsSync(path.join(dir, entry, platform))) versions.add(entry);
    const packed = new RegExp(`^terraform-provider-aws_(.+)_${platform}\\.zip$`).exec(entry);
    if (packed) versions.add(packed[1]);
  }
  return [...versions].sort();
}

/**
 * Chooses how the run gets its AWS provider. Online when TF_PROVIDER_MIRROR is unset: the pinned version, installed
 * the normal way. Offline when it is set: the pinned version if the mirror holds it, else the mirror's highest
 * release; a version other than the pinned one is pinned by an override, and below 6.x the 6.x-only attributes are
 * tolerated.
 */
export function selectProviderMode(pinnedVersion: string = BINDINGS_PROVIDER_VERSION, env: NodeJS.ProcessEnv = process.env): ProviderMode {
  const mirror = providerMirror(env);
  if (!mirror) return { kind: "online", pinnedVersion, version: pinnedVersion, overridesVersion: false, toleratedAttributes: [] };
  const platform = terraformPlatform();
  const available = mirrorVersions(mirror, platform);
  const releases = available.filter((v) => RELEASE.test(v)).sort(compareVersions);
  const version = available.includes(pinnedVersion) ? pinnedVersion : releases[releases.length - 1];
  if (!version) {
    throw new HarnessSetupError(
      `TF_PROVIDER_MIRROR is ${mirror}, but it holds no hashicorp/aws provider for ${platform} ` +
        `(nothing under ${path.join(mirror, AWS_PROVIDER)}/<version>/${platform}). ` +
        `Fill it with \`terraform providers mirror -platform=${platform} ${mirror}\` on a machine with registry access, or unset TF_PROVIDER_MIRROR to install the provider from the registry.`,
    );
  }
  const major = Number(RELEASE.exec(version)?.[1] ?? 6);
  return {
    kind: "offline",
    mirror,
    pinnedVersion,
    version,
    overridesVersion: version !== pinnedVersion,
    toleratedAttributes: version !== pinnedVersion && major < 6 ? PROVIDER_6X_ONLY_ATTRIBUTES : [],
  };
}

/** How to say where the provider came from, for messages. */
export function describeProviderMode(mode: ProviderMode): string {
  return mode.kind === "online"
    ? `AWS provider ${mode.version}, installed by terraform init`
    : `AWS provider ${mode.version} from the mirror ${mode.mirror}${mode.overridesVersion ? ` (the stacks pin ${mode.pinnedVersion})` : ""}`;
}

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd, env, maxBuffer: 512 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as NodeJS.ErrnoException & { code?: unknown }).code === "number" ? (err as unknown as { code: number }).code : 1) : 0;
      if (err && (err as NodeJS.ErrnoException).code === "ENOENT") {
        resolve({ code: 127, stdout: "", stderr: `${cmd}: not found` });
        return;
      }
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** Successful `terraform version` answers by binary and PATH: a process that runs the harness often asks once. */
const versionAnswers = new Map<string, RunResult>();

async function terraformVersion(bin: string, cwd: string): Promise<RunResult> {
  const key = `${bin}\0${process.env.PATH ?? ""}`;
  const known = versionAnswers.get(key);
  if (known) return known;
  const answer = await run(bin, ["version", "-json"], cwd, { ...process.env, CHECKPOINT_DISABLE: "1" });
  if (answer.code === 0) versionAnswers.set(key, answer);
  return answer;
}

/**
 * Checks terraform and returns the environment for terraform children. Offline, it writes a CLI config that installs
 * providers from the mirror only; online, the user's own CLI config (registry, network mirror, credentials) stays in
 * force and only the plugin cache is set.
 */
export async function prepareTerraform(workDir: string, mode: ProviderMode = selectProviderMode()): Promise<NodeJS.ProcessEnv> {
  const bin = terraformBinary();
  const version = await terraformVersion(bin, workDir);
  if (version.code !== 0) {
    throw new HarnessSetupError(
      `Terraform is not available (${bin}: ${version.stderr.trim() || `exit ${version.code}`}). Install Terraform 1.11.x on PATH or set TERRAFORM_BINARY to its path; ` +
        `without registry access, also set TF_PROVIDER_MIRROR to a filesystem mirror of the AWS provider for offline use.`,
    );
  }
  const cache = pluginCacheDir(workDir);
  fs.mkdirSync(cache, { recursive: true });
  const installation: NodeJS.ProcessEnv = { TF_PLUGIN_CACHE_DIR: cache };
  if (mode.kind === "offline") {
    const cliConfig = path.join(workDir, "terraform-cli.tfrc");
    fs.writeFileSync(
      cliConfig,
      [
        "provider_installation {",
        "  filesystem_mirror {",
        `    path    = ${JSON.stringify(mode.mirror)}`,
        '    include = ["registry.terraform.io/*/*"]',
        "  }",
        "  direct {",
        '    exclude = ["registry.terraform.io/*/*"]',
        "  }",
        "}",
        `plugin_cache_dir = ${JSON.stringify(cache)}`,
        "",
      ].join("\n"),
    );
    installation.TF_CLI_CONFIG_FILE = cliConfig;
  }
  return {
    ...process.env,
    ...installation,
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    AWS_ACCESS_KEY_ID: "AKIAOFFLINEHARNESS00",
    AWS_SECRET_ACCESS_KEY: "offline-harness-not-a-secret",
    AWS_SESSION_TOKEN: "",
    AWS_PROFILE: "",
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

/** The stack folders of a synth output (`<outDir>/stacks/*` holding cdk.tf.json or cdk.tf). */
export function listStacks(outDir: string): string[] {
  const dir = path.join(outDir, "stacks");
  if (!fs.existsSync(dir)) throw new HarnessSetupError(`${dir} does not exist: synthesize first (npx cdktf synth)`);
  return fs
    .readdirSync(dir)
    .filter((s) => fs.existsSync(path.join(dir, s, "cdk.tf.json")) || fs.existsSync(path.join(dir, s, "cdk.tf")))
    .sort();
}

/** A provider requirement of a stack's `terraform.required_providers`, by local name. */
export interface ProviderRequirement {
  readonly source?: string;
  readonly version?: string;
}

interface StackConfigFacts {
  aliases: string[];
  /** What each remote-state read names: the S3 key, or the workspace name of an HCP Terraform (`remote`) read. */
  remoteStates: Array<{ name: string; key: string }>;
  /** The state the stack itself writes, named the same way: its S3 key or its `cloud` block's workspace. */
  state?: string;
  /** Data sources that would call AWS when planned, as `type.name`. */
  lookups?: string[];
  requiredProviders: Record<string, ProviderRequirement>;
}

/** The body of the first `<keyword> { ... }` block of an HCL text, braces matched. */
function hclBlockBody(hcl: string, keyword: string): string | undefined {
  const start = new RegExp(`\\b${keyword}\\s*\\{`).exec(hcl);
  if (!start) return undefined;
  let depth = 1;
  for (let i = start.index + start[0].length; i < hcl.length; i++) {
    if (hcl[i] === "{") depth++;
    else if (hcl[i] === "}" && --depth === 0) return hcl.slice(start.index + start[0].length, i);
  }
  return undefined;
}

/** Reads the provider aliases, remote-state data sources and required providers of a stack (JSON or HCL). */
function readFacts(stackDir: string): StackConfigFacts {
  const jsonFile = path.join(stackDir, "cdk.tf.json");
  if (fs.existsSync(jsonFile)) {
    const cfg = JSON.parse(fs.readFileSync(jsonFile, "utf8"));
    const aws = cfg.provider?.aws ?? [];
    const aliases = (Array.isArray(aws) ? aws : [aws]).map((p: { alias?: string }) => p.alias).filter((a: string | undefined): a is string => !!a);
    const rs = cfg.data?.terraform_remote_state ?? {};
    const remoteStates = Object.entries(rs).map(([name, d]) => {
      const config = (d as { config?: { key?: string; workspaces?: { name?: string } } }).config;
      return { name, key: String(config?.key ?? config?.workspaces?.name ?? "") };
    });
    const state: string | undefined = cfg.terraform?.backend?.s3?.key ?? cfg.terraform?.cloud?.workspaces?.name;
    const required = (cfg.terraform?.required_providers ?? {}) as Record<string, ProviderRequirement | string>;
    const requiredProviders = Object.fromEntries(
      Object.entries(required).map(([name, r]) => [name, typeof r === "string" ? { version: r } : { source: r.source, version: r.version }]),
    );
    const lookups = AWS_LOOKUP_DATA_SOURCES.flatMap((type) => Object.keys(cfg.data?.[type] ?? {}).map((name) => `${type}.${name}`));
    return { aliases, remoteStates, state, requiredProviders, lookups };
  }
  const hcl = fs.readFileSync(path.join(stackDir, "cdk.tf"), "utf8");
  const aliases = [...hcl.matchAll(/provider\s+"aws"\s*\{[^}]*?alias\s*=\s*"([^"]+)"/gs)].map((m) => m[1]);
  const remoteStates = [...hcl.matchAll(/data\s+"terraform_remote_state"\s+"([^"]+)"\s*\{[\s\S]*?\b(?:key|name)\s*=\s*"([^"]+)"/g)].map((m) => ({
    name: m[1],
    key: m[2],
  }));
  const state =
    /backend\s+"s3"\s*\{[^}]*?\bkey\s*=\s*"([^"]+)"/.exec(hcl)?.[1] ?? /cloud\s*\{[\s\S]*?workspaces\s*\{[^}]*?\bname\s*=\s*"([^"]+)"/.exec(hcl)?.[1];
  const lookups = AWS_LOOKUP_DATA_SOURCES.flatMap((type) => [...hcl.matchAll(new RegExp(`data\\s+"${type}"\\s+"([^"]+)"`, "g"))].map((m) => `${type}.${m[1]}`));
  const requiredProviders: Record<string, ProviderRequirement> = {};
  for (const m of (hclBlockBody(hcl, "required_providers") ?? "").matchAll(/([A-Za-z_][\w-]*)\s*=\s*\{([^{}]*)\}/g)) {
    requiredProviders[m[1]] = { source: /source\s*=\s*"([^"]+)"/.exec(m[2])?.[1], version: /version\s*=\s*"([^"]+)"/.exec(m[2])?.[1] };
  }
  return { aliases, remoteStates, state, requiredProviders, lookups };
}

/** The stack whose state a remote-state read names: the stack that writes that state, else the key's file stem. */
function stackOfState(key: string, owners: ReadonlyMap<string, string>): string {
  return owners.get(key) ?? path.basename(key).replace(/\.tfstate$/, "");
}

/** Which stack writes which state (S3 key or HCP Terraform workspace), so that a read finds the stack it reads. */
function stateOwners(outDir: string, stacks: readonly string[]): Map<string, string> {
  return new Map(
    stacks.flatMap((s) => {
      const state = readFacts(path.join(outDir, "stacks", s)).state;
      return state ? [[state, s] as const] : [];
    }),
  );
}

/**
 * The stacks each stack of a synth output reads through remote state: for each read, the stack of `stacks` that writes
 * that state, else the state key's file stem.
 */
export function remoteStateReads(outDir: string, stacks: readonly string[] = listStacks(outDir)): Map<string, string[]> {
  return readsOf(outDir, stacks, stateOwners(outDir, stacks));
}

function readsOf(outDir: string, stacks: readonly string[], owners: ReadonlyMap<string, string>): Map<string, string[]> {
  return new Map(stacks.map((s) => [s, readFacts(path.join(outDir, "stacks", s)).remoteStates.map((r) => stackOfState(r.key, owners))]));
}

/**
 * Data sources the stacks use that read the account or organization from AWS (the prerequisite checks): an offline
 * plan cannot call AWS, so it plans them with `count = 0`, leaving their checks to `terraform test` with a mock provider
 * and to the user's own plan. Nothing else may reference them, so the rest of the stack plans unchanged.
 */
export const AWS_LOOKUP_DATA_SOURCES: readonly string[] = ["aws_organizations_organization"];

/**
 * The providers a set of stacks requires, merged: what the run installs once for all of them. Stacks that require
 * one provider at different versions cannot share an install and are refused.
 */
export function requiredProvidersOf(outDir: string, stacks: readonly string[]): Record<string, ProviderRequirement> {
  const merged: Record<string, ProviderRequirement & { stack: string }> = {};
  for (const stack of stacks) {
    for (const [name, r] of Object.entries(readFacts(path.join(outDir, "stacks", stack)).requiredProviders)) {
      const seen = merged[name];
      if (!seen) merged[name] = { ...r, stack };
      else if ((seen.version ?? "") !== (r.version ?? "") || (seen.source ?? name) !== (r.source ?? name)) {
        throw new HarnessSetupError(
          `stacks ${seen.stack} and ${stack} require provider ${name} differently (${seen.source ?? name} ${seen.version ?? "any version"} vs ${r.source ?? name} ${r.version ?? "any version"}): ` +
            `one run installs one version of each provider, so check them in separate runs (--stack).`,
        );
      }
    }
  }
  return Object.fromEntries(Object.entries(merged).map(([name, { source, version }]) => [name, { source, version }]));
}

/** The AWS provider version stacks pin (an exact version in required_providers), else the bindings' version. */
export function pinnedAwsVersion(required: Record<string, ProviderRequirement>): string {
  const version = required.aws?.version?.trim().replace(/^=\s*/, "");
  return version && RELEASE.test(version) ? version : BINDINGS_PROVIDER_VERSION;
}

function writeState(file: string, outputs: Record<string, unknown>): void {
  const state = {
    version: 4,
    terraform_version: "1.11.4",
    serial: 1,
    lineage: "offline-harness",
    outputs: Object.fromEntries(Object.entries(outputs).map(([k, value]) => [k, { value, type: typeOf(value) }])),
    resources: [],
  };
  fs.writeFileSync(file, JSON.stringify(state));
}

function typeOf(value: unknown): unknown {
  if (typeof value === "string") return "string";
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "bool";
  if (Array.isArray(value)) return ["tuple", value.map(typeOf)];
  if (value && typeof value === "object") return ["object", Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeOf(v)]))];
  return "string";
}

/**
 * The override that makes a stack checkable without AWS: no credentials checks, no role to assume, a local backend,
 * remote state read from local files; and, when the run's provider is another version than the pinned one, a pin of
 * that version.
 */
export function stackOverride(
  dir: string,
  facts: Pick<StackConfigFacts, "aliases" | "remoteStates" | "lookups">,
  stateFiles: Record<string, string>,
  mode: ProviderMode,
): Record<string, unknown> {
  const offline = {
    skip_credentials_validation: true,
    skip_requesting_account_id: true,
    skip_metadata_api_check: true,
    skip_region_validation: true,
    // No network: no role to assume, and no account ID to compare with (tests assert allowed_account_ids on the synth).
    assume_role: [{ role_arn: "" }],
    allowed_account_ids: null,
  };
  const override: Record<string, unknown> = {
    terraform: {
      ...(mode.overridesVersion ? { required_providers: { aws: { source: "hashicorp/aws", version: mode.version } } } : {}),
      backend: OFFLINE_BACKEND,
    },
    provider: { aws: [offline, ...facts.aliases.map((alias) => ({ alias, ...offline }))] },
  };
  const data: Record<string, Record<string, unknown>> = {};
  if (facts.remoteStates.length > 0) {
    data.terraform_remote_state = Object.fromEntries(
      facts.remoteStates.map((r) => [r.name, { backend: "local", config: { path: stateFiles[r.name] ?? path.join(dir, `missing-${r.name}.tfstate`) } }]),
    );
  }
  for (const lookup of facts.lookups ?? []) {
    const [type, name] = lookup.split(".");
    data[type] = { ...data[type], [name]: { count: 0 } };
  }
  if (Object.keys(data).length > 0) override.data = data;
  return override;
}

/**
 * Splits validate diagnostics into tolerated (unsupported-argument errors naming one of `toleratedAttributes`) and
 * the rest. Pass the run's ProviderMode.toleratedAttributes: none unless the provider is a 5.x build.
 */
export function classifyDiagnostics(
  diags: readonly Diagnostic[],
  toleratedAttributes: readonly string[] = PROVIDER_6X_ONLY_ATTRIBUTES,
): { tolerated: Diagnostic[]; other: Diagnostic[]; sixOnly: string[] } {
  const tolerated: Diagnostic[] = [];
  const other: Diagnostic[] = [];
  const sixOnly = new Set<string>();
  for (const d of diags) {
    const m =
      /No argument or block type is named "([^"]+)"|An argument named "([^"]+)" is not expected here|Blocks of type "([^"]+)" are not expected here/.exec(
        d.detail ?? "",
      );
    const name = m?.[1] ?? m?.[2] ?? m?.[3];
    const unsupported = /^(Extraneous JSON object property|Unsupported argument|Unsupported block type)$/.test(d.summary);
    if (d.severity === "error" && unsupported && name && toleratedAttributes.includes(name)) {
      tolerated.push(d);
      sixOnly.add(name);
    } else {
      other.push(d);
    }
  }
  // 5.x requires cross_region_copy_rule.target; an AMI policy correctly using target_region has none.
  if (sixOnly.has("target_region")) {
    for (const d of [...other]) {
      if (d.severity === "error" && d.summary === "Missing required argument" && MISSING_TARGET.test(d.detail ?? "")) {
        other.splice(other.indexOf(d), 1);
        tolerated.push(d);
      }
    }
  }
  return { tolerated, other, sixOnly: [...sixOnly].sort() };
}

const OFFLINE_BACKEND = { local: { path: "terraform.tfstate" } };

/** The folder, inside a run's working folder, that holds the initialized provider every stack is seeded from. */
export const PROVIDER_TEMPLATE = "_provider-template";

/**
 * Initializes one folder with the providers and the offline local backend. Every stack folder is seeded from it, so
 * a run installs the providers once and no stack needs an init of its own: the stacks of a run require the same
 * provider versions (requiredProvidersOf) and their overrides declare the same local backend, so the template's lock
 * file and backend record fit them all.
 */
async function prepareTemplate(root: string, env: NodeJS.ProcessEnv, mode: ProviderMode, required: Record<string, ProviderRequirement>): Promise<string> {
  const dir = path.join(root, PROVIDER_TEMPLATE);
  fs.mkdirSync(dir, { recursive: true });
  const providers = { ...required, aws: { source: "hashicorp/aws", version: mode.version } };
  fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify({ terraform: { required_providers: providers, backend: OFFLINE_BACKEND } }));
  const init = await run(terraformBinary(), ["init", "-input=false", "-no-color"], dir, env);
  if (init.code !== 0) {
    const output = (init.stderr || init.stdout).trim();
    throw new HarnessSetupError(
      mode.kind === "online"
        ? `terraform init could not install the AWS provider ${mode.version} (and the other providers the stacks require) through Terraform's normal installation:\n${output}\n` +
            `Without registry access, set TF_PROVIDER_MIRROR to a filesystem mirror holding hashicorp/aws (made with \`terraform providers mirror\`) for offline use.`
        : `terraform init from the provider mirror ${mode.mirror} failed (${describeProviderMode(mode)}):\n${output}\n` +
            `The mirror must hold every provider the stacks require; fill it with \`terraform providers mirror\`, or unset TF_PROVIDER_MIRROR to install from the registry.`,
    );
  }
  return dir;
}

/** The provider folders of an initialized folder: `.terraform/providers/<host>/<namespace>/<type>/<version>/<platform>`. */
function providerPlatformDirs(providersDir: string): string[] {
  let level = [providersDir];
  for (let depth = 0; depth < 5; depth++) {
    level = level.flatMap((d) => (fs.existsSync(d) && fs.statSync(d).isDirectory() ? fs.readdirSync(d).map((e) => path.join(d, e)) : []));
  }
  return level;
}

/**
 * Gives a stack folder the template's initialization. Providers are linked, not copied (as Terraform's plugin cache
 * links them): a provider installed without a cache is a 700 MB binary, and a run seeds every stack.
 */
function seedFromTemplate(template: string, dir: string): void {
  const from = path.join(template, ".terraform");
  const providers = path.join(from, "providers");
  fs.cpSync(from, path.join(dir, ".terraform"), { recursive: true, verbatimSymlinks: true, filter: (src) => src !== providers });
  for (const platformDir of providerPlatformDirs(providers)) {
    const link = path.join(dir, ".terraform", "providers", path.relative(providers, platformDir));
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(fs.realpathSync(platformDir), link, "dir");
  }
  fs.copyFileSync(path.join(template, ".terraform.lock.hcl"), path.join(dir, ".terraform.lock.hcl"));
}

async function checkOne(
  outDir: string,
  stack: string,
  root: string,
  template: string,
  mode: ProviderMode,
  env: NodeJS.ProcessEnv,
  schemaEnv: NodeJS.ProcessEnv,
  opts: HarnessOptions,
  outputs: Record<string, Record<string, unknown>>,
  show: boolean,
  owners: ReadonlyMap<string, string> = new Map(),
): Promise<StackCheck> {
  const started = Date.now();
  const src = path.join(outDir, "stacks", stack);
  const dir = path.join(root, stack);
  fs.mkdirSync(dir, { recursive: true });
  for (const f of ["cdk.tf.json", "cdk.tf"]) {
    if (fs.existsSync(path.join(src, f))) fs.copyFileSync(path.join(src, f), path.join(dir, f));
  }
  const facts = readFacts(src);
  const stateFiles: Record<string, string> = {};
  for (const r of facts.remoteStates) {
    const upstream = stackOfState(r.key, owners);
    if (outputs[upstream]) {
      stateFiles[r.name] = path.join(dir, `remote-${r.name}.tfstate`);
      writeState(stateFiles[r.name], outputs[upstream]);
    }
  }
  fs.writeFileSync(path.join(dir, "zz_offline_override.tf.json"), JSON.stringify(stackOverride(dir, facts, stateFiles, mode), null, 2));
  const extra = opts.overrides?.[stack];
  if (extra) fs.writeFileSync(path.join(dir, "zz_extra_override.tf.json"), JSON.stringify(extra, null, 2));
  const state = opts.stateFiles?.[stack];
  if (state) fs.copyFileSync(state, path.join(dir, "terraform.tfstate"));
  const seconds = () => (Date.now() - started) / 1000;
  const base = { stack, planned: false, seconds: 0 };

  seedFromTemplate(template, dir);
  let diags: Diagnostic[] = [];
  if (opts.validate !== false) {
    const validate = await run(terraformBinary(), ["validate", "-json", "-no-color"], dir, schemaEnv);
    try {
      diags = JSON.parse(validate.stdout).diagnostics ?? [];
    } catch {
      return {
        ...base,
        ok: false,
        tolerated: [],
        diagnostics: [],
        sixOnly: [],
        error: `terraform validate printed no JSON:\n${validate.stderr}`,
        seconds: seconds(),
      };
    }
  }
  const { tolerated, other, sixOnly } = classifyDiagnostics(diags, mode.toleratedAttributes);
  const ok = !other.some((d) => d.severity === "error");
  if (!ok || opts.plan === false) {
    return { ...base, ok, tolerated, diagnostics: other, sixOnly, seconds: seconds() };
  }
  if (sixOnly.length > 0) {
    return {
      ...base,
      ok,
      tolerated,
      diagnostics: other,
      sixOnly,
      planSkipped: `uses ${sixOnly.join(", ")} (AWS provider 6.x only): validated, not planned with the AWS provider ${mode.version} of the mirror`,
      seconds: seconds(),
    };
  }
  const missing = facts.remoteStates.filter((r) => !stateFiles[r.name]).map((r) => r.key);
  if (missing.length > 0) {
    return { ...base, ok, tolerated, diagnostics: other, sixOnly, planSkipped: `no outputs given for remote state ${missing.join(", ")}`, seconds: seconds() };
  }
  const plan = await run(terraformBinary(), ["plan", "-input=false", "-lock=false", "-refresh=false", "-out=plan.bin", "-no-color"], dir, env);
  if (plan.code !== 0) {
    return { ...base, ok: false, tolerated, diagnostics: other, sixOnly, error: `terraform plan failed:\n${plan.stderr || plan.stdout}`, seconds: seconds() };
  }
  if (!show) return { ...base, ok: true, tolerated, diagnostics: other, sixOnly, planned: true, seconds: seconds() };
  const shown = await run(terraformBinary(), ["show", "-json", "plan.bin"], dir, schemaEnv);
  if (shown.code !== 0) {
    return { ...base, ok: false, tolerated, diagnostics: other, sixOnly, error: `terraform show failed:\n${shown.stderr}`, seconds: seconds() };
  }
  const planJson = JSON.parse(shown.stdout) as TerraformPlanJson;
  return { ...base, ok: true, tolerated, diagnostics: other, sixOnly, planned: true, plan: planJson, seconds: seconds() };
}

/** Outputs of a plan whose values are known at plan time (outputs known only after apply are left out). */
export function plannedOutputs(plan: TerraformPlanJson): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(plan.planned_values.outputs ?? {})
      .filter(([, o]) => o.value !== undefined)
      .map(([k, o]) => [k, o.value]),
  );
}

/**
 * Validates (and plans) every stack of a synth output. Stacks with remote-state reads of a stack planned in the same
 * run wait for it and read its planned outputs.
 */
export async function checkSynthOutput(outDir: string, opts: HarnessOptions = {}): Promise<StackCheck[]> {
  const stacks = opts.stacks ? [...opts.stacks] : listStacks(outDir);
  const root = opts.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "backup-dr-tf-"));
  fs.mkdirSync(root, { recursive: true });
  let shared: SharedProvider | undefined;
  try {
    const required = requiredProvidersOf(outDir, stacks);
    const mode = selectProviderMode(pinnedAwsVersion(required));
    opts.onProviderMode?.(mode);
    const env = await prepareTerraform(root, mode);
    const outputs: Record<string, Record<string, unknown>> = { ...(opts.remoteStateOutputs ?? {}) };
    const owners = stateOwners(outDir, stacks);
    const reads = readsOf(outDir, stacks, owners);
    const upstreamOf = (stack: string): string[] => reads.get(stack)!.filter((u) => stacks.includes(u) && !opts.remoteStateOutputs?.[u]);
    const done = new Map<string, Promise<StackCheck>>();
    const limit = Math.max(1, opts.concurrency ?? os.cpus().length);
    let active = 0;
    const queue: Array<() => void> = [];
    const slot = async <T>(fn: () => Promise<T>): Promise<T> => {
      if (active >= limit) await new Promise<void>((r) => queue.push(r));
      active++;
      try {
        return await fn();
      } finally {
        active--;
        queue.shift()?.();
      }
    };
    // An earlier run's template serves only when it holds this run's provider version (an upgrade may change the pin).
    const reusable = opts.providerTemplate && fs.existsSync(path.join(opts.providerTemplate, ".terraform", "providers", AWS_PROVIDER, mode.version));
    const template = reusable ? opts.providerTemplate! : await prepareTemplate(root, env, mode, required);
    // Validating and reading a plan back only read the provider's schema, which the shared provider serves; a run that
    // does neither (plans that are not read back, without validation) has no use for it.
    const upstreams = new Set(stacks.flatMap((s) => upstreamOf(s)));
    const readsSchema = opts.validate !== false || (opts.plan !== false && (opts.showPlans !== false || upstreams.size > 0));
    if (readsSchema && opts.sharedProvider !== false && process.env.TF_HARNESS_SHARED_PROVIDER !== "0") {
      const started = await startSharedProvider(template, mode.version);
      if ("failed" in started)
        console.warn(`terraform harness: each validate and show starts its own provider, because the shared one did not start: ${started.failed}`);
      else shared = started;
    }
    const schemaEnv = shared ? { ...env, ...shared.env } : env;
    const start = (stack: string): Promise<StackCheck> => {
      const existing = done.get(stack);
      if (existing) return existing;
      const p = (async () => {
        // Only a plan reads what its upstream stacks planned: validating alone waits for nothing.
        for (const u of opts.plan === false ? [] : upstreamOf(stack)) {
          const r = await start(u);
          if (r.planned && r.plan) outputs[u] = plannedOutputs(r.plan);
        }
        const show = opts.showPlans !== false || upstreams.has(stack);
        const r = await slot(() => checkOne(outDir, stack, root, template, mode, env, schemaEnv, opts, outputs, show, owners));
        opts.onProgress?.(describe(r));
        return r;
      })();
      done.set(stack, p);
      return p;
    };
    return await Promise.all(stacks.map(start));
  } finally {
    shared?.stop();
    if (!opts.keep && !opts.workDir) fs.rmSync(root, { recursive: true, force: true });
  }
}

/** One line for a stack's result. */
export function describe(r: StackCheck): string {
  const status = !r.ok ? "FAIL" : r.planned ? "ok (validate + plan)" : r.planSkipped ? `ok (validate only: ${r.planSkipped})` : "ok (validate)";
  return `${r.stack}: ${status} [${r.seconds.toFixed(1)}s]`;
}

/** A readable account of what failed in a stack. */
export function explain(r: StackCheck): string {
  const lines = [describe(r)];
  for (const d of r.diagnostics)
    lines.push(`  ${d.severity}: ${d.summary}${d.detail ? `: ${d.detail}` : ""}${d.range ? ` (${d.range.filename}:${d.range.start.line})` : ""}`);
  if (r.error) lines.push(`  ${r.error.trim().split("\n").join("\n  ")}`);
  return lines.join("\n");
}
