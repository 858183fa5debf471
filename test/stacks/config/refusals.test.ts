import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { loadRolloutFile, parseRollout } from "../../../stacks/config/load";
import { RolloutConfigError } from "../../../stacks/config/problems";
import { rawRollout } from "../../rollout-helpers";

/** The problems a raw rollout is refused with, as `<path>: <message>`. */
function problemsOf(raw: unknown): string[] {
  try {
    parseRollout(raw, "test.json", { onWarning: () => undefined });
  } catch (e) {
    if (e instanceof RolloutConfigError) return e.problems.map((p) => `${p.path}: ${p.message}`);
    throw e;
  }
  throw new Error("expected the config to be refused");
}

/** A case of the catalogue: a change to a reference rollout, and the path and message it must be refused with. */
type Case = [title: string, change: (raw: any) => void, path: string, message: RegExp];

function refusedAt(change: (raw: any) => void, at: string, message: RegExp, base: "default" | "reference" = "default"): void {
  // given
  const raw = rawRollout(base);
  change(raw);
  // when
  const problems = problemsOf(raw);
  // then
  expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${at.replace(/[.[\]()]/g, "\\$&")}: .*${message.source}`))]));
}

describe("state backend values terraform init or S3 rejects", () => {
  const cases: Case[] = [
    ["a bucket name with two adjacent dots", (r) => (r.stateBackend.bucket = "state..bucket"), "stateBackend.bucket", /two adjacent dots/],
    ["a bucket name formatted as an IP address", (r) => (r.stateBackend.bucket = "192.168.1.10"), "stateBackend.bucket", /IP addresses/],
    ["a bucket name with a reserved prefix", (r) => (r.stateBackend.bucket = "xn--state"), "stateBackend.bucket", /starting with xn--/],
    ["a bucket name with a reserved suffix", (r) => (r.stateBackend.bucket = "my-state-s3alias"), "stateBackend.bucket", /ending with -s3alias/],
    ["a key prefix starting with a slash", (r) => (r.stateBackend.keyPrefix = "/backup-dr"), "stateBackend.keyPrefix", /starting with "\/"/],
    ["a key prefix that is only slashes", (r) => (r.stateBackend.keyPrefix = "//"), "stateBackend.keyPrefix", /starting with "\/"/],
    ["a key prefix with a double slash", (r) => (r.stateBackend.keyPrefix = "teams//backup-dr"), "stateBackend.keyPrefix", /containing "\/\/"/],
    [
      "a state KMS key in another region than the bucket",
      (r) => (r.stateBackend.kmsKeyArn = "arn:aws:kms:eu-west-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"),
      "stateBackend.kmsKeyArn",
      /key in eu-west-1, but the state bucket is in us-east-1/,
    ],
  ];
  test.each(cases)("refuses %s", (_title, change, at, message) => refusedAt(change, at, message));

  test("accepts a nested key prefix with a trailing slash", () => {
    // given
    const raw = rawRollout();
    raw.stateBackend.keyPrefix = "teams/backup-dr/";
    // when / then
    expect(parseRollout(raw).stateBackend).toMatchObject({ keyPrefix: "teams/backup-dr/" });
  });
});

describe("tags AWS rejects, everywhere tags are accepted", () => {
  const cases: Case[] = [
    ["a top-level tag key starting with aws:", (r) => (r.tags["aws:owner"] = "x"), "tags.aws:owner", /starting with aws:/],
    ["a top-level tag key longer than 128", (r) => (r.tags["k".repeat(129)] = "x"), `tags.${"k".repeat(129)}`, /1-128 characters/],
    ["a top-level tag value longer than 256", (r) => (r.tags.CostCenter = "v".repeat(257)), "tags.CostCenter", /longer than 256/],
    ["a top-level tag value with a character AWS refuses", (r) => (r.tags.CostCenter = "a;b"), "tags.CostCenter", /characters other than/],
    ["an empty top-level tag key", (r) => (r.tags[""] = "x"), "tags.", /1-128 characters/],
    ["a top-level tag the stacks set themselves", (r) => (r.tags.BackupDrStack = "x"), "tags.BackupDrStack", /stacks set themselves/],
    [
      "more top-level tags than leave room for the stacks' own",
      (r) => {
        for (let i = 0; i < 48; i++) r.tags[`t${i}`] = "x";
      },
      "tags",
      /at most 48/,
    ],
    [
      "a protection policy tag key starting with aws:",
      (r) => (r.protectionPolicies.standard.tag.key = "AWS:backup"),
      "protectionPolicies.standard.tag.key",
      /aws:/,
    ],
    [
      "a protection policy tag value longer than 256",
      (r) => (r.protectionPolicies.standard.tag.value = "v".repeat(257)),
      "protectionPolicies.standard.tag.value",
      /256/,
    ],
    ["a restore testing tag key starting with aws:", (r) => (r.restoreTesting.tag.key = "aws:restore"), "restoreTesting.tag.key", /aws:/],
  ];
  test.each(cases)("refuses %s", (_title, change, at, message) => refusedAt(change, at, message));

  test("accepts tag keys and values with letters of any language, spaces and every allowed sign", () => {
    // given
    const raw = rawRollout();
    raw.tags["Équipe / Kostenstelle"] = "données_2024 +=.:@-";
    // when / then
    expect(parseRollout(raw).tags["Équipe / Kostenstelle"]).toBe("données_2024 +=.:@-");
  });
});

describe("accounts, roles and organization IDs that cannot belong together", () => {
  const cases: Case[] = [
    [
      "a member deploy role in another account",
      (r) => (r.members[0].deployRoleArn = "arn:aws:iam::444444444444:role/BackupDrDeploy"),
      "members[0].deployRoleArn",
      /role in account 444444444444, but member payments .*is account 333333333333/,
    ],
    [
      "a central deploy role in another account",
      (r) => (r.centralBackup.deployRoleArn = "arn:aws:iam::111111111111:role/BackupDrDeploy"),
      "centralBackup.deployRoleArn",
      /allowed_account_ids/,
    ],
    [
      "a management deploy role in another account",
      (r) => (r.management.deployRoleArn = "arn:aws:iam::222222222222:role/BackupDrDeploy"),
      "management.deployRoleArn",
      /the management account/,
    ],
    [
      "an OU of another root",
      (r) => (r.organization.organizationalUnits.workloads = "ou-zz99-11111111"),
      "organization.organizationalUnits.workloads",
      /ou-ab12-/,
    ],
    [
      "one OU under two keys",
      (r) => (r.organization.organizationalUnits.platform = "ou-ab12-11111111"),
      "organization.organizationalUnits.platform",
      /already listed/,
    ],
    ["an organization ID of the wrong form", (r) => (r.organization.id = "o-short"), "organization.id", /AWS rejects organization IDs other than o-/],
    ["a root ID of the wrong form", (r) => (r.organization.rootId = "root-ab12"), "organization.rootId", /AWS rejects root IDs other than r-/],
  ];
  test.each(cases)("refuses %s", (_title, change, at, message) => refusedAt(change, at, message));

  test("accepts deploy roles in their own accounts", () => {
    // given
    const raw = rawRollout();
    raw.members[0].deployRoleArn = "arn:aws:iam::333333333333:role/BackupDrDeploy";
    raw.centralBackup.deployRoleArn = "arn:aws:iam::222222222222:role/BackupDrDeploy";
    // when / then
    expect(parseRollout(raw).members[0].deployRoleArn).toBe("arn:aws:iam::333333333333:role/BackupDrDeploy");
  });
});

describe("schedules that never run or run more often than AWS allows", () => {
  const cases: Case[] = [
    [
      "a backup schedule every 30 minutes",
      (r) => (r.protectionPolicies.standard.backup.schedule = "cron(0/30 * * * ? *)"),
      "protectionPolicies.standard.backup.schedule",
      /AWS rejects schedules that run more often than every 60 minutes \(AWS Backup\)/,
    ],
    [
      "a backup schedule in a past year",
      (r) => (r.protectionPolicies.standard.backup.schedule = "cron(0 5 * * ? 2020)"),
      "protectionPolicies.standard.backup.schedule",
      /never runs/,
    ],
    [
      "a backup schedule on February 30th",
      (r) => (r.protectionPolicies.standard.backup.schedule = "cron(0 5 30 2 ? *)"),
      "protectionPolicies.standard.backup.schedule",
      /never fires|not a usable/,
    ],
    [
      "a restore testing schedule that is not cron",
      (r) => (r.restoreTesting.schedule = "cron(0 6 * * * *)"),
      "restoreTesting.schedule",
      /AWS rejects cron expressions unless exactly one of .* is \?/,
    ],
    [
      "a restore testing schedule every 15 minutes",
      (r) => (r.restoreTesting.schedule = "cron(0/15 * ? * SAT *)"),
      "restoreTesting.schedule",
      /AWS rejects schedules that run more often than every 60 minutes \(AWS Backup\)/,
    ],
  ];
  test.each(cases)("refuses %s", (_title, change, at, message) => refusedAt(change, at, message));

  test("the config accepts every time zone Schedule accepts, backward-compatible links included", () => {
    // given
    const raw = rawRollout();
    raw.protectionPolicies.standard.backup.timezone = "Asia/Calcutta";
    // when / then
    expect(parseRollout(raw).protectionPolicies.standard.backup?.timezone).toBe("Asia/Calcutta");
  });

  test("a time zone that is no IANA name is refused at its path", () => {
    refusedAt((r) => (r.protectionPolicies.standard.backup.timezone = "CET+1"), "protectionPolicies.standard.backup.timezone", /IANA/);
  });
});

describe("settings that would apply nowhere", () => {
  const cases: Case[] = [
    [
      "a protection policy no member applies",
      (r) => {
        r.members[0].protection = ["standard"];
        r.members[1].protection = ["standard"];
      },
      "protectionPolicies.compliance",
      /applied by no member/,
    ],
    [
      "fast snapshot restore in a zone of no region the policy runs in",
      (r) => (r.protectionPolicies.volumes.snapshots.fastRestoreZones = ["us-east-1a"]),
      "protectionPolicies.volumes.snapshots.fastRestoreZones[0]",
      /not a zone of any region/,
    ],
    [
      "restore tests when no member applies a policy with backup",
      (r) => {
        r.members[0].protection = ["fast-ec2-dr"];
        r.members[1].protection = ["fast-ec2-dr"];
      },
      "restoreTesting",
      /no recovery points to test/,
    ],
  ];
  test.each(cases)("refuses %s", (_title, change, at, message) => {
    const base = _title.startsWith("fast") ? "reference" : "default";
    refusedAt(change, at, message, base);
  });
});

describe("lists holding an entry twice are refused, never crash", () => {
  const cases: Case[] = [
    [
      "a member's protection listing a policy twice",
      (r) => (r.members[1].protection = ["standard", "standard"]),
      "members[1].protection[1]",
      /already listed at members\[1\]\.protection\[0\]/,
    ],
    ["a restore testing resource type twice", (r) => (r.restoreTesting.resourceTypes = ["EBS", "EBS"]), "restoreTesting.resourceTypes[1]", /already listed/],
    ["two default policies for one resource type", (r) => r.dlmDefaultPolicies.push({ resourceType: "VOLUME" }), "dlmDefaultPolicies[1]", /already listed/],
    ["a region twice", (r) => r.members[0].regions.push("us-east-1"), "members[0].regions[2]", /listed twice/],
    ["an account twice", (r) => (r.members[1].accountId = r.members[0].accountId), "members[1].accountId", /already used/],
    ["a member name twice", (r) => (r.members[1].name = r.members[0].name), "members[1].name", /already used/],
  ];
  test.each(cases)("refuses %s", (_title, change, at, message) => refusedAt(change, at, message));
});

describe("derived AWS names fit their limits for every accepted name", () => {
  test("a rollout and policy name whose plan name would pass 50 characters are refused at the policy", () => {
    refusedAt(
      (r) => {
        r.name = "a".repeat(40);
        r.protectionPolicies = { ["p".repeat(12)]: r.protectionPolicies.standard };
        delete r.members[1].protection;
      },
      `protectionPolicies.${"p".repeat(12)}`,
      /backup plan name .* 53 characters, and AWS rejects more than 50/,
    );
  });

  test("an Organizations policy whose plan key <rollout>-<policy>-<region> would pass 50 characters is refused at its via", () => {
    // example-org-compliance-us-east-1 is 32 characters; a rollout name 19 characters longer makes it 51
    refusedAt(
      (r) => (r.name = `example-org-${"x".repeat(18)}`),
      "protectionPolicies.compliance.backup.via",
      /in us-east-1 makes the Organizations backup policy's plan name "example-org-x+-compliance-us-east-1", 51 characters, and AWS rejects more than 50/,
    );
  });

  test("an Organizations policy whose plan key is exactly 50 characters is accepted", () => {
    // given
    const raw = rawRollout();
    raw.name = `example-org-${"x".repeat(17)}`;
    // when / then
    expect(() => parseRollout(raw, "test.json", { onWarning: () => undefined })).not.toThrow();
  });

  test("a member whose restore testing plan name would pass 50 characters is refused at its name", () => {
    refusedAt(
      (r) => {
        r.name = "a".repeat(20);
        r.members[0].name = "m".repeat(30);
      },
      "members[0].name",
      /restore testing plan name .* 51 characters/,
    );
  });

  test("names at the limit are accepted", () => {
    // given
    const raw = rawRollout();
    raw.name = "a".repeat(20);
    raw.members[0].name = "m".repeat(29);
    // when / then
    expect(parseRollout(raw).members[0].name).toHaveLength(29);
  });
});

describe("JSON syntax errors", () => {
  function loadText(text: string): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rollout-json-")), "rollout.json");
    fs.writeFileSync(file, text);
    try {
      loadRolloutFile(file);
    } catch (e) {
      if (e instanceof RolloutConfigError) return e.problems.map((p) => `${p.path}: ${p.message}`).join("\n");
      throw e;
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
    throw new Error("expected the file to be refused");
  }

  test("a trailing comma is reported at its line and column", () => {
    expect(loadText('{\n  "name": "x",\n  "members": [1, 2,]\n}\n')).toMatch(/^\(file\): is not valid JSON: line 3, column 20 near "\]"/);
  });

  test("a missing colon is reported at its line and column", () => {
    expect(loadText('{\n  "name" "x"\n}')).toMatch(/line 2, column 10/);
  });

  test("a file cut short is reported at its end", () => {
    expect(loadText('{\n  "name": "x",\n')).toMatch(/line 3, column 1 at the end of the file/);
  });

  test("a tag given twice, which JSON.parse would silently keep once, is refused at its path with the repeat's place", () => {
    expect(loadText('{\n  "tags": {\n    "Team": "a",\n    "Team": "b"\n  }\n}')).toBe(
      "tags.Team: is given twice in one object (again at line 4, column 5): this library rejects a key given twice: JSON keeps only the last, so give it once",
    );
  });

  test("a protection policy given twice is refused at its path", () => {
    // given: the default rollout with its first policy written again at the end
    const text = JSON.stringify(rawRollout(), null, 2).replace(/\n {2}}\n}\n?$/, ',\n    "standard": {}\n  }\n}');
    // when / then
    expect(loadText(text)).toMatch(/^protectionPolicies\.standard: is given twice in one object \(again at line \d+, column 5\)/);
  });

  test("a control character inside a string is reported where it is", () => {
    expect(loadText('{"name": "a\tb"}')).toMatch(/line 1, column 12/);
  });
});
