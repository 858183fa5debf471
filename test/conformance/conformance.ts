/**
 * The conformance suite re-expresses the configurations that terraform-provider-aws applies in its own acceptance
 * tests (internal/service/backup/*_test.go and internal/service/dlm/*_test.go) through this project's constructs, one
 * jest test per configuration, named after the provider's Go test function, and asserts that the synthesized
 * arguments of the resource under test equal the configuration's.
 *
 * How a configuration is transcribed:
 * - the resource under test is built with the constructs; the resources it references (roles, vaults, keys, data
 *   sources) are created as raw provider resources with the configuration's names, so a reference such as
 *   `aws_backup_vault.test.name` appears on both sides as the same Terraform interpolation;
 * - the expected arguments are the configuration's, written in Terraform JSON (snake_case, references as `${...}`);
 * - documented provider defaults are filled in on both sides (`withDefaults`), so an argument left out on one side
 *   and written with its default on the other compares equal;
 * - a block written once in HCL and a list of one block compare equal (HCL does not tell them apart);
 * - meta-arguments (provider, lifecycle, depends_on) are not arguments of the resource and are left out.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Construct } from "constructs";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack, Testing } from "../../modules/core/cdktf";

export const ACCOUNT = "111111111111";
export const REGION = "us-east-1";
/** The provider tests' alternate Region (acctest.AlternateRegion()). */
export const ALTERNATE_REGION = "us-west-2";

/** A stack with the provider tests' two providers: the default one and `awsalternate`. */
export function conformanceStack(): { stack: TerraformStack; alternate: AwsProvider } {
  const app = Testing.app();
  const stack = new TerraformStack(app, "conformance");
  new AwsProvider(stack, "aws", { region: REGION });
  const alternate = new AwsProvider(stack, "awsalternate", { region: ALTERNATE_REGION, alias: "awsalternate" });
  return { stack, alternate };
}

const META_ARGUMENTS = new Set(["provider", "lifecycle", "depends_on", "//", "count", "for_each"]);

/** The arguments of the one resource of `type` in the scope's stack (or the one with logical ID `id`). */
export function argumentsOf(scope: Construct, type: string, id?: string): Record<string, unknown> {
  const json = JSON.parse(Testing.synth(TerraformStack.of(scope)));
  const all: Record<string, Record<string, unknown>> = json.resource?.[type] ?? {};
  const ids = Object.keys(all);
  const key = id ?? (ids.length === 1 ? ids[0] : undefined);
  if (key === undefined || !all[key]) throw new Error(`expected one ${type}${id ? ` named ${id}` : ""}, found: ${ids.join(", ") || "none"}`);
  return Object.fromEntries(Object.entries(all[key]).filter(([k]) => !META_ARGUMENTS.has(k)));
}

type Json = unknown;
type Defaults = (args: Record<string, any>) => void;

function isObject(x: unknown): x is Record<string, any> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** A list of one block is the block; `undefined` members are dropped (cdktf never writes them). */
function normalize(x: Json): Json {
  if (Array.isArray(x)) {
    const items = x.map(normalize);
    return items.length === 1 && isObject(items[0]) ? items[0] : items;
  }
  if (isObject(x))
    return Object.fromEntries(
      Object.entries(x)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, normalize(v)]),
    );
  return x;
}

function blocks(x: unknown): Record<string, any>[] {
  if (x === undefined) return [];
  return (Array.isArray(x) ? x : [x]).filter(isObject);
}

function fill(o: Record<string, any>, key: string, value: unknown): void {
  if (o[key] === undefined) o[key] = value;
}

function lifecycleDefaults(l: Record<string, any>): void {
  fill(l, "opt_in_to_archive_for_supported_resources", false);
}

/**
 * The provider's documented defaults (schema `Default`s, and the values AWS reports for an argument left out, where
 * the provider's tests check them), per resource type.
 */
export const PROVIDER_DEFAULTS: Readonly<Record<string, Defaults>> = {
  aws_backup_plan: (a) => {
    for (const r of blocks(a.rule)) {
      fill(r, "start_window", 60);
      fill(r, "completion_window", 180);
      fill(r, "enable_continuous_backup", false);
      fill(r, "schedule_expression_timezone", "Etc/UTC");
      blocks(r.lifecycle).forEach(lifecycleDefaults);
      for (const c of blocks(r.copy_action)) blocks(c.lifecycle).forEach(lifecycleDefaults);
    }
  },
  aws_dlm_lifecycle_policy: (a) => {
    fill(a, "state", "ENABLED");
    for (const d of blocks(a.policy_details)) {
      if (a.default_policy !== undefined) {
        fill(d, "copy_tags", false);
        fill(d, "extend_deletion", false);
        fill(d, "create_interval", 1);
        fill(d, "retain_interval", 7);
        fill(d, "policy_language", "SIMPLIFIED");
      } else {
        fill(d, "policy_type", "EBS_SNAPSHOT_MANAGEMENT");
      }
      for (const s of blocks(d.schedule)) {
        fill(s, "copy_tags", false);
        for (const c of blocks(s.create_rule)) {
          if (c.interval !== undefined) fill(c, "interval_unit", "HOURS");
          for (const sc of blocks(c.scripts)) fill(sc, "execution_handler_service", "AWS_SYSTEMS_MANAGER");
        }
        for (const c of blocks(s.cross_region_copy_rule)) fill(c, "copy_tags", false);
      }
      for (const act of blocks(d.action)) {
        for (const c of blocks(act.cross_region_copy)) {
          fill(c, "encryption_configuration", {});
          blocks(c.encryption_configuration).forEach((e) => fill(e, "encrypted", false));
        }
      }
    }
  },
  aws_backup_restore_testing_plan: (a) => {
    fill(a, "schedule_expression_timezone", "Etc/UTC");
    fill(a, "start_window_hours", 24);
    for (const s of blocks(a.recovery_point_selection)) fill(s, "selection_window_days", 30);
  },
  aws_backup_global_settings: (a) => {
    // The flags AWS reports for an organization that never set them.
    for (const g of blocks(a.global_settings)) {
      fill(g, "isMpaEnabled", "false");
      fill(g, "isDelegatedAdministratorEnabled", "false");
    }
  },
  aws_backup_vault: (a) => {
    fill(a, "force_destroy", false);
  },
};

/** A deep copy with the provider's defaults of `type` filled in, lists of one block unwrapped. */
export function withDefaults(type: string, args: Record<string, unknown>): Json {
  const copy = JSON.parse(JSON.stringify(args));
  PROVIDER_DEFAULTS[type]?.(copy);
  return normalize(copy);
}

/**
 * Arguments whose values are maps: their keys are data (tag keys, option names), not arguments of the schema.
 */
const MAP_ARGUMENTS = new Set([
  "tags",
  "recovery_point_tags",
  "backup_options",
  "global_settings",
  "resource_type_opt_in_preference",
  "resource_type_management_preference",
  "target_tags",
  "tags_to_add",
  "variable_tags",
  "exclude_tags",
  "restore_metadata_overrides",
]);

const schemaCache = new Map<string, Set<string>>();

/**
 * Every argument and block name of `type` in the installed bindings, which are generated from AWS provider 6.25.0's
 * schema: the names their `toTerraform` functions write.
 */
export function providerArguments(type: string): Set<string> {
  const cached = schemaCache.get(type);
  if (cached) return cached;
  const dir = type.replace(/^aws_/, "").replace(/_/g, "-");
  const file = path.join(path.dirname(require.resolve("@cdktf/provider-aws/package.json")), "lib", dir, "index.js");
  const names = new Set([...fs.readFileSync(file, "utf8").matchAll(/^\s+([a-z_0-9]+): (?:cdktf\.[a-zA-Z]+|[a-zA-Z]+ToTerraform)/gm)].map((m) => m[1]));
  schemaCache.set(type, names);
  return names;
}

/** The arguments of a transcribed configuration that the provider's schema does not have, as dotted paths. */
export function argumentsProviderLacks(type: string, args: Record<string, unknown>): string[] {
  const known = providerArguments(type);
  const out: string[] = [];
  const walk = (x: unknown, at: string) => {
    for (const item of Array.isArray(x) ? x : [x]) {
      if (!isObject(item)) continue;
      for (const [k, v] of Object.entries(item)) {
        const where = at ? `${at}.${k}` : k;
        if (!known.has(k)) out.push(where);
        else if (!MAP_ARGUMENTS.has(k)) walk(v, where);
      }
    }
  };
  walk(args, "");
  return out;
}

/**
 * Configurations of the provider's tests (Go test function names) whose arguments provider 6.25.0 lacks, with those
 * arguments. Such a configuration cannot be deployed with 6.25.0, so it is not expected to be expressible; the suite
 * asserts this list equals what the transcriptions actually contain, so a case can neither hide here nor be missing.
 */
export const LACKS: Readonly<Record<string, readonly string[]>> = {};

/** Which transcribed configuration is being compared: the current jest test's name. */
function currentCase(): string {
  return (expect.getState().currentTestName ?? "").split(" ").pop() ?? "";
}

/**
 * Both sides of a comparison, ready for `toEqual`. First asserts that the configuration uses only arguments of the
 * 6.25.0 schema, or exactly the ones its case lists in LACKS.
 */
export function compared(scope: Construct, type: string, expected: Record<string, unknown>, id?: string): { actual: Json; expected: Json } {
  const lacking = argumentsProviderLacks(type, expected).map((a) => `${type}.${a}`);
  expect(lacking).toEqual(LACKS[currentCase()] ?? []);
  return { actual: withDefaults(type, argumentsOf(scope, type, id)), expected: withDefaults(type, expected) };
}
