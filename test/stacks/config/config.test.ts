import * as fs from "node:fs";
import * as path from "node:path";
import { parseRollout } from "../../../stacks/config/load";
import { ConfigWarning } from "../../../stacks/config/problems";
import { RolloutConfigError } from "../../../stacks/config/problems";
import { rolloutJsonSchema } from "../../../stacks/config/schema";
import { rawRollout } from "../../rollout-helpers";

function problemsOf(raw: unknown): string[] {
  try {
    parseRollout(raw, "test.json");
  } catch (e) {
    if (e instanceof RolloutConfigError) return e.problems.map((p) => `${p.path}: ${p.message}`);
    throw e;
  }
  throw new Error("expected the config to be refused");
}

describe("rollout config shape", () => {
  test("both reference rollouts parse, with defaults filled in", () => {
    const config = parseRollout(rawRollout("default"));
    expect(config.deployRoleName).toBe("BackupDrDeploy");
    expect(config.stateBackend).toMatchObject({ keyPrefix: "backup-dr" });
    expect(parseRollout(rawRollout("reference")).centralBackup.name).toBe("backup-vault-account");
  });

  test("reports every shape problem at once, each with its JSON path and the value given", () => {
    // given
    const raw = rawRollout();
    raw.name = "Bad Name";
    raw.members[1].accountId = "4444";
    raw.centralBackup.regions[1] = "us-west-9";
    raw.protectionPolicies.standard.backup.retentionDays = "35";
    raw.management.regionn = "us-east-1";
    // when
    const problems = problemsOf(raw);
    // then
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^name: .*lowercase.*\(got "Bad Name"\)/),
        expect.stringMatching(/^members\[1\]\.accountId: AWS rejects account IDs other than 12 digits.*\(got "4444"\)/),
        expect.stringMatching(/^centralBackup\.regions\[1\]: AWS rejects anything but an AWS region name.*\(got "us-west-9"\)/),
        expect.stringMatching(/^protectionPolicies\.standard\.backup\.retentionDays: /),
        expect.stringMatching(/^management: unknown key "regionn"/),
      ]),
    );
    expect(problems).toHaveLength(5);
  });

  test("refuses something that is not a rollout at all", () => {
    const problems = problemsOf({ hello: "world" });
    expect(problems).toEqual(
      expect.arrayContaining([
        "organization: is required",
        "members: is required",
        '(root): unknown key "hello" (check the spelling against rollout.schema.json)',
      ]),
    );
  });

  test("the published JSON Schema is the one the schema generates", () => {
    const published = JSON.parse(fs.readFileSync(path.join(__dirname, "../../../rollout.schema.json"), "utf8"));
    expect(published).toEqual(JSON.parse(JSON.stringify(rolloutJsonSchema())));
  });
});

describe("whole-organization checks", () => {
  test("copy retention must fit the central vault lock", () => {
    const raw = rawRollout();
    raw.protectionPolicies.standard.backup.copyToCentral.retentionDays = 500;
    expect(problemsOf(raw)).toEqual([
      "protectionPolicies.standard.backup.copyToCentral.retentionDays: 500 days: AWS rejects retentions longer than the 400-day maximum of the lock on the central vault org-central-backup: every job into it would fail",
    ]);
  });

  test("copy retention shorter than the lock minimum is refused", () => {
    const raw = rawRollout("reference");
    raw.protectionPolicies.databases.backup.copyToCentral.retentionDays = 10;
    expect(problemsOf(raw)).toEqual([
      expect.stringContaining(
        "protectionPolicies.databases.backup.copyToCentral.retentionDays: 10 days: AWS rejects retentions shorter than the 14-day minimum",
      ),
    ]);
  });

  test("a member's own retention must fit its local vault lock", () => {
    const raw = rawRollout("reference");
    raw.protectionPolicies.databases.backup.retentionDays = 100;
    raw.members[0].protection = ["databases"];
    expect(problemsOf(raw)).toEqual([
      expect.stringContaining(
        "protectionPolicies.databases.backup.retentionDays: 100 days: AWS rejects retentions longer than the 90-day maximum of the lock on the local vaults of member web",
      ),
    ]);
  });

  test("point-in-time recovery retention must fit the local vault lock too", () => {
    const raw = rawRollout();
    raw.members[0].vaultLock = { mode: "governance", minRetentionDays: 30, maxRetentionDays: 100 };
    expect(problemsOf(raw)).toEqual(
      expect.arrayContaining([
        expect.stringContaining(
          "protectionPolicies.standard.backup.continuousBackup.retentionDays: 14 days: AWS rejects retentions shorter than the 30-day minimum of the lock on the local vaults of member payments",
        ),
      ]),
    );
  });

  test("account IDs are unique across management, central and members", () => {
    const raw = rawRollout();
    raw.members[0].accountId = raw.centralBackup.accountId;
    expect(problemsOf(raw)).toEqual([expect.stringMatching(/^members\[0\]\.accountId: account 222222222222 is already used at centralBackup\.accountId/)]);
  });

  test("stack names (and so state keys) are unique", () => {
    const raw = rawRollout();
    raw.members[1].name = raw.members[0].name;
    raw.members[1].accountId = "555555555555";
    expect(problemsOf(raw)).toEqual([
      expect.stringContaining('members[1].name: stack name "member-payments" (and so its state key) is already used by members[0].name'),
    ]);
  });

  test("a member region without a central vault cannot copy to central", () => {
    const raw = rawRollout();
    raw.members[0].regions = ["us-east-1", "eu-west-1"];
    expect(problemsOf(raw)).toEqual(expect.arrayContaining([expect.stringContaining("members[0].regions[1]: eu-west-1 has no central vault")]));
  });

  test("compliance lock without acknowledgement is refused", () => {
    const raw = rawRollout();
    delete raw.centralBackup.vaultLock.acknowledgeIrreversible;
    expect(problemsOf(raw)).toEqual([
      expect.stringContaining(
        "centralBackup.vaultLock.acknowledgeIrreversible: this library needs acknowledgeIrreversible: true for compliance mode, which can never be undone",
      ),
    ]);
  });

  test("cold storage needs 90 more days before deletion", () => {
    const raw = rawRollout();
    raw.protectionPolicies.compliance.backup.coldStorageAfterDays = 300;
    expect(problemsOf(raw)).toEqual([
      expect.stringContaining(
        "protectionPolicies.compliance.backup.retentionDays: 365 days: AWS rejects a deletion earlier than the move to cold storage + 90 days (390)",
      ),
    ]);
  });

  test("schedules are real AWS cron", () => {
    const raw = rawRollout();
    raw.protectionPolicies.standard.backup.schedule = "cron(0 5 * * * *)";
    expect(problemsOf(raw)).toEqual([
      expect.stringContaining("protectionPolicies.standard.backup.schedule: AWS rejects cron expressions unless exactly one of day-of-month"),
    ]);
  });

  test("DLM cron schedules run at most hourly", () => {
    const raw = rawRollout("reference");
    raw.protectionPolicies.volumes.snapshots.create.cron = "cron(0/30 * * * ? *)";
    expect(problemsOf(raw)).toEqual([
      expect.stringContaining(
        'protectionPolicies.volumes.snapshots.create.cron: AWS rejects schedules that run more often than every 60 minutes (DLM): "cron(0/30 * * * ? *)" runs 30 minutes apart',
      ),
    ]);
  });

  test("copies go only to regions where the member has a key", () => {
    const raw = rawRollout();
    raw.protectionPolicies["fast-ec2-dr"].drRegion = "eu-west-1";
    expect(problemsOf(raw)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^protectionPolicies\.fast-ec2-dr\.drRegion: eu-west-1 is not a region of member payments.*\(the fast-ec2-dr preset copies amis there\)$/,
        ),
      ]),
    );
  });

  test("a problem in an override is reported at the override", () => {
    const raw = rawRollout();
    raw.protectionPolicies["fast-ec2-dr"].overrides.snapshots.crossRegionCopy.region = "eu-west-1";
    expect(problemsOf(raw)).toEqual(
      expect.arrayContaining([
        expect.stringContaining("protectionPolicies.fast-ec2-dr.overrides.snapshots.crossRegionCopy.region: eu-west-1 is not a region of member payments"),
      ]),
    );
  });

  test("unknown protection policy and OU names are refused", () => {
    const raw = rawRollout();
    raw.members[1].protection.push("gold");
    raw.members[0].ou = "sandbox";
    expect(problemsOf(raw)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('members[1].protection[3]: "gold" is not a protection policy'),
        expect.stringContaining('members[0].ou: "sandbox" is not a key of organization.organizationalUnits'),
      ]),
    );
  });
});

describe("partitions", () => {
  test("a rollout whose regions are all in GovCloud is accepted", () => {
    // given
    const raw = rawRollout("govcloud");
    // when
    const config = parseRollout(raw);
    // then
    expect(config.centralBackup.regions).toEqual(["us-gov-west-1", "us-gov-east-1"]);
  });

  test("China regions are region names the schema accepts", () => {
    // given: the GovCloud rollout moved to the China regions, ARNs included
    const raw = JSON.parse(
      JSON.stringify(rawRollout("govcloud"))
        .replace(/us-gov-west-1/g, "cn-north-1")
        .replace(/us-gov-east-1/g, "cn-northwest-1")
        .replace(/aws-us-gov/g, "aws-cn"),
    );
    // when / then
    expect(parseRollout(raw).management.region).toBe("cn-north-1");
  });

  test("a member region in another partition is refused at its path", () => {
    // given
    const raw = rawRollout("govcloud");
    raw.members[1].regions = ["us-gov-west-1", "us-east-1"];
    // when
    const problems = problemsOf(raw);
    // then
    expect(problems).toContainEqual(
      "members[1].regions[1]: us-east-1 is in partition aws, but the rollout is in partition aws-us-gov (management.region us-gov-west-1): AWS rejects an organization, role assumptions or cross-account copies that span partitions",
    );
  });

  test("central regions and the state backend are checked against the rollout's partition too", () => {
    // given
    const raw = rawRollout("govcloud");
    raw.centralBackup.regions = ["us-gov-west-1", "us-gov-east-1", "us-west-2"];
    raw.stateBackend.region = "us-east-1";
    // when
    const problems = problemsOf(raw);
    // then
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^centralBackup\.regions\[2\]: us-west-2 is in partition aws, but the rollout is in partition aws-us-gov/),
        expect.stringMatching(/^stateBackend\.region: us-east-1 is in partition aws, but the rollout is in partition aws-us-gov/),
      ]),
    );
  });

  test("an explicit role or key ARN of another partition is refused at its path", () => {
    // given
    const raw = rawRollout("govcloud");
    raw.members[1].deployRoleArn = "arn:aws:iam::700000000011:role/RecordsDeploy";
    // when
    const problems = problemsOf(raw);
    // then
    expect(problems).toEqual([
      expect.stringMatching(/^members\[1\]\.deployRoleArn: "arn:aws:iam::700000000011:role\/RecordsDeploy" is an ARN of partition aws, but/),
    ]);
  });
});

describe("retainDays, the old name of retentionDays", () => {
  /** Parses a raw rollout and returns the config and the warnings given. */
  function parseWithWarnings(raw: unknown) {
    const warnings: ConfigWarning[] = [];
    const config = parseRollout(raw, "test.json", { onWarning: (w) => warnings.push(w) });
    return { config, warnings: warnings.map((w) => `${w.path}: ${w.message}`) };
  }

  test("the reference rollouts use the new name and parse without warnings", () => {
    for (const name of ["default", "reference", "govcloud"] as const) expect(parseWithWarnings(rawRollout(name)).warnings).toEqual([]);
  });

  test("the old name in a policy's intents is read as retentionDays, with a warning at its path", () => {
    // given
    const raw = rawRollout("reference");
    raw.protectionPolicies.volumes.snapshots.crossRegionCopy = { region: "eu-west-1", retainDays: 9 };
    // when
    const { config, warnings } = parseWithWarnings(raw);
    // then
    expect(config.protectionPolicies.volumes.snapshots?.crossRegionCopy).toEqual({ region: "eu-west-1", retentionDays: 9 });
    expect(warnings).toEqual([
      "protectionPolicies.volumes.snapshots.crossRegionCopy.retainDays: is deprecated: rename it to retentionDays, the name of every retention in the config (retainDays is read until 0.3.0)",
    ]);
  });

  test("the old name in a profile's overrides is read too, with a warning at the override", () => {
    // given
    const raw = rawRollout("default");
    raw.protectionPolicies["fast-ec2-dr"].overrides.snapshots.shareWithCentral = { retainDays: 5 };
    // when
    const { config, warnings } = parseWithWarnings(raw);
    // then
    expect(config.protectionPolicies["fast-ec2-dr"].snapshots?.shareWithCentral).toEqual({ retentionDays: 5 });
    expect(warnings).toEqual([expect.stringMatching(/^protectionPolicies\.fast-ec2-dr\.overrides\.snapshots\.shareWithCentral\.retainDays: is deprecated/)]);
  });

  test("an override in the new name replaces the preset's value", () => {
    // given: the fast-ec2-dr preset copies AMIs to drRegion, kept 7 days
    const raw = rawRollout("default");
    raw.protectionPolicies["fast-ec2-dr"].overrides.amis = { crossRegionCopy: { retentionDays: 3 } };
    // when
    const { config, warnings } = parseWithWarnings(raw);
    // then
    expect(config.protectionPolicies["fast-ec2-dr"].amis?.crossRegionCopy).toEqual({ region: "us-west-2", retentionDays: 3 });
    expect(warnings).toEqual([]);
  });

  test("without a warning handler, warnings are printed to stderr with the source and path", () => {
    // given
    const raw = rawRollout("reference");
    raw.protectionPolicies.volumes.snapshots.crossRegionCopy = { region: "eu-west-1", retainDays: 9 };
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      // when
      parseRollout(raw, "test.json");
      // then
      expect(warn).toHaveBeenCalledWith(
        expect.stringMatching(/^warning: test\.json: protectionPolicies\.volumes\.snapshots\.crossRegionCopy\.retainDays: is deprecated/),
      );
    } finally {
      warn.mockRestore();
    }
  });

  test("both names at once are refused at the old name's path", () => {
    // given
    const raw = rawRollout("reference");
    raw.protectionPolicies.volumes.snapshots.crossRegionCopy = { region: "eu-west-1", retainDays: 9, retentionDays: 7 };
    // when
    const problems = problemsOf(raw);
    // then
    expect(problems).toEqual([
      "protectionPolicies.volumes.snapshots.crossRegionCopy.retainDays: this library rejects both retentionDays and retainDays, its old name: keep only retentionDays",
    ]);
  });

  test("both names at once in an override are refused at the override's path", () => {
    const raw = rawRollout("default");
    raw.protectionPolicies["fast-ec2-dr"].overrides.snapshots.crossRegionCopy = { region: "us-west-2", retainDays: 2, retentionDays: 2 };
    expect(problemsOf(raw)).toEqual([
      "protectionPolicies.fast-ec2-dr.overrides.snapshots.crossRegionCopy.retainDays: this library rejects both retentionDays and retainDays, its old name: keep only retentionDays",
    ]);
  });
});
