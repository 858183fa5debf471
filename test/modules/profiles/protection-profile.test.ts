import { BackupServiceRole, BackupVault } from "../../../modules/backup";
import { DlmServiceRoles } from "../../../modules/dlm";
import { ProtectionProfile, profilePreset } from "../../../modules/profiles";
import { mergeIntent } from "../../../modules/profiles/private/intent";
import { parseRollout } from "../../../stacks/config/load";
import { RolloutConfigError } from "../../../stacks/config/problems";
import { errorOf, resources, testStack } from "../../helpers";
import { rawRollout } from "../../rollout-helpers";
import { warningsIn } from "../warnings";

const env = { accountId: "111111111111", region: "us-east-1" };

function fixtures() {
  const stack = testStack();
  const accessPolicy = { breakGlassRoleArns: ["arn:aws:iam::111111111111:role/bg"] };
  const east = new BackupVault(stack, "East", { vaultName: "local", env, accessPolicy });
  const west = new BackupVault(stack, "West", {
    vaultName: "local",
    env: { ...env, region: "us-west-2" },
    accessPolicy,
    provider: stack.providerFor("us-west-2"),
  });
  const role = new BackupServiceRole(stack, "BackupRole", { env });
  const dlmRoles = new DlmServiceRoles(stack, "DlmRoles", { env });
  const central = BackupVault.fromVaultArn("arn:aws:backup:us-east-1:222222222222:backup-vault:central", { minDays: 7, maxDays: 100, source: "central lock" });
  return { stack, east, west, role, dlmRoles, central };
}

describe("profile presets", () => {
  test("fast-ec2-dr is daily AMIs kept 7, copied to the DR region when given", () => {
    expect(profilePreset("fast-ec2-dr")).toEqual({ amis: { create: { everyHours: 24, at: "03:00" }, retainCount: 7, noReboot: true, deprecateAfterCount: 5 } });
    expect(profilePreset("fast-ec2-dr", "us-west-2").amis?.crossRegionCopy).toEqual({ region: "us-west-2", retainDays: 7 });
  });

  test("both is the union of fast-ec2-dr and compliance", () => {
    const both = profilePreset("both", "us-west-2");
    expect(both.amis).toEqual(profilePreset("fast-ec2-dr", "us-west-2").amis);
    expect(both.backup).toEqual(profilePreset("compliance", "us-west-2").backup);
  });

  test("overrides replace values key by key and null removes one", () => {
    const merged = mergeIntent(profilePreset("compliance", "us-west-2"), { backup: { retentionDays: 90, copyToRegion: null } });
    expect(merged.backup).toMatchObject({ retentionDays: 90, schedule: "cron(0 5 ? * * *)", copyToCentral: { retentionDays: 35 } });
    expect(merged.backup?.copyToRegion).toBeUndefined();
  });
});

describe("profiles in the rollout config", () => {
  test("a profile with overrides resolves to full intents", () => {
    const config = parseRollout(rawRollout("default"));
    expect(config.protectionPolicies["web-tier"].backup).toMatchObject({
      schedule: "cron(0 5 ? * * *)",
      retentionDays: 60,
      copyToCentral: { retentionDays: 90 },
    });
    expect(config.protectionPolicies["web-tier"].amis?.crossRegionCopy).toEqual({ region: "us-west-2", retentionDays: 7 });
  });

  test("a bad override is reported at its path under overrides", () => {
    const raw = rawRollout("default");
    raw.protectionPolicies["web-tier"].overrides.backup.retentionDays = 0;
    let problems: string[] = [];
    try {
      parseRollout(raw);
    } catch (e) {
      problems = (e as RolloutConfigError).problems.map((p) => `${p.path}: ${p.message}`);
    }
    expect(problems).toEqual([expect.stringMatching(/^protectionPolicies\.web-tier\.overrides\.backup\.retentionDays: .*after applying profile both/)]);
  });

  test("intents next to a profile are refused in favour of overrides", () => {
    const raw = rawRollout("default");
    raw.protectionPolicies["web-tier"].backup = { schedule: "cron(0 5 ? * * *)", retentionDays: 10 };
    expect(() => parseRollout(raw)).toThrow(
      /protectionPolicies\.web-tier\.backup: this library rejects backup next to a profile: change its values through overrides\.backup/,
    );
  });

  test("an unknown profile name is refused", () => {
    const raw = rawRollout("default");
    raw.protectionPolicies["web-tier"].profile = "gold";
    expect(() => parseRollout(raw)).toThrow(/protectionPolicies\.web-tier\.profile: /);
  });

  test("merged values still meet the lock of the vault they land in", () => {
    const raw = rawRollout("default");
    raw.protectionPolicies["web-tier"].overrides.backup.copyToCentral.retentionDays = 500;
    expect(() => parseRollout(raw)).toThrow(
      /protectionPolicies\.web-tier\.overrides\.backup\.copyToCentral\.retentionDays: 500 days: AWS rejects retentions longer than the 400-day maximum/,
    );
  });
});

describe("ProtectionProfile construct", () => {
  test("the both preset creates a plan with central and DR-region copies, a tag selection and an AMI policy", () => {
    const f = fixtures();
    const profile = ProtectionProfile.preset(f.stack, "Web", "both", {
      name: "web",
      tag: { key: "protection", value: "both" },
      region: "us-east-1",
      drRegion: "us-west-2",
      backupVault: f.east,
      backupRole: f.role,
      centralVault: f.central,
      regionVaults: { "us-west-2": f.west },
      dlmRoles: f.dlmRoles,
      copyKeys: { "us-west-2": f.west.encryptionKey! },
    });
    expect(profile.plan && profile.selection && profile.amiPolicy).toBeTruthy();
    const rule = resources(f.stack, "aws_backup_plan").Web_Plan.rule[0];
    expect(rule.copy_action.map((c: any) => c.destination_vault_arn)).toEqual([
      "arn:aws:backup:us-east-1:222222222222:backup-vault:central",
      "arn:aws:backup:us-west-2:111111111111:backup-vault:local",
    ]);
    const ami = resources(f.stack, "aws_dlm_lifecycle_policy").Web_Amis.policy_details;
    expect(ami.schedule[0].cross_region_copy_rule[0]).toMatchObject({ target_region: "us-west-2", encrypted: true, cmk_arn: "${aws_kms_key.West_Key.arn}" });
    expect(resources(f.stack, "aws_backup_selection").Web_Selection.selection_tag).toEqual([{ type: "STRINGEQUALS", key: "protection", value: "both" }]);
  });

  test("a copy into the central vault must fit its lock", () => {
    const f = fixtures();
    const message = errorOf(() =>
      ProtectionProfile.preset(f.stack, "Web", "compliance", {
        name: "web",
        tag: { key: "protection", value: "both" },
        region: "us-east-1",
        backupVault: f.east,
        backupRole: f.role,
        centralVault: f.central,
        overrides: { backup: { schedule: "cron(0 5 ? * * *)", retentionDays: 35, copyToCentral: { retentionDays: 365 } } },
      }),
    );
    expect(message).toContain("365");
    expect(message).toContain("central lock");
  });

  test("names what is missing for the intent", () => {
    const f = fixtures();
    const message = errorOf(() =>
      ProtectionProfile.preset(f.stack, "Fast", "fast-ec2-dr", { name: "fast", tag: { key: "dr", value: "fast" }, region: "us-east-1", drRegion: "us-west-2" }),
    );
    expect(message).toContain("dlmRoles = (not set): this library needs it with intent.amis or intent.snapshots");
    expect(message).toContain('copyKeys = "us-west-2": needs a key for the region of intent.amis.crossRegionCopy');
  });

  test("a number the value types refuse is reported at the intent field that holds it", () => {
    // given
    const f = fixtures();
    // when
    const message = errorOf(() =>
      ProtectionProfile.preset(f.stack, "Web", "compliance", {
        name: "web",
        tag: { key: "protection", value: "web" },
        region: "us-east-1",
        backupVault: f.east,
        backupRole: f.role,
        overrides: { backup: { copyToCentral: null, retentionDays: 0, startWindowMinutes: 59.5 } } as never,
      }),
    );
    // then
    expect(message).toContain("test/Web: intent.backup.retentionDays = 0: this library needs a whole number of at least 1");
    expect(message).toContain("test/Web: intent.backup.startWindowMinutes = 59.5: this library needs a whole number of at least 0");
  });

  test("builds the plan with value types: no deprecation warning", () => {
    const f = fixtures();
    ProtectionProfile.preset(f.stack, "Web", "compliance", {
      name: "web",
      tag: { key: "protection", value: "web" },
      region: "us-east-1",
      backupVault: f.east,
      backupRole: f.role,
      centralVault: f.central,
      overrides: {
        backup: {
          schedule: "cron(0 5 ? * * *)",
          coldStorageAfterDays: 1,
          retentionDays: 91,
          continuousBackup: { retentionDays: 7 },
          copyToCentral: { retentionDays: 35 },
        },
      },
    });
    const rules = resources(f.stack, "aws_backup_plan").Web_Plan.rule;
    expect(rules.map((r: any) => [r.rule_name, r.start_window, r.completion_window, r.lifecycle])).toEqual([
      ["scheduled", 60, 1440, { cold_storage_after: 1, delete_after: 91 }],
      ["continuous", 60, 1440, { delete_after: 7 }],
    ]);
    expect(warningsIn(f.stack)).toEqual([]);
  });

  test("an empty intent is refused", () => {
    const f = fixtures();
    expect(errorOf(() => new ProtectionProfile(f.stack, "Nothing", { name: "n", tag: { key: "a", value: "b" }, region: "us-east-1", intent: {} }))).toContain(
      "protects nothing",
    );
  });
});
