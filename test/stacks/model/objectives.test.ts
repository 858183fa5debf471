import { App } from "../../../modules/core/cdktf";
import { RolloutConfigError } from "../../../stacks/config/problems";
import { buildRolloutModel } from "../../../stacks/model/model";
import { ObjectiveFinding, assertObjectivesMet, objectiveFindings } from "../../../stacks/model/objectives";
import { buildRollout } from "../../../stacks/rollout/build";
import { buildCheckedRollout } from "../../../stacks/synth/synthesize";
import { rawRollout, rollout } from "../../rollout-helpers";

/** The reference rollout with `change` applied to its raw JSON. */
function reference(change: (raw: any) => void = () => undefined): any {
  const raw = rawRollout("reference");
  change(raw);
  return raw;
}

function findings(raw: unknown): ObjectiveFinding[] {
  return objectiveFindings(buildRolloutModel(rollout(raw)));
}

/** The problems the synth refuses the rollout with, as `path: message`. */
function refusals(raw: unknown): string[] {
  try {
    assertObjectivesMet(buildRolloutModel(rollout(raw)));
    return [];
  } catch (e) {
    if (!(e instanceof RolloutConfigError)) throw e;
    return e.problems.map((p) => `${p.path}: ${p.message}`);
  }
}

function finding(all: readonly ObjectiveFinding[], account: string, policy: string, region: string, objective: string): ObjectiveFinding {
  const f = all.find(
    (x) => x.account === account && x.policy === policy && x.region === region && (x.objective === objective || `${x.objective} ${x.asked}` === objective),
  );
  if (!f) throw new Error(`no finding ${account} ${policy} ${region} ${objective}`);
  return f;
}

const databases = (o: object) => (raw: any) => {
  raw.protectionPolicies.databases.objectives = o;
};

describe("objectives of the reference rollouts", () => {
  test("every objective the reference rollout declares is met", () => {
    // given the reference rollout as shipped
    // when its objectives are checked
    const all = findings(rawRollout("reference"));
    // then there are some, and none is missed
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter((f) => !f.met)).toEqual([]);
  });

  test("the default rollout reports that nothing copies us-west-2 to another region, and refuses nothing", () => {
    // given the default rollout, which says objectives: report
    const all = findings(rawRollout("default"));
    // then only region loss in us-west-2 is missed
    const missed = all.filter((f) => !f.met);
    expect(missed.length).toBeGreaterThan(0);
    expect(new Set(missed.map((f) => `${f.objective} ${f.asked} ${f.region}`))).toEqual(new Set(["survives region-loss us-west-2"]));
    expect(refusals(rawRollout("default"))).toEqual([]);
  });

  test("the synth refuses a rollout whose objectives are missed, before any stack is built", () => {
    // given the reference rollout asking for an hourly RPO
    const config = rollout(reference(databases({ rpo: "1h" })));
    // when its stacks are built
    // then the build is refused at the objective's path
    expect(() => buildRollout(new App(), config)).toThrow(RolloutConfigError);
    expect(() => buildRollout(new App(), config)).toThrow(/protectionPolicies\.databases\.objectives\.rpo: rpo 1 h is not met/);
  });
});

test("a refusal names the config file it came from", () => {
  // given a missed objective in a config read from a file
  const config = rollout(reference(databases({ rpo: "1h" })));
  // when the stacks are built as the synth builds them
  // then the error names that file
  expect(() => buildCheckedRollout(new App(), config, "rollouts/prod.json")).toThrow(/^rollouts\/prod\.json: 1 problem in the rollout config/);
});

describe("RPO", () => {
  test("met: a backup every 4 hours meets an RPO of 4 h", () => {
    expect(finding(findings(reference(databases({ rpo: "4h" }))), "data", "databases", "eu-west-1", "rpo")).toMatchObject({
      met: true,
      achieved: "4 h by AWS Backup (cron(0 */4 ? * * *))",
    });
  });

  test("not met: refused at the rpo path, naming the missing schedule", () => {
    expect(refusals(reference(databases({ rpo: "1h" })))).toEqual([
      'protectionPolicies.databases.objectives.rpo: rpo 1 h is not met in web eu-west-1, web eu-central-1, data eu-west-1 (4 h by AWS Backup (cron(0 */4 ? * * *))); missing: a schedule at least every 1 h (backup.schedule, amis.create or snapshots.create); this library rejects a policy that misses its objectives (objectives: "report" only shows it in the DR report)',
    ]);
  });

  test("met under an hour by continuous backup for a type that has it", () => {
    // given RDS with continuous backup and an RPO of 30 minutes
    const raw = reference((r) => {
      r.protectionPolicies.databases.backup.continuousBackup = { retentionDays: 7 };
      r.protectionPolicies.databases.objectives = { rpo: "30m", resourceTypes: ["RDS"] };
    });
    // then the RPO is met by continuous backup
    expect(finding(findings(raw), "data", "databases", "eu-west-1", "rpo")).toMatchObject({
      met: true,
      achieved: "RDS: continuous backup (any point in time)",
    });
  });

  test("not met for a type continuous backup does not cover, naming the type", () => {
    const raw = reference((r) => {
      r.protectionPolicies.databases.backup.continuousBackup = { retentionDays: 7 };
      r.protectionPolicies.databases.objectives = { rpo: "30m", resourceTypes: ["RDS", "DynamoDB"] };
    });
    const f = finding(findings(raw), "data", "databases", "eu-west-1", "rpo");
    expect(f.met).toBe(false);
    expect(f.missing).toBe("DynamoDB: a schedule at least every 30 min (backup.schedule, amis.create or snapshots.create)");
  });
});

describe("RTO", () => {
  test("met: a restore job brings RDS back within 4 h", () => {
    expect(finding(findings(rawRollout("reference")), "data", "databases", "eu-west-1", "rto")).toMatchObject({
      met: true,
      achieved: "RDS: hours (an AWS Backup restore job, at most 4 h)",
    });
  });

  test("not met: EC2 in 15 minutes without AMIs names DLM AMIs", () => {
    const problems = refusals(reference(databases({ rto: "15m", resourceTypes: ["EC2"] })));
    expect(problems).toEqual([
      'protectionPolicies.databases.objectives.rto: rto 15 min is not met in web eu-west-1, web eu-central-1, data eu-west-1 (EC2: within an hour (an AWS Backup restore job, up to 1 h)); missing: EC2: DLM AMIs (amis) (launch from a DLM AMI: at most 15 min); this library rejects a policy that misses its objectives (objectives: "report" only shows it in the DR report)',
    ]);
  });

  test("not met: no mechanism brings RDS back in 15 minutes, and the message says what to ask for", () => {
    const f = finding(findings(reference(databases({ rto: "15m", resourceTypes: ["RDS"] }))), "data", "databases", "eu-west-1", "rto");
    expect(f.met).toBe(false);
    expect(f.missing).toBe("RDS: no mechanism brings RDS back within 15 min: the fastest, an AWS Backup restore job, takes up to 4 h; ask for at least that");
  });

  test("not met for EBS in 15 minutes from plain snapshots: fast snapshot restore in the region is missing", () => {
    const raw = reference((r) => {
      r.protectionPolicies.volumes.objectives = { rto: "15m", resourceTypes: ["EBS"] };
    });
    expect(finding(findings(raw), "batch", "volumes", "eu-central-1", "rto").missing).toBe(
      "EBS: fast snapshot restore (snapshots.fastRestoreZones with a zone of eu-central-1) or DLM AMIs (amis) (a volume from a snapshot with fast snapshot restore: at most 15 min; launch from a DLM AMI: at most 15 min)",
    );
  });

  test("met for EBS in 15 minutes where fast snapshot restore is on", () => {
    const raw = reference((r) => {
      r.protectionPolicies.volumes.snapshots.fastRestoreZones = ["eu-central-1a"];
      r.protectionPolicies.volumes.objectives = { rto: "15m", resourceTypes: ["EBS"] };
    });
    const all = findings(raw);
    expect(finding(all, "batch", "volumes", "eu-central-1", "rto").met).toBe(true);
    expect(finding(all, "batch", "volumes", "eu-west-1", "rto").met).toBe(false);
  });
});

describe("minimum retention", () => {
  test("met: backups kept 30 days, copies 60", () => {
    expect(finding(findings(reference(databases({ minRetentionDays: 60 }))), "data", "databases", "eu-west-1", "retention").met).toBe(true);
  });

  test("not met: refused at minRetentionDays, naming the retention to raise", () => {
    expect(refusals(reference(databases({ minRetentionDays: 90 })))).toEqual([
      'protectionPolicies.databases.objectives.minRetentionDays: retention 90 d is not met in web eu-west-1, web eu-central-1, data eu-west-1 (60 d by AWS Backup (cron(0 */4 ? * * *))); missing: recovery points kept at least 90 d (backup.retentionDays, or a larger amis/snapshots retainCount); this library rejects a policy that misses its objectives (objectives: "report" only shows it in the DR report)',
    ]);
  });
});

describe("survives region loss", () => {
  test("met where a copy goes to another region, missed in the region the copy goes to", () => {
    const all = findings(
      reference((r) => {
        r.protectionPolicies.volumes.objectives = { survives: ["region-loss"] };
      }),
    );
    expect(finding(all, "batch", "volumes", "eu-central-1", "survives region-loss")).toMatchObject({
      met: true,
      achieved: "DLM snapshots copied to eu-west-1",
    });
    expect(finding(all, "batch", "volumes", "eu-west-1", "survives region-loss")).toMatchObject({
      met: false,
      path: "protectionPolicies.volumes.objectives.survives[0]",
      missing: "a copy in a region other than eu-west-1 (backup.copyToRegion, or amis/snapshots.crossRegionCopy)",
    });
  });
});

describe("survives account compromise", () => {
  test("met: a copy in the central account's locked vault, whose key only the central account holds", () => {
    const f = finding(findings(rawRollout("reference")), "data", "databases", "eu-west-1", "survives account-compromise");
    expect(f.met).toBe(true);
    expect(f.achieved).toBe(
      "copied to arn:aws:backup:eu-west-1:100000000002:backup-vault:reference-central (governance lock; its key held by account 100000000002)",
    );
  });

  test("not met without a lock on the central vault: the lock is the missing mechanism", () => {
    const raw = reference((r) => {
      delete r.centralBackup.vaultLock;
      // Without the opt-out, the missing lock is refused earlier, as a secure default.
      r.secureDefaults = { optOut: ["central-vault-lock"] };
    });
    expect(refusals(raw)).toEqual([
      expect.stringMatching(
        /^protectionPolicies\.databases\.objectives\.survives\[0\]: survives account-compromise is not met in .*; missing: a lock on the central vault \(centralBackup\.vaultLock or centralBackup\.airGapped\); this library rejects a policy that misses its objectives/,
      ),
    ]);
  });

  test("not met without a copy to another account", () => {
    const raw = reference((r) => {
      delete r.protectionPolicies.databases.backup.copyToCentral;
    });
    expect(finding(findings(raw), "data", "databases", "eu-west-1", "survives account-compromise").missing).toBe(
      "a copy into the central account's locked vault (backup.copyToCentral)",
    );
  });
});

describe("survives ransomware", () => {
  test("not met by a governance lock: an immutable copy is missing", () => {
    const f = finding(findings(reference(databases({ survives: ["ransomware"] }))), "data", "databases", "eu-west-1", "survives ransomware");
    expect(f).toMatchObject({ met: false, path: "protectionPolicies.databases.objectives.survives[0]" });
    expect(f.missing).toMatch(/^an immutable copy: backup\.copyToCentral into a compliance-locked/);
  });

  test("met by a compliance-locked central vault", () => {
    const raw = reference((r) => {
      r.centralBackup.vaultLock = { mode: "compliance", minRetentionDays: 14, maxRetentionDays: 120, changeableForDays: 3, acknowledgeIrreversible: true };
      r.protectionPolicies.databases.objectives = { survives: ["ransomware"] };
    });
    expect(finding(findings(raw), "data", "databases", "eu-west-1", "survives ransomware")).toMatchObject({
      met: true,
      achieved: "immutable in arn:aws:backup:eu-west-1:100000000002:backup-vault:reference-central (compliance lock)",
    });
  });

  test("met by an air-gapped central vault", () => {
    const raw = reference((r) => {
      r.centralBackup.airGapped = true;
      r.protectionPolicies.databases.objectives = { survives: ["ransomware"] };
    });
    expect(finding(findings(raw), "data", "databases", "eu-west-1", "survives ransomware").met).toBe(true);
  });
});

describe("restore tests", () => {
  const testing =
    (tag: { key: string; value: string }, schedule = "cron(0 6 ? * SAT *)") =>
    (r: any) => {
      r.restoreTesting = { schedule, resourceTypes: ["RDS"], tag };
      r.protectionPolicies.databases.objectives = { restoreTestEveryDays: 7, resourceTypes: ["RDS"] };
    };

  test("not met without restore testing", () => {
    expect(refusals(reference(databases({ restoreTestEveryDays: 7 })))).toEqual([
      'protectionPolicies.databases.objectives.restoreTestEveryDays: restore tests every 7 d is not met in web eu-west-1, web eu-central-1, data eu-west-1 (no restore testing); missing: restore testing (restoreTesting) at least every 7 d; this library rejects a policy that misses its objectives (objectives: "report" only shows it in the DR report)',
    ]);
  });

  test("met: weekly restore tests of the policy's tag and type", () => {
    const f = finding(findings(reference(testing({ key: "backup-tier", value: "gold" }))), "data", "databases", "eu-west-1", "restore tests");
    expect(f).toMatchObject({ met: true, achieved: "tested every 7 d at worst" });
  });

  test("not met when the restore tests select another tag", () => {
    const f = finding(findings(reference(testing({ key: "restore-test", value: "weekly" }))), "data", "databases", "eu-west-1", "restore tests");
    expect(f.met).toBe(false);
    expect(f.missing).toBe("restoreTesting.tag backup-tier=gold (restore tests select restore-test=weekly)");
  });

  test("not met when the restore tests run less often than asked", () => {
    const f = finding(
      findings(reference(testing({ key: "backup-tier", value: "gold" }, "cron(0 6 1 * ? *)"))),
      "data",
      "databases",
      "eu-west-1",
      "restore tests",
    );
    expect(f.met).toBe(false);
    expect(f.missing).toMatch(/^a restoreTesting\.schedule at least every 7 d/);
  });
});

describe('objectives: "report"', () => {
  test("a missed objective is reported, not refused", () => {
    // given a missed RPO and a config that says report
    const raw = reference((r) => {
      r.objectives = "report";
      r.protectionPolicies.databases.objectives = { rpo: "1h" };
    });
    // then the synth is not refused, and the finding says it is missed
    expect(refusals(raw)).toEqual([]);
    expect(finding(findings(raw), "data", "databases", "eu-west-1", "rpo").met).toBe(false);
  });
});

describe("a policy given only objectives", () => {
  const objectivesOnly = (r: any) => {
    r.protectionPolicies.databases = {
      tag: { key: "backup-tier", value: "gold" },
      objectives: { rpo: "4h", rto: "15m", resourceTypes: ["EC2"], survives: ["account-compromise"], minRetentionDays: 30 },
    };
  };

  test("gets AWS Backup as often as the RPO asks, a central copy, and AMIs for an RTO in minutes", () => {
    const config = rollout(reference(objectivesOnly));
    const p = config.protectionPolicies.databases;
    expect(p.backup).toMatchObject({ schedule: "cron(0 */4 ? * * *)", retentionDays: 30, copyToCentral: { retentionDays: 30 } });
    expect(p.amis).toMatchObject({ create: { everyHours: 4, at: "03:00" }, retainCount: 180 });
  });

  test("meets the objectives it picked mechanisms for", () => {
    expect(findings(reference(objectivesOnly)).filter((f) => !f.met)).toEqual([]);
  });

  test("copies to drRegion for region loss", () => {
    const config = rollout(
      reference((r) => {
        r.protectionPolicies.databases = {
          tag: { key: "backup-tier", value: "gold" },
          drRegion: "eu-central-1",
          objectives: { rpo: "1d", rto: "15m", resourceTypes: ["EC2"], survives: ["region-loss"] },
        };
        r.members[1].regions = ["eu-west-1", "eu-central-1"];
      }),
    );
    expect(config.protectionPolicies.databases.backup?.copyToRegion).toEqual({ region: "eu-central-1", retentionDays: 35 });
    expect(config.protectionPolicies.databases.amis?.crossRegionCopy).toEqual({ region: "eu-central-1", retentionDays: 35 });
  });
});

describe("objectives in the config schema", () => {
  test("an RTO without resource types is refused at resourceTypes", () => {
    expect(() => rollout(reference(databases({ rto: "1h" })))).toThrow(
      /protectionPolicies\.databases\.objectives\.resourceTypes: this library needs resourceTypes with rto/,
    );
  });

  test("a duration without a unit is refused at its path", () => {
    expect(() => rollout(reference(databases({ rpo: "4 hours" })))).toThrow(
      /protectionPolicies\.databases\.objectives\.rpo: this library needs a whole number and a unit/,
    );
  });

  test("an unknown threat is refused at its path", () => {
    expect(() => rollout(reference(databases({ survives: ["meteor"] })))).toThrow(/protectionPolicies\.databases\.objectives\.survives\[0\]/);
  });
});
