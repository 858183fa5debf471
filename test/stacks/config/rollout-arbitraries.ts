/**
 * Generated rollout configs for the property tests: varied within the schema where users vary them most, seeded
 * (FC_SEED overrides the seed) and bounded (FC_RUNS multiplies the runs, for a longer search by hand).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { App } from "../../../modules/core/cdktf";
import { parseRollout } from "../../../stacks/config/load";
import { RolloutConfigError } from "../../../stacks/config/problems";
import { buildCheckedRollout } from "../../../stacks/synth/synthesize";
import { rawRollout } from "../../rollout-helpers";

export const SEED = Number(process.env.FC_SEED ?? 1412);
/** FC_RUNS multiplies the runs, for a longer search by hand. */
export const RUNS = Number(process.env.FC_RUNS ?? 1);
const REGIONS = ["us-east-1", "us-west-2", "eu-west-1"];
const SCHEDULES = ["cron(0 5 ? * * *)", "cron(0 */4 ? * * *)", "cron(30 1 1 * ? *)", "cron(0 6 ? * SAT *)"];
const ZONES = ["UTC", "Europe/Berlin", "Asia/Calcutta", "America/New_York"];
/** Values a mutation puts somewhere: wrong types, empty and reserved strings, out-of-range numbers, schedules and zones AWS refuses. */
export const BAD_VALUES = [
  "",
  "aws:x",
  "a;b",
  "us-east-1",
  0,
  -1,
  36501,
  "cron(0/30 * ? * * *)",
  "cron(0 5 30 2 ? *)",
  "cron(0 5 * * ? 2020)",
  "Mars/Base",
  "/x//y",
];

export const TOP_LEVEL_PATH =
  /^(\(root\)|\(file\)|(\$schema|name|organization|stateBackend|deployRoleName|breakGlassRoleName|tags|management|centralBackup|restoreTesting|dlmDefaultPolicies|members|protectionPolicies)([.[]|$))/;

const name = fc.stringMatching(/^[a-z][a-z0-9-]{0,39}$/);
const tagText = fc.string({ maxLength: 12, unit: fc.constantFrom("a", "Z", "0", " ", "_", ".", ":", "/", "=", "+", "-", "@", "é") });

/** A config the schema accepts in shape, varied where users vary it most; the whole-organization checks may still refuse it. */
export const validRollout = fc
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

/** What became of a raw config: built, or refused with its problems' paths. Anything else is thrown to fail the property. */
export function outcomeOf(raw: unknown): { built: boolean; paths: string[] } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "rollout-property-"));
  try {
    try {
      const config = parseRollout(raw, "generated.json", { onWarning: () => undefined });
      buildCheckedRollout(new App({ outdir }), config);
      return { built: true, paths: [] };
    } catch (e) {
      if (!(e instanceof RolloutConfigError)) throw e;
      // A refused config leaves no stack on disk.
      const stacks = path.join(outdir, "stacks");
      const written = fs.existsSync(stacks) ? fs.readdirSync(stacks) : [];
      if (written.length > 0) throw new Error(`a refused config wrote stacks: ${written.join(", ")}`, { cause: e });
      return { built: false, paths: e.problems.map((p) => p.path) };
    }
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
