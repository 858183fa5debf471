/**
 * Would upgrading from one synthesized configuration to another make Terraform destroy or replace a vault, a vault
 * lock, a key, a backup plan or selection, or a DLM policy?
 *
 * 1. The old configuration is planned offline (harness) against empty state.
 * 2. A state file is built from that plan: one instance per resource, with the provider address and schema version,
 *    the planned values, and placeholders for values known only after apply (ids, ARNs); an attribute that is a plain
 *    reference to another resource gets that resource's value. The old configuration is planned again against the
 *    state, and what still differs is taken from that plan, until the old configuration plans no change at all: the
 *    state of a deployment of the old version.
 * 3. The new configuration is planned against that state (`-refresh=false`, `prevent_destroy` lifted so the plan
 *    shows what it would do), and every delete or replace of a protected resource type is a finding. A deleted and a
 *    created address of one type are offered as a `moved` block.
 *
 * With a 5.x provider from a mirror (see selectProviderMode), stacks that use 6.x-only attributes cannot be planned;
 * they are checked by address only, and the report says so.
 *
 * A stack whose configuration is the same in both outputs (metadata aside), and so is that of every stack it reads, is
 * not planned at all: against the state of the old version it would plan what the old version plans there, which is
 * nothing. At organization scale, where an upgrade usually changes a few stacks of hundreds, only those and the stacks
 * they read are planned.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  ConfiguredResource,
  HarnessOptions,
  ResourceChange,
  StackCheck,
  TerraformPlanJson,
  checkSynthOutput,
  explain,
  listStacks,
  PROVIDER_TEMPLATE,
  plannedOutputs,
  prepareTerraform,
  remoteStateReads,
  terraformBinary,
} from "../harness/terraform-harness";
import { sameConfiguration } from "../../stacks/synth/changed";

/** The resource types whose destruction or replacement loses protection or recovery points: a breaking change. */
export const PROTECTED_TYPES: readonly string[] = [
  "aws_backup_vault",
  "aws_backup_logically_air_gapped_vault",
  "aws_backup_vault_lock_configuration",
  "aws_kms_key",
  "aws_backup_selection",
  "aws_backup_plan",
  "aws_dlm_lifecycle_policy",
];

export interface MovedSuggestion {
  readonly from: string;
  readonly to: string;
}

/** A resource that the upgrade would destroy or replace. */
export interface UpgradeFinding {
  readonly stack: string;
  readonly address: string;
  readonly type: string;
  readonly change: "destroy" | "replace";
  /** Whether the type is one of PROTECTED_TYPES (a breaking change) or another resource (reported, not failing). */
  readonly protected: boolean;
  /** Terraform's reason, e.g. `delete_because_no_resource_config`, `replace_because_cannot_update`. */
  readonly reason?: string;
  /** For a replace: the attributes that force it. */
  readonly forcedBy: readonly string[];
  /** For a destroy: created addresses of the same type that are likely the same resource renamed. */
  readonly moved: readonly MovedSuggestion[];
}

export type StackStatus =
  /** Planned against the state of the old version. */
  | "checked"
  /** Not plannable with the run's provider (a 5.x provider from a mirror): compared by resource address only. */
  | "addresses-only"
  /** Could not be checked at all (plan errors). */
  | "failed"
  /** In the old output only: its resources would no longer be managed by any stack. */
  | "removed"
  /** In the new output only. */
  | "added"
  /** The same configuration in both outputs (metadata aside), as are the stacks it reads: nothing to plan. */
  | "unchanged";

export interface StackResult {
  readonly stack: string;
  readonly status: StackStatus;
  /** Why the stack was not fully checked, or what failed. */
  readonly note?: string;
  readonly findings: readonly UpgradeFinding[];
  /** Resources of the old version whose state could not be settled: their changes were not judged. */
  readonly unsettled: readonly string[];
}

export interface UpgradeReport {
  readonly stacks: readonly StackResult[];
  /** Destroyed or replaced resources of protected types. */
  readonly breaking: readonly UpgradeFinding[];
  /** Whether the upgrade is safe as far as it could be checked: no breaking finding, no removed or failed stack. */
  readonly ok: boolean;
}

export interface UpgradeCheckOptions {
  /** Only these stacks. @default every stack of either output */
  readonly stacks?: readonly string[];
  /** Working folder. @default a new temp folder, removed afterwards */
  readonly workDir?: string;
  /** Progress lines. */
  readonly onProgress?: (line: string) => void;
  /** How many times the old configuration is re-planned to settle its state. @default 4 */
  readonly maxSettleRounds?: number;
  /**
   * Plan the stacks whose configuration, and that of every stack they read, is the same in both outputs too (metadata
   * aside); without it they are reported unchanged, since their plan against the old state is the old version's own.
   * Only compareSynthOutputs looks at it. @default false
   */
  readonly planUnchanged?: boolean;
}

/** The old version, deployed: a state file per planned stack. */
export interface Baseline {
  readonly outDir: string;
  readonly stacks: Readonly<Record<string, BaselineStack>>;
  /** The initialized provider of the baseline's runs, reused by later runs while the baseline's folder exists. */
  readonly providerTemplate?: string;
}

export interface BaselineStack {
  readonly stack: string;
  /** Whether the old configuration was planned (and so has a state file). */
  readonly planned: boolean;
  /** Why not, when not. */
  readonly note?: string;
  /** Whether planning failed for a reason other than 6.x-only attributes. */
  readonly failed?: boolean;
  readonly stateFile?: string;
  /** The old version's planned outputs: what the stacks that read this one get, when this one is not planned again. */
  readonly outputs?: Readonly<Record<string, unknown>>;
  /** Resources whose state could not be settled. */
  readonly unsettled: readonly string[];
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Attrs = Record<string, Json>;

interface StateResource {
  type: string;
  name: string;
  index?: string | number;
  provider: string;
  schemaVersion: number;
  attributes: Attrs;
}

const PURE_REFERENCE = /^\$\{([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)\.([a-z][a-z0-9_]*)\}$/;

/** The parts of a stack's synthesized `cdk.tf.json` that upgrade-check reads. */
interface StackConfig {
  readonly resource?: Record<string, Record<string, Attrs & { readonly lifecycle?: { readonly prevent_destroy?: boolean } }>>;
  readonly provider?: { readonly aws?: ProviderBlock | readonly ProviderBlock[] };
}

interface ProviderBlock {
  readonly alias?: string;
  readonly region?: string;
  readonly allowed_account_ids?: readonly string[];
}

function readConfig(outDir: string, stack: string): StackConfig {
  const file = path.join(outDir, "stacks", stack, "cdk.tf.json");
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist: upgrade-check needs JSON synth output (cdktf synth without --hcl)`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as StackConfig;
}

/** `type.name` addresses of the managed resources of a stack's configuration. */
function configuredAddresses(cfg: StackConfig): string[] {
  return Object.entries(cfg.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`));
}

/** An override that lifts prevent_destroy, so a plan shows a destroy instead of stopping at it. */
function allowDestroyOverride(cfg: StackConfig): Record<string, unknown> | undefined {
  const resource: Record<string, Record<string, unknown>> = {};
  for (const [type, byName] of Object.entries(cfg.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) {
      if (body?.lifecycle?.prevent_destroy) (resource[type] ??= {})[name] = { lifecycle: { prevent_destroy: false } };
    }
  }
  return Object.keys(resource).length > 0 ? { resource } : undefined;
}

interface ProviderFacts {
  account: string;
  regions: Record<string, string>;
}

function providerFacts(cfg: StackConfig): ProviderFacts {
  const list = cfg.provider?.aws ?? [];
  const providers: readonly ProviderBlock[] = isProviderList(list) ? list : [list];
  const account = String(providers.find((p) => p.allowed_account_ids?.length)?.allowed_account_ids?.[0] ?? "000000000000");
  const regions: Record<string, string> = {};
  for (const p of providers) regions[p.alias ? `aws.${p.alias}` : "aws"] = p.region ?? "us-east-1";
  return { account, regions };
}

function isProviderList(list: ProviderBlock | readonly ProviderBlock[]): list is readonly ProviderBlock[] {
  return Array.isArray(list);
}

function uuidOf(seed: string): string {
  const h = createHash("sha256").update(seed).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const ARN_SERVICE: Record<string, string> = { backup: "backup", kms: "kms", iam: "iam", sns: "sns", dlm: "dlm", organizations: "organizations" };

/** A value for an attribute known only after apply: ARN-shaped for ARNs, UUID-shaped for ids, deterministic. */
function placeholder(type: string, name: string, attr: string, region: string, account: string): Json | undefined {
  const seed = `${type}.${name}.${attr}`;
  if (attr === "arn" || attr.endsWith("_arn")) {
    const service = ARN_SERVICE[type.split("_")[1]] ?? type.split("_")[1];
    if (service === "kms") return `arn:aws:kms:${region}:${account}:key/${uuidOf(`${type}.${name}.id`)}`;
    return `arn:aws:${service}:${service === "iam" || service === "organizations" ? "" : region}:${account}:${type}/${name}${attr === "arn" ? "" : `/${attr}`}`;
  }
  if (attr === "id" || attr === "key_id" || attr === "unique_id" || attr === "version") {
    return type === "aws_kms_key" && attr === "key_id" ? uuidOf(`${type}.${name}.id`) : uuidOf(seed);
  }
  return undefined;
}

function providerAddress(key: string): string {
  const alias = key.includes(".") ? key.slice(key.indexOf(".") + 1) : undefined;
  return `provider["registry.terraform.io/hashicorp/aws"]${alias ? `.${alias}` : ""}`;
}

function stateKey(r: { type: string; name: string; index?: string | number }): string {
  return `${r.type}.${r.name}${r.index === undefined ? "" : `[${JSON.stringify(r.index)}]`}`;
}

/** What the provider schema says of a resource type's top-level attributes and blocks. */
interface TypeSchema {
  readonly attributes: Record<string, { type?: unknown; computed?: boolean }>;
  readonly blocks: Record<string, { nesting_mode: string }>;
}

const schemaCache = new Map<string, Record<string, TypeSchema>>();

/** The resource schemas of the AWS provider, read from an initialized folder once per process and provider install. */
async function resourceSchemas(initializedDir: string, workDir: string): Promise<Record<string, TypeSchema>> {
  // The lock file names the provider versions and their checksums: the same lock, the same schemas.
  const cacheKey = fs.readFileSync(path.join(initializedDir, ".terraform.lock.hcl"), "utf8");
  const cached = schemaCache.get(cacheKey);
  if (cached) return cached;
  fs.mkdirSync(workDir, { recursive: true });
  const env = await prepareTerraform(workDir);
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(terraformBinary(), ["providers", "schema", "-json"], { cwd: initializedDir, env, maxBuffer: 512 * 1024 * 1024 }, (err, out, errOut) =>
      err ? reject(new Error(`terraform providers schema failed: ${errOut || err.message}`)) : resolve(String(out)),
    ),
  );
  const schemas = JSON.parse(stdout).provider_schemas?.["registry.terraform.io/hashicorp/aws"]?.resource_schemas ?? {};
  const result: Record<string, TypeSchema> = Object.fromEntries(
    Object.entries(schemas as Record<string, { block: { attributes?: TypeSchema["attributes"]; block_types?: TypeSchema["blocks"] } }>).map(([type, s]) => [
      type,
      { attributes: s.block.attributes ?? {}, blocks: s.block.block_types ?? {} },
    ]),
  );
  schemaCache.set(cacheKey, result);
  return result;
}

/**
 * What a real apply leaves in a collection that is computed and not configured: an empty one. A null there would
 * make the provider plan it as "known after apply", which for some (aws_backup_selection.not_resources) forces
 * replacement.
 */
function emptyComputed(schema: TypeSchema | undefined, attr: string): Json | undefined {
  const a = schema?.attributes[attr];
  if (a) {
    const kind = Array.isArray(a.type) ? a.type[0] : undefined;
    if (kind === "set" || kind === "list") return [];
    if (kind === "map") return {};
    return undefined;
  }
  const b = schema?.blocks[attr];
  if (b && (b.nesting_mode === "list" || b.nesting_mode === "set")) return [];
  return undefined;
}

/** The first state of a stack, from its plan against empty state. */
function initialState(plan: TerraformPlanJson, cfg: StackConfig, schemas: Record<string, TypeSchema>): Map<string, StateResource> {
  const facts = providerFacts(cfg);
  const configured = new Map<string, ConfiguredResource>();
  for (const c of plan.configuration?.root_module?.resources ?? []) configured.set(`${c.type}.${c.name}`, c);
  const changes = (plan.resource_changes ?? []).filter((c) => (c.mode ?? "managed") === "managed");
  const byAddress = new Map<string, ResourceChange>(changes.map((c) => [`${c.type}.${c.name}`, c]));
  const resolved = new Map<string, Json | undefined>();
  const resolving = new Set<string>();

  const resolve = (type: string, name: string, attr: string): Json | undefined => {
    const key = `${type}.${name}.${attr}`;
    if (resolved.has(key)) return resolved.get(key);
    if (resolving.has(key)) return undefined;
    resolving.add(key);
    const change = byAddress.get(`${type}.${name}`);
    let value: Json | undefined;
    if (change) {
      const after = (change.change.after ?? {}) as Attrs;
      if (change.change.after_unknown?.[attr] !== true && after[attr] !== undefined) {
        value = after[attr];
      } else {
        const ref = PURE_REFERENCE.exec(String(cfg.resource?.[type]?.[name]?.[attr] ?? ""));
        if (ref && ref[1] !== "data") value = resolve(ref[1], ref[2], ref[3]);
        const region = facts.regions[configured.get(`${type}.${name}`)?.provider_config_key ?? "aws"] ?? "us-east-1";
        if (value === undefined) value = placeholder(type, name, attr, region, facts.account);
        if (value === undefined) value = emptyComputed(schemas[type], attr);
      }
    }
    resolving.delete(key);
    resolved.set(key, value);
    return value;
  };

  const state = new Map<string, StateResource>();
  for (const change of changes) {
    if (!change.change.actions.includes("create")) continue;
    const attributes: Attrs = { ...((change.change.after ?? {}) as Attrs) };
    for (const [attr, unknown] of Object.entries(change.change.after_unknown ?? {})) {
      if (unknown !== true) continue;
      const value = resolve(change.type, change.name, attr);
      if (value === undefined) delete attributes[attr];
      else attributes[attr] = value;
    }
    if (attributes.id === undefined) attributes.id = resolve(change.type, change.name, "id") ?? uuidOf(change.address);
    const c = configured.get(`${change.type}.${change.name}`);
    const index = (change as ResourceChange & { index?: string | number }).index;
    const r: StateResource = {
      type: change.type,
      name: change.name,
      index,
      provider: providerAddress(c?.provider_config_key ?? "aws"),
      schemaVersion: c?.schema_version ?? 0,
      attributes,
    };
    state.set(stateKey(r), r);
  }
  return state;
}

/** Known values of `after`, with what is unknown there taken from the prior state. */
function mergeKnown(after: Json | undefined, unknown: unknown, prior: Json | undefined): Json | undefined {
  if (unknown === true) return prior;
  if (Array.isArray(after)) {
    return after.map((v, i) => mergeKnown(v, Array.isArray(unknown) ? unknown[i] : undefined, Array.isArray(prior) ? prior[i] : undefined) ?? null);
  }
  if (after && typeof after === "object") {
    const out: Attrs = {};
    const keys = new Set([...Object.keys(after), ...Object.keys((unknown as object) ?? {})]);
    for (const k of keys) {
      const v = mergeKnown(
        (after as Attrs)[k],
        (unknown as Record<string, unknown> | undefined)?.[k],
        prior && typeof prior === "object" && !Array.isArray(prior) ? prior[k] : undefined,
      );
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  return after;
}

/** Takes what a plan against the state still changes into the state; returns the addresses that changed. */
function settle(state: Map<string, StateResource>, plan: TerraformPlanJson): string[] {
  const changed: string[] = [];
  for (const c of plan.resource_changes ?? []) {
    if ((c.mode ?? "managed") !== "managed") continue;
    const actions = c.change.actions;
    if (actions.length === 1 && actions[0] === "no-op") continue;
    const index = (c as ResourceChange & { index?: string | number }).index;
    const key = stateKey({ type: c.type, name: c.name, index });
    const prior = state.get(key);
    changed.push(c.address);
    if (!prior) continue;
    if (actions.includes("create") || actions.includes("update")) {
      prior.attributes = mergeKnown(c.change.after as Json, c.change.after_unknown ?? {}, prior.attributes) as Attrs;
    }
  }
  return changed;
}

function writeStateFile(file: string, stack: string, state: Map<string, StateResource>): void {
  const grouped = new Map<string, StateResource[]>();
  for (const r of state.values()) {
    const k = `${r.type}.${r.name}`;
    grouped.set(k, [...(grouped.get(k) ?? []), r]);
  }
  const resources = [...grouped.values()].map((rs) => ({
    mode: "managed",
    type: rs[0].type,
    name: rs[0].name,
    provider: rs[0].provider,
    instances: rs.map((r) => ({
      ...(r.index === undefined ? {} : { index_key: r.index }),
      schema_version: r.schemaVersion,
      attributes: r.attributes,
      sensitive_attributes: [],
    })),
  }));
  fs.writeFileSync(
    file,
    JSON.stringify({ version: 4, terraform_version: "1.0.0", serial: 1, lineage: `upgrade-check-${stack}`, outputs: {}, resources }, null, 1),
  );
}

function planOf(r: StackCheck | undefined): TerraformPlanJson | undefined {
  return r?.planned ? r.plan : undefined;
}

/**
 * Plans stacks without `terraform validate` first (most plan, and validate costs as much as a plan), then validates
 * and plans again only those that did not plan, so that 6.x-only attributes are told apart from real errors.
 */
async function planStacks(outDir: string, opts: HarnessOptions & { stacks: string[]; workDir: string }): Promise<StackCheck[]> {
  const first = await checkSynthOutput(outDir, { ...opts, validate: false, workDir: path.join(opts.workDir, "plan") });
  const providerTemplate = opts.providerTemplate ?? path.join(opts.workDir, "plan", PROVIDER_TEMPLATE);
  const retry = first.filter((r) => !r.planned).map((r) => r.stack);
  if (retry.length === 0) return first;
  const upstream: Record<string, Record<string, unknown>> = { ...(opts.remoteStateOutputs ?? {}) };
  for (const r of first) if (r.planned && r.plan) upstream[r.stack] = plannedOutputs(r.plan);
  const again = await checkSynthOutput(outDir, {
    ...opts,
    stacks: retry,
    validate: true,
    remoteStateOutputs: upstream,
    providerTemplate,
    workDir: path.join(opts.workDir, "validate-and-plan"),
  });
  return first.map((r) => again.find((a) => a.stack === r.stack) ?? r);
}

/**
 * Plans the old configuration and builds, for every stack that plans, a state under which the old configuration
 * plans no change.
 */
export async function buildBaseline(oldOut: string, opts: UpgradeCheckOptions = {}): Promise<Baseline> {
  const work = opts.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "upgrade-check-"));
  const dir = path.join(work, "baseline");
  fs.mkdirSync(dir, { recursive: true });
  const stacks = listStacks(oldOut).filter((s) => !opts.stacks || opts.stacks.includes(s));
  const configs = Object.fromEntries(stacks.map((s) => [s, readConfig(oldOut, s)]));
  const overrides = Object.fromEntries(stacks.map((s) => [s, allowDestroyOverride(configs[s])]).filter(([, o]) => o)) as Record<
    string,
    Record<string, unknown>
  >;

  const first = await planStacks(oldOut, { stacks, overrides, workDir: path.join(dir, "round-0") });
  const result: Record<string, BaselineStack> = {};
  const states = new Map<string, Map<string, StateResource>>();
  const outputs: Record<string, Record<string, unknown>> = {};
  const providerTemplate = path.join(dir, "round-0", "plan", PROVIDER_TEMPLATE);
  const schemas = first.some((r) => planOf(r)) ? await resourceSchemas(providerTemplate, path.join(dir, "schema")) : {};
  for (const r of first) {
    const plan = planOf(r);
    if (!plan) {
      const failed = !r.ok || !!r.error;
      result[r.stack] = { stack: r.stack, planned: false, failed, note: failed ? explain(r) : (r.planSkipped ?? "not planned"), unsettled: [] };
      continue;
    }
    states.set(r.stack, initialState(plan, configs[r.stack], schemas));
    outputs[r.stack] = plannedOutputs(plan);
  }
  opts.onProgress?.(`baseline: planned ${states.size} of ${stacks.length} stacks of the old version`);

  let pending = [...states.keys()];
  const unsettled: Record<string, string[]> = {};
  const rounds = opts.maxSettleRounds ?? 4;
  for (let round = 1; round <= rounds && pending.length > 0; round++) {
    const stateFiles: Record<string, string> = {};
    for (const s of pending) {
      stateFiles[s] = path.join(dir, `${s}.round-${round}.tfstate`);
      writeStateFile(stateFiles[s], s, states.get(s)!);
    }
    // The old configuration's outputs do not change between rounds, so every stack reads its upstream's outputs of
    // the previous round and the stacks of a round plan side by side instead of waiting for each other.
    const results = await checkSynthOutput(oldOut, {
      stacks: pending,
      overrides,
      stateFiles,
      validate: false,
      remoteStateOutputs: { ...outputs },
      providerTemplate,
      workDir: path.join(dir, `round-${round}`),
    });
    const next: string[] = [];
    for (const r of results) {
      const plan = planOf(r);
      if (!plan) {
        result[r.stack] = {
          stack: r.stack,
          planned: false,
          failed: true,
          note: `the old configuration did not plan against its own state: ${explain(r)}`,
          unsettled: [],
        };
        states.delete(r.stack);
        continue;
      }
      outputs[r.stack] = plannedOutputs(plan);
      const changed = settle(states.get(r.stack)!, plan);
      unsettled[r.stack] = changed;
      if (changed.length > 0) next.push(r.stack);
    }
    opts.onProgress?.(`baseline: round ${round}: ${next.length === 0 ? "every state settled" : `still settling ${next.join(", ")}`}`);
    pending = next;
  }
  for (const [stack, state] of states) {
    const stateFile = path.join(dir, `${stack}.tfstate`);
    writeStateFile(stateFile, stack, state);
    result[stack] = { stack, planned: true, stateFile, outputs: outputs[stack], unsettled: pending.includes(stack) ? (unsettled[stack] ?? []) : [] };
  }
  return { outDir: oldOut, stacks: result, providerTemplate };
}

function sameTypeCandidates(deleted: ResourceChange, created: readonly ResourceChange[]): MovedSuggestion[] {
  const before = (deleted.change.before ?? {}) as Attrs;
  const scored = created
    .filter((c) => c.type === deleted.type)
    .map((c) => {
      const after = c.change.after as Attrs;
      const score = Object.entries(after).filter(([k, v]) => k !== "tags_all" && v !== null && JSON.stringify(v) === JSON.stringify(before[k])).length;
      return { to: c.address, score };
    })
    .sort((a, b) => b.score - a.score);
  if (scored.length === 0) return [];
  const best = scored.filter((s) => s.score === scored[0].score);
  return best.map((s) => ({ from: deleted.address, to: s.to }));
}

/** Destroys and replaces of a plan of the new configuration against the old state. */
export function findingsOf(stack: string, plan: TerraformPlanJson): UpgradeFinding[] {
  const changes = (plan.resource_changes ?? []).filter((c) => (c.mode ?? "managed") === "managed");
  const created = changes.filter((c) => c.change.actions.length === 1 && c.change.actions[0] === "create");
  const findings: UpgradeFinding[] = [];
  for (const c of changes) {
    const actions = c.change.actions;
    if (!actions.includes("delete")) continue;
    const replace = actions.includes("create");
    findings.push({
      stack,
      address: c.address,
      type: c.type,
      change: replace ? "replace" : "destroy",
      protected: PROTECTED_TYPES.includes(c.type),
      reason: c.action_reason,
      forcedBy: replace ? (c.change.replace_paths ?? []).map((p) => p.join(".")) : [],
      moved: replace ? [] : sameTypeCandidates(c, created),
    });
  }
  return findings;
}

/** Address-level comparison, for stacks that cannot be planned: protected resources whose address disappears. */
function addressFindings(stack: string, oldCfg: StackConfig, newCfg: StackConfig): UpgradeFinding[] {
  const oldAddresses = configuredAddresses(oldCfg);
  const newAddresses = new Set(configuredAddresses(newCfg));
  const added = [...newAddresses].filter((a) => !oldAddresses.includes(a));
  return oldAddresses
    .filter((a) => !newAddresses.has(a))
    .map((address) => {
      const type = address.slice(0, address.indexOf("."));
      return {
        stack,
        address,
        type,
        change: "destroy" as const,
        protected: PROTECTED_TYPES.includes(type),
        reason: "delete_because_no_resource_config",
        forcedBy: [],
        moved: added.filter((a) => a.startsWith(`${type}.`)).map((to) => ({ from: address, to })),
      };
    });
}

/** Plans the new configuration against the baseline's states and reports what it would destroy or replace. */
export async function checkAgainstBaseline(baseline: Baseline, newOut: string, opts: UpgradeCheckOptions = {}): Promise<UpgradeReport> {
  const work = opts.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "upgrade-check-"));
  const filter = (s: string) => !opts.stacks || opts.stacks.includes(s);
  const oldStacks = Object.keys(baseline.stacks).filter(filter).sort();
  const newStacks = listStacks(newOut).filter(filter);
  const results: StackResult[] = [];

  for (const s of oldStacks.filter((s) => !newStacks.includes(s))) {
    results.push({
      stack: s,
      status: "removed",
      note: "the new version no longer synthesizes this stack: every resource in its state would be left unmanaged (stack names are a contract)",
      findings: [],
      unsettled: [],
    });
  }
  for (const s of newStacks.filter((s) => !oldStacks.includes(s))) {
    results.push({ stack: s, status: "added", findings: [], unsettled: [] });
  }

  const common = oldStacks.filter((s) => newStacks.includes(s));
  const configs = Object.fromEntries(common.map((s) => [s, { old: readConfig(baseline.outDir, s), new: readConfig(newOut, s) }]));
  const planned = common.filter((s) => baseline.stacks[s].planned);
  for (const s of common.filter((s) => !baseline.stacks[s].planned)) {
    const b = baseline.stacks[s];
    if (b.failed) results.push({ stack: s, status: "failed", note: `the old version could not be planned: ${b.note}`, findings: [], unsettled: [] });
    else results.push({ stack: s, status: "addresses-only", note: b.note, findings: addressFindings(s, configs[s].old, configs[s].new), unsettled: [] });
  }

  if (planned.length > 0) {
    const overrides = Object.fromEntries(planned.map((s) => [s, allowDestroyOverride(configs[s].new)]).filter(([, o]) => o)) as Record<
      string,
      Record<string, unknown>
    >;
    const stateFiles = Object.fromEntries(planned.map((s) => [s, baseline.stacks[s].stateFile!]));
    const providerTemplate = baseline.providerTemplate && fs.existsSync(baseline.providerTemplate) ? baseline.providerTemplate : undefined;
    // Stacks read by planned stacks but not planned again (not in this check) give the outputs the old version planned.
    const upstream = [...new Set([...remoteStateReads(newOut)].filter(([s]) => planned.includes(s)).flatMap(([, reads]) => reads))];
    const remoteStateOutputs = Object.fromEntries(
      upstream.filter((u) => !planned.includes(u) && baseline.stacks[u]?.outputs).map((u) => [u, { ...baseline.stacks[u].outputs }]),
    );
    const checks = await planStacks(newOut, { stacks: planned, overrides, stateFiles, providerTemplate, remoteStateOutputs, workDir: path.join(work, "new") });
    for (const r of checks) {
      const b = baseline.stacks[r.stack];
      const plan = planOf(r);
      if (plan) {
        const all = findingsOf(r.stack, plan);
        const findings = all.filter((f) => !b.unsettled.includes(f.address));
        results.push({ stack: r.stack, status: "checked", findings, unsettled: b.unsettled });
      } else if (r.ok && r.planSkipped) {
        results.push({
          stack: r.stack,
          status: "addresses-only",
          note: `the new version ${r.planSkipped}`,
          findings: addressFindings(r.stack, configs[r.stack].old, configs[r.stack].new),
          unsettled: [],
        });
      } else {
        results.push({ stack: r.stack, status: "failed", note: `the new version did not plan: ${explain(r)}`, findings: [], unsettled: [] });
      }
      opts.onProgress?.(`new version: ${r.stack} ${plan ? "planned against the old state" : "not planned"}`);
    }
  }
  results.sort((a, b) => a.stack.localeCompare(b.stack));
  const breaking = results.flatMap((r) => r.findings.filter((f) => f.protected));
  const ok = breaking.length === 0 && !results.some((r) => r.status === "removed" || r.status === "failed");
  return { stacks: results, breaking, ok };
}

/**
 * The stacks of both outputs whose configuration is the same in each (metadata aside), as is that of every stack of
 * the output they read, transitively: what a plan of the new version against the old state would find is known.
 */
export function unchangedStacks(oldOut: string, newOut: string): string[] {
  const oldStacks = new Set(listStacks(oldOut));
  const newStacks = listStacks(newOut);
  const reads = remoteStateReads(newOut, newStacks);
  const same = new Set(newStacks.filter((s) => oldStacks.has(s) && sameConfiguration(path.join(oldOut, "stacks", s), path.join(newOut, "stacks", s))));
  const known = new Map<string, boolean>();
  const unchanged = (s: string, seen: readonly string[]): boolean => {
    const k = known.get(s);
    if (k !== undefined) return k;
    // A read of a state no stack of the output writes comes from outside the upgrade; a cycle has no new input either.
    const result = same.has(s) && reads.get(s)!.every((u) => !reads.has(u) || seen.includes(u) || unchanged(u, [...seen, s]));
    known.set(s, result);
    return result;
  };
  return newStacks.filter((s) => unchanged(s, []));
}

/**
 * The stacks of the old output among these stacks and the stacks they read, transitively, in either version (a changed
 * stack may read one it did not read before): what the baseline must plan.
 */
function withUpstream(oldOut: string, newOut: string, stacks: readonly string[]): string[] {
  const before = remoteStateReads(oldOut);
  const after = remoteStateReads(newOut);
  const all = new Set<string>();
  const visit = (s: string) => {
    if (all.has(s) || !before.has(s)) return;
    all.add(s);
    [...before.get(s)!, ...(after.get(s) ?? [])].forEach(visit);
  };
  stacks.forEach(visit);
  return [...all].sort();
}

/**
 * Both steps: the old output's baseline, then the new output against it. Unchanged stacks (see unchangedStacks) are
 * not planned, unless `planUnchanged`; the baseline holds the stacks to check and the stacks they read.
 */
export async function compareSynthOutputs(oldOut: string, newOut: string, opts: UpgradeCheckOptions = {}): Promise<UpgradeReport> {
  const inScope = (s: string) => !opts.stacks || opts.stacks.includes(s);
  const unchanged = opts.planUnchanged ? [] : unchangedStacks(oldOut, newOut).filter(inScope);
  const toCheck = [...new Set([...listStacks(oldOut), ...listStacks(newOut)])].filter((s) => inScope(s) && !unchanged.includes(s));
  const skipped: StackResult[] = unchanged.map((stack) => ({ stack, status: "unchanged", findings: [], unsettled: [] }));
  if (unchanged.length > 0) opts.onProgress?.(`unchanged, not planned: ${unchanged.length} stack(s); to check: ${toCheck.length}`);
  if (toCheck.length === 0) return { stacks: skipped.sort((a, b) => a.stack.localeCompare(b.stack)), breaking: [], ok: true };
  const work = opts.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "upgrade-check-"));
  try {
    const baselineStacks = unchanged.length > 0 ? withUpstream(oldOut, newOut, toCheck) : opts.stacks;
    const baseline = await buildBaseline(oldOut, { ...opts, stacks: baselineStacks, workDir: work });
    const checked = await checkAgainstBaseline(baseline, newOut, { ...opts, stacks: unchanged.length > 0 ? toCheck : opts.stacks, workDir: work });
    return { ...checked, stacks: [...checked.stacks, ...skipped].sort((a, b) => a.stack.localeCompare(b.stack)) };
  } finally {
    if (!opts.workDir) fs.rmSync(work, { recursive: true, force: true });
  }
}

function movedBlock(m: MovedSuggestion): string {
  return [`      moved {`, `        from = ${m.from}`, `        to   = ${m.to}`, `      }`].join("\n");
}

function describeFinding(f: UpgradeFinding): string[] {
  const what =
    f.change === "replace"
      ? `would be REPLACED (destroyed and created again)${f.forcedBy.length ? `: ${f.forcedBy.join(", ")} forces replacement` : ""}`
      : `would be DESTROYED`;
  const lines = [`  ${f.stack}: ${f.address} ${what}${f.reason ? ` [${f.reason}]` : ""}`];
  if (f.moved.length === 1) {
    lines.push(`    renamed? If ${f.moved[0].to} is the same resource, move its state instead of destroying it:`, movedBlock(f.moved[0]));
    lines.push(`      (in cdktf: the new resource's .moveFromId("${f.moved[0].from}"), or keep the old address)`);
  } else if (f.moved.length > 1) {
    lines.push(
      `    renamed? Created resources of the same type: ${f.moved.map((m) => m.to).join(", ")}; for the one that is this resource:`,
      movedBlock({ from: f.address, to: f.moved[0].to }),
    );
  }
  return lines;
}

/** A readable report; `label` names the comparison, e.g. `v1.2.0 -> working tree, reference rollout`. */
export function formatReport(report: UpgradeReport, label: string): string {
  const lines = [`upgrade-check ${label}`];
  for (const s of report.stacks) {
    const head =
      s.status === "checked"
        ? `${s.stack}: checked (new version planned against the state of the old)`
        : s.status === "addresses-only"
          ? `${s.stack}: NOT CHECKED BY PLAN, addresses compared only: ${s.note}`
          : s.status === "failed"
            ? `${s.stack}: NOT CHECKED: ${s.note}`
            : s.status === "removed"
              ? `${s.stack}: REMOVED: ${s.note}`
              : s.status === "unchanged"
                ? `${s.stack}: unchanged (the same configuration as the old version, as are the stacks it reads: nothing to plan)`
                : `${s.stack}: added (new stack, nothing to compare)`;
    lines.push(head);
    if (s.unsettled.length > 0) lines.push(`  NOT CHECKED: the old state of ${s.unsettled.join(", ")} could not be settled; their changes were not judged`);
    for (const f of s.findings.filter((f) => !f.protected))
      lines.push(...describeFinding(f).map((l, i) => (i === 0 ? l.replace(/^ {2}/, "  (not a protected type) ") : l)));
  }
  if (report.breaking.length > 0) {
    lines.push("", `BREAKING: ${report.breaking.length} protected resource(s) would be destroyed or replaced:`);
    for (const f of report.breaking) lines.push(...describeFinding(f));
    lines.push(
      "  A vault, lock, key, plan, selection or DLM policy that is destroyed loses recovery points, protection or schedules;",
      "  keep the old address, add moved blocks for renames, or revert the attribute that forces replacement.",
    );
  }
  const notChecked = report.stacks.filter((s) => s.status === "addresses-only" || s.status === "failed" || s.unsettled.length > 0).map((s) => s.stack);
  if (notChecked.length > 0) lines.push("", `NOT FULLY CHECKED: ${notChecked.join(", ")} (see above)`);
  lines.push("", report.ok ? "result: OK, no protected resource would be destroyed or replaced" : "result: FAILED");
  return lines.join("\n");
}
