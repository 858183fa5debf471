/**
 * Property: every rollout config, valid or mutated, either builds into stacks or is refused with at least one JSON path;
 * never a crash, never a stack on disk for a refused config. Seeded (FC_SEED overrides the seed; fast-check prints the
 * seed and the shrunk counterexample on failure) and bounded so it runs in seconds; a sample of two generated configs
 * goes through terraform validate.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { checkSynthOutput, explain } from "../../../cli/harness/terraform-harness";
import { App } from "../../../modules/core/cdktf";
import { parseRollout } from "../../../stacks/config/load";
import { RolloutConfigError } from "../../../stacks/config/problems";
import { buildCheckedRollout } from "../../../stacks/synth/synthesize";
import { rawRollout } from "../../rollout-helpers";

const SEED = Number(process.env.FC_SEED ?? 1412);
/** FC_RUNS multiplies the runs, for a longer search by hand. */
const RUNS = Number(process.env.FC_RUNS ?? 1);
const REGIONS = ["us-east-1", "us-west-2", "eu-west-1"];
const SCHEDULES = ["cron(0 5 ? * * *)", "cron(0 */4 ? * * *)", "cron(30 1 1 * ? *)", "cron(0 6 ? * SAT *)"];
const ZONES = ["UTC", "Europe/Berlin", "Asia/Calcutta", "America/New_York"];
/** Values a mutation puts somewhere: wrong types, empty and reserved strings, out-of-range numbers, schedules and zones AWS refuses. */
const BAD_VALUES = ["", "aws:x", "a;b", "us-east-1", 0, -1, 36501, "cron(0/30 * ? * * *)", "cron(0 5 30 2 ? *)", "cron(0 5 * * ? 2020)", "Mars/Base", "/x//y"];

const TOP_LEVEL_PATH =
  /^(\(root\)|\(file\)|(\$schema|name|organization|stateBackend|deployRoleName|breakGlassRoleName|tags|management|centralBackup|restoreTesting|dlmDefaultPolicies|members|protectionPolicies)([.[]|$))/;

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,39}$/);
const tagText = fc.string({ maxLength: 12, unit: fc.constantFrom("a", "Z", "0", " ", "_", ".", ":", "/", "=", "+", "-", "@", "é") });

/** A config the schema accepts in shape, varied where users vary it most; the whole-organization checks may still refuse it. */
const validRollout = fc
  .record({
    name,
    memberNames: fc.uniqueArray(name, { minLength: 1, maxLength: 3 }),
    memberRegions: fc.array(fc.subarray(REGIONS, { minLength: 1 }), { minLength: 3, maxLength: 3 }),
    centralRegions: fc.subarray(REGIONS, { minLength: 1 }),
    schedule: fc.constantFrom(...SCHEDULES),
    timezone: fc.option(fc.constantFrom(...ZONES), { nil: undefined }),
    retentionDays: fc.integer({ min: 1, max: 3650 }),
    coldStorageAfterDays: fc.option(fc.integer({ min: 1, max: 3650 }), { nil: undefined }),
    copyRetentionDays: fc.integer({ min: 7, max: 400 }),
    tags: fc.dictionary(
      tagText.filter((k) => k.length > 0 && !/^aws:/i.test(k)),
      tagText,
      { maxKeys: 3 },
    ),
    tag: fc.record({ key: tagText.filter((k) => k.length > 0), value: tagText }),
  })
  .map((g) => {
    const raw = rawRollout();
    raw.name = g.name;
    raw.tags = g.tags;
    // Copies to the central vault need one in each member region.
    raw.centralBackup.regions = REGIONS.filter(
      (r) => g.centralRegions.includes(r) || g.memberRegions.slice(0, g.memberNames.length).some((m) => m.includes(r)),
    );
    raw.members = g.memberNames.map((n, i) => ({
      name: n,
      accountId: String(333333333333 + i * 111111111111).slice(0, 12),
      regions: g.memberRegions[i],
      protection: ["standard"],
    }));
    raw.protectionPolicies = {
      standard: {
        tag: g.tag,
        backup: {
          schedule: g.schedule,
          ...(g.timezone ? { timezone: g.timezone } : {}),
          retentionDays: g.retentionDays + (g.coldStorageAfterDays ? g.coldStorageAfterDays + 90 : 0),
          ...(g.coldStorageAfterDays ? { coldStorageAfterDays: g.coldStorageAfterDays } : {}),
          copyToCentral: { retentionDays: g.copyRetentionDays },
        },
      },
    };
    return raw;
  });

/** Every path to a leaf or container of a JSON value. */
function pathsOf(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...at, i])));
  else if (typeof value === "object" && value !== null) for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...at, k]));
  return out;
}

type Mutation = { kind: "set"; pick: number; value: unknown } | { kind: "delete"; pick: number } | { kind: "duplicate"; pick: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), pick: fc.nat(), value: fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.constantFrom(...BAD_VALUES)) }),
  fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("duplicate" as const), pick: fc.nat() }),
);

/** The raw config with one mutation applied at a path picked among its paths. */
function mutate(raw: any, m: Mutation): any {
  const copy = JSON.parse(JSON.stringify(raw));
  const paths = pathsOf(copy).filter((p) => p.length > 0);
  const target = paths[m.pick % paths.length];
  const parent = target.slice(0, -1).reduce((v: any, k) => v[k], copy);
  const key = target[target.length - 1];
  if (m.kind === "set") parent[key] = m.value;
  else if (m.kind === "delete") {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else if (Array.isArray(parent)) parent.push(JSON.parse(JSON.stringify(parent[key as number])));
  else if (Array.isArray(parent[key]) && parent[key].length > 0) parent[key].push(JSON.parse(JSON.stringify(parent[key][0])));
  return copy;
}

/** What became of a raw config: built, or refused with its problems' paths. Anything else is thrown to fail the property. */
function outcomeOf(raw: unknown): { built: boolean; paths: string[] } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "rollout-property-"));
  try {
    try {
      const config = parseRollout(raw, "generated.json", { onWarning: () => undefined });
      buildCheckedRollout(new App({ outdir }), config);
      return { built: true, paths: [] };
    } catch (e) {
      if (!(e instanceof RolloutConfigError)) throw e;
      // A refused config leaves nothing on disk.
      expect(fs.readdirSync(outdir).filter((f) => f !== "manifest.json" && f !== "stacks")).toEqual([]);
      expect(fs.existsSync(path.join(outdir, "stacks")) ? fs.readdirSync(path.join(outdir, "stacks")) : []).toEqual([]);
      return { built: false, paths: e.problems.map((p) => p.path) };
    }
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

const seen = { built: 0, refused: 0 };

function expectBuiltOrRefusedAtPaths(raw: unknown): void {
  const { built, paths } = outcomeOf(raw);
  seen[built ? "built" : "refused"]++;
  if (!built) {
    expect(paths.length).toBeGreaterThan(0);
    // A JSON path of the config (from one of its top-level keys), never a construct path.
    for (const p of paths) expect(p).toMatch(TOP_LEVEL_PATH);
  }
}

describe("every generated rollout config builds or is refused at JSON paths", () => {
  test("configs varied within the schema", () => {
    fc.assert(
      fc.property(validRollout, (raw) => expectBuiltOrRefusedAtPaths(raw)),
      { seed: SEED, numRuns: 15 * RUNS },
    );
    // The generator mostly makes configs that build: the property is about them, not only about refusals.
    expect(seen.built).toBeGreaterThan(seen.refused);
  });

  test("configs with one mutation anywhere: a wrong value, a deleted key, a duplicated list entry", () => {
    fc.assert(
      fc.property(validRollout, mutation, (raw, m) => expectBuiltOrRefusedAtPaths(mutate(raw, m))),
      { seed: SEED, numRuns: 25 * RUNS },
    );
    expect(seen.refused).toBeGreaterThan(0);
  });

  test("a sample of two accepted generated configs passes terraform validate", async () => {
    // given: the first two generated configs that the checks accept
    const accepted: unknown[] = [];
    for (const raw of fc.sample(validRollout, { seed: SEED, numRuns: 60 })) {
      if (accepted.length === 2) break;
      if (outcomeOf(raw).built) accepted.push(raw);
    }
    expect(accepted).toHaveLength(2);
    for (const raw of accepted) {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "rollout-property-tf-"));
      const app = new App({ outdir });
      buildCheckedRollout(app, parseRollout(raw, "generated.json", { onWarning: () => undefined }));
      app.synth();
      // when
      const results = await checkSynthOutput(outdir, { plan: false });
      // then
      expect(results.length).toBeGreaterThan(2);
      for (const r of results) expect(r.ok ? "" : `seed ${SEED}: ${explain(r)}`).toBe("");
    }
  });
});
