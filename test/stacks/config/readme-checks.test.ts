import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App } from "../../../modules/core/cdktf";
import { CONFIG_CHECK_CLASSES, ConfigCheckClass, isConfigCheckClass } from "../../../stacks/config/check-classes";
import { loadRolloutFile, parseJsonText, parseRollout } from "../../../stacks/config/load";
import { ConfigProblem, RolloutConfigError } from "../../../stacks/config/problems";
import { buildCheckedRollout } from "../../../stacks/synth/synthesize";
import { rawRollout } from "../../rollout-helpers";

const ROOT = path.join(__dirname, "..", "..", "..");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const LIST_INTRO = "Everything Terraform or AWS would reject";

/** The lead texts (the words before the first colon or parenthesis) of the bullets of the README's list of config checks. */
function readmeCheckLeads(readme: string): string[] {
  const start = readme.indexOf(LIST_INTRO);
  if (start < 0) throw new Error(`the README has no paragraph starting "${LIST_INTRO}"`);
  const lines = readme.slice(start).split("\n");
  const first = lines.findIndex((l) => l.startsWith("- "));
  const leads: string[] = [];
  for (const line of lines.slice(first)) {
    if (line.startsWith("- ")) {
      const lead = /^- (.+?)(?: \(|:)/.exec(line);
      if (!lead) throw new Error(`README bullet without a lead text before a colon: ${line}`);
      leads.push(lead[1]);
    } else if (!line.startsWith("  ")) break;
  }
  return leads;
}

/** What differs between the README's bullets and the code's classes of config checks; empty when they match, in order. */
function checkListDifferences(leads: readonly string[], classes: readonly { readonly lead: string }[] = CONFIG_CHECK_CLASSES): string[] {
  const code = classes.map((c) => c.lead);
  const out: string[] = [];
  for (const lead of code) if (!leads.includes(lead)) out.push(`the README has no bullet for the class "${lead}"`);
  for (const lead of leads) if (!code.includes(lead)) out.push(`the README's bullet "${lead}" names no class of the code`);
  const common = code.filter((l) => leads.includes(l));
  const inReadme = leads.filter((l) => code.includes(l));
  if (out.length === 0 && common.join("\n") !== inReadme.join("\n"))
    out.push(`the README lists the classes as ${inReadme.join(", ")}; the code as ${common.join(", ")}`);
  return out;
}

/** The README with the list's bullet of `lead` changed by `edit` (returning undefined removes it). */
function readmeWithBullet(lead: string, edit: (bullet: string) => string | undefined): string {
  const at = README.indexOf(`\n- ${lead}`, README.indexOf(LIST_INTRO));
  const end = README.indexOf("\n- ", at + 1);
  const bullet = README.slice(at, end);
  const changed = edit(bullet);
  return README.slice(0, at) + (changed ?? "") + README.slice(end);
}

describe("the README's list of config checks and the code's classes of checks", () => {
  test("given the README, when its list is read, then its bullets' lead texts are the code's classes, in order", () => {
    // when
    const leads = readmeCheckLeads(README);
    // then
    expect(leads).toEqual(CONFIG_CHECK_CLASSES.map((c) => c.lead));
    expect(checkListDifferences(leads)).toEqual([]);
  });

  test("given a README without the bullet of a class, when compared, then the missing class is named", () => {
    // given
    const readme = readmeWithBullet("places", () => undefined);
    // when
    const differences = checkListDifferences(readmeCheckLeads(readme));
    // then
    expect(differences).toEqual(['the README has no bullet for the class "places"']);
  });

  test("given a README whose bullet is renamed, when compared, then both the class and the unknown bullet are named", () => {
    // given
    const readme = readmeWithBullet("schedules", (b) => b.replace("- schedules:", "- timetables:"));
    // when
    const differences = checkListDifferences(readmeCheckLeads(readme));
    // then
    expect(differences).toEqual(['the README has no bullet for the class "schedules"', `the README's bullet "timetables" names no class of the code`]);
  });

  test("given a README that lists two classes the other way round, when compared, then the order is named", () => {
    // given: the "tags" bullet moved after "lists"
    let tags = "";
    const without = readmeWithBullet("tags", (b) => {
      tags = b;
      return undefined;
    });
    const at = without.indexOf("\n- schedules");
    const readme = without.slice(0, at) + tags + without.slice(at);
    // when
    const differences = checkListDifferences(readmeCheckLeads(readme));
    // then
    expect(differences).toEqual([expect.stringMatching(/^the README lists the classes as .*lists, tags, schedules.*; the code as .*tags, accounts and roles/)]);
  });

  test("given a class the code adds without a README bullet, when compared, then it is named", () => {
    // given
    const classes = [...CONFIG_CHECK_CLASSES, { id: "new", lead: "something new" }];
    // when
    const differences = checkListDifferences(readmeCheckLeads(README), classes);
    // then
    expect(differences).toEqual(['the README has no bullet for the class "something new"']);
  });

  test("given the classes, when their ids and leads are listed, then each is given once", () => {
    expect(new Set(CONFIG_CHECK_CLASSES.map((c) => c.id)).size).toBe(CONFIG_CHECK_CLASSES.length);
    expect(new Set(CONFIG_CHECK_CLASSES.map((c) => c.lead)).size).toBe(CONFIG_CHECK_CLASSES.length);
  });
});

/** The problems a config is refused with; fails the test when it is accepted. */
function refusal(run: () => unknown): readonly ConfigProblem[] {
  try {
    run();
  } catch (e) {
    if (e instanceof RolloutConfigError) return e.problems;
    throw e;
  }
  throw new Error("expected the config to be refused");
}

/** A change to the embedded default rollout, and how it is checked: parsed, or parsed and built (objectives, constructs). */
interface BadConfig {
  readonly title: string;
  readonly refuse: () => readonly ConfigProblem[];
  readonly path: string;
  readonly message: RegExp;
}

function parsed(title: string, change: (raw: any) => void, at: string, message: RegExp): BadConfig {
  return {
    title,
    path: at,
    message,
    refuse: () => {
      const raw = rawRollout();
      change(raw);
      return refusal(() => parseRollout(raw, "test.json", { onWarning: () => undefined }));
    },
  };
}

function built(title: string, change: (raw: any) => void, at: string, message: RegExp): BadConfig {
  return {
    title,
    path: at,
    message,
    refuse: () => {
      const raw = rawRollout();
      change(raw);
      const config = parseRollout(raw, "test.json", { onWarning: () => undefined });
      return refusal(() => buildCheckedRollout(new App({ outdir: path.join(os.tmpdir(), "readme-checks-never-written") }), config));
    },
  };
}

function text(title: string, change: (json: string) => string, at: string, message: RegExp): BadConfig {
  return { title, path: at, message, refuse: () => refusal(() => parseJsonText(change(JSON.stringify(rawRollout(), null, 2)), "test.json")) };
}

// A Record: the compiler refuses a class without a bad config here.
const BAD_CONFIGS: Record<ConfigCheckClass, readonly BadConfig[]> = {
  file: [
    text("a file cut off in the middle", (j) => j.slice(0, j.indexOf('"members"')), "(file)", /is not valid JSON: line \d+, column \d+/),
    {
      title: "a file that does not exist",
      path: "(file)",
      message: /cannot be read/,
      refuse: () => refusal(() => loadRolloutFile(path.join(os.tmpdir(), `no-such-rollout-${process.pid}.json`))),
    },
  ],
  shape: [
    parsed(
      "an account ID that is not 12 digits",
      (r) => (r.members[0].accountId = "12345"),
      "members[0].accountId",
      /AWS rejects account IDs other than 12 digits/,
    ),
    parsed("a misspelt key", (r) => (r.centralBackup.vaultNmae = "x"), "centralBackup", /unknown key "vaultNmae"/),
    parsed(
      "a drRegion without a profile",
      (r) => (r.protectionPolicies.standard.drRegion = "us-west-2"),
      "protectionPolicies.standard.drRegion",
      /only used with a profile/,
    ),
  ],
  "state-backend": [
    parsed("a bucket name with two adjacent dots", (r) => (r.stateBackend.bucket = "state..bucket"), "stateBackend.bucket", /two adjacent dots/),
    parsed("a bucket name in capitals", (r) => (r.stateBackend.bucket = "STATE"), "stateBackend.bucket", /bucket name/),
    parsed("a key prefix starting with a slash", (r) => (r.stateBackend.keyPrefix = "/backup-dr"), "stateBackend.keyPrefix", /starting with "\/"/),
  ],
  tags: [
    parsed("a top-level tag key starting with aws:", (r) => (r.tags["aws:owner"] = "x"), "tags.aws:owner", /starting with aws:/),
    parsed(
      "a policy's tag key longer than 128",
      (r) => (r.protectionPolicies.standard.tag.key = "k".repeat(129)),
      "protectionPolicies.standard.tag.key",
      /1-128 characters/,
    ),
  ],
  accounts: [
    parsed("a central account that is the management account", (r) => (r.centralBackup.accountId = "111111111111"), "centralBackup.accountId", /already used/),
    parsed(
      "a deploy role in another account",
      (r) => (r.members[0].deployRoleArn = "arn:aws:iam::999999999999:role/Deploy"),
      "members[0].deployRoleArn",
      /is a role in account 999999999999, but member payments/,
    ),
  ],
  references: [
    parsed(
      "a member applying a policy that does not exist",
      (r) => r.members[1].protection.push("gold"),
      "members[1].protection[3]",
      /"gold" is not a protection policy/,
    ),
    parsed("a member in an OU that is not defined", (r) => (r.members[0].ou = "sandbox"), "members[0].ou", /not a key of organization.organizationalUnits/),
  ],
  lists: [
    parsed("a region listed twice", (r) => r.members[0].regions.push("us-east-1"), "members[0].regions[2]", /listed twice/),
    text(
      "a key given twice in one object",
      (j) => j.replace('"name": "example-org",', '"name": "example-org",\n  "name": "other-org",'),
      "name",
      /given twice/,
    ),
  ],
  schedules: [
    parsed(
      "backups every five minutes",
      (r) => (r.protectionPolicies.standard.backup.schedule = "cron(0/5 * ? * * *)"),
      "protectionPolicies.standard.backup.schedule",
      /AWS rejects schedules that run more often than every 60 minutes \(AWS Backup\)/,
    ),
    parsed(
      "a schedule that is not AWS cron",
      (r) => (r.restoreTesting.schedule = "0 6 * * 6"),
      "restoreTesting.schedule",
      /AWS rejects schedules other than a cron expression/,
    ),
    parsed(
      "a time zone that is not IANA",
      (r) => (r.protectionPolicies.standard.backup.timezone = "CET+1"),
      "protectionPolicies.standard.backup.timezone",
      /IANA/,
    ),
  ],
  lifecycles: [
    parsed(
      "a lock whose maximum is below its minimum",
      (r) => (r.centralBackup.vaultLock.maxRetentionDays = 5),
      "centralBackup.vaultLock.maxRetentionDays",
      /AWS rejects a maximum retention not greater than minRetentionDays/,
    ),
    parsed(
      "a copy kept longer than the central lock allows",
      (r) => (r.protectionPolicies.standard.backup.copyToCentral.retentionDays = 500),
      "protectionPolicies.standard.backup.copyToCentral.retentionDays",
      /400-day maximum/,
    ),
  ],
  places: [
    parsed(
      "a copy to a region the member has no vault in",
      (r) => (r.protectionPolicies.standard.backup.copyToRegion.region = "eu-west-1"),
      "protectionPolicies.standard.backup.copyToRegion.region",
      /not a region of member/,
    ),
    parsed("a policy no member applies", (r) => (r.members[0].protection = ["standard"]), "protectionPolicies.web-tier", /applied by no member/),
  ],
  "derived-names": [
    parsed(
      "a rollout name too long for the backup plan names",
      (r) => (r.name = "a".repeat(40)),
      "protectionPolicies.fast-ec2-dr",
      /backup plan name .*52 characters/,
    ),
  ],
  "secure-defaults": [parsed("central vaults without a lock", (r) => delete r.centralBackup.vaultLock, "centralBackup.vaultLock", /central-vault-lock/)],
  objectives: [
    parsed(
      "an rto without resource types",
      (r) => delete r.protectionPolicies.standard.objectives.resourceTypes,
      "protectionPolicies.standard.objectives.resourceTypes",
      /rto/,
    ),
    built(
      "an hourly rpo of daily backups, enforced",
      (r) => {
        r.objectives = "enforce";
        r.protectionPolicies.compliance.objectives.rpo = "1h";
      },
      "protectionPolicies.compliance.objectives.rpo",
      /not met/,
    ),
  ],
  construct: [
    built("a central vault named like the AWS default vault", (r) => (r.centralBackup.vaultName = "Default"), "centralBackup.vaultName", /"Default"/),
  ],
};

/** The problem of `checkClass` at the case's path and with its message, if any. */
function problemOf(problems: readonly ConfigProblem[], checkClass: ConfigCheckClass, bad: BadConfig): ConfigProblem | undefined {
  return problems.find((p) => p.checkClass === checkClass && p.path === bad.path && bad.message.test(p.message));
}

describe("every class of config checks refuses a real bad config at the expected path", () => {
  const cases = CONFIG_CHECK_CLASSES.flatMap(({ id, lead }) => BAD_CONFIGS[id].map((bad) => [lead, bad.title, id, bad] as const));

  test.each(cases)("%s: %s", (_lead, _title, checkClass, bad) => {
    // given / when
    const problems = bad.refuse();
    // then
    expect(problemOf(problems, checkClass, bad)).toBeDefined();
    // and every problem it is refused with names a class the README lists
    const leads = readmeCheckLeads(README);
    for (const p of problems) expect(leads).toContain(CONFIG_CHECK_CLASSES.find((c) => c.id === p.checkClass)?.lead);
  });

  test("given the embedded default rollout unchanged, when checked, then it is accepted (so a refusal is the change's doing)", () => {
    expect(() => parseRollout(rawRollout(), "test.json")).not.toThrow();
  });

  test("given a bad config of one class, when looked up under another class, then no problem is found", () => {
    // given
    const bad = BAD_CONFIGS["state-backend"][0];
    // when
    const problems = bad.refuse();
    // then
    expect(problemOf(problems, "state-backend", bad)).toBeDefined();
    expect(problemOf(problems, "tags", bad)).toBeUndefined();
  });

  test("given a problem of an unlisted class, when its class is looked up, then it is not a class of config checks", () => {
    expect(isConfigCheckClass("timetables")).toBe(false);
    expect(isConfigCheckClass("schedules")).toBe(true);
  });
});

describe("refinements of the config schema name their class", () => {
  test("given the schema's source, when its custom issues are counted, then the only one is in the helper that names a class", () => {
    // Issues re-emitted from nested parses spread the original, keeping its class: only new custom issues must go through refuse().
    const source = fs.readFileSync(path.join(ROOT, "stacks", "config", "schema.ts"), "utf8");
    expect(source.match(/code: "custom"/g)).toHaveLength(1);
    expect(source).toMatch(
      /function refuse\(ctx: z\.RefinementCtx, checkClass: ConfigCheckClass,[^)]*\): void \{\n\s+ctx\.addIssue\(\{ code: "custom", path, message, params: \{ checkClass \} \}\);/,
    );
  });
});
