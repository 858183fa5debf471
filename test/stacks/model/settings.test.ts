import { buildRolloutModel, RolloutModel } from "../../../stacks/model/model";
import { buildDrReport } from "../../../stacks/report/dr-report";
import { rawRollout, readStacks, rollout, synthRollout } from "../../rollout-helpers";

function modelOf(name: "default" | "reference" = "default", change?: (raw: any) => void): RolloutModel {
  const raw = rawRollout(name);
  change?.(raw);
  return buildRolloutModel(rollout(raw));
}

const TAG_SELECTED = ["Aurora", "DocumentDB", "DynamoDB", "EBS", "EC2", "EFS", "FSx", "Neptune", "RDS", "S3"];

describe("rollout model: AWS Backup global settings", () => {
  test("every flag is explicit: cross-account backup on, delegated administrator on when the central account is delegated, MPA off", () => {
    // given / when
    const model = modelOf();
    // then
    expect(model.management.globalSettings).toEqual({ crossAccountBackup: true, multiPartyApproval: false, delegatedAdministrator: true });
  });

  test("the delegated-administrator flag follows the config", () => {
    // given / when
    const model = modelOf("default", (raw) => (raw.management.delegateBackupAdministrator = false));
    // then
    expect(model.management.globalSettings.delegatedAdministrator).toBe(false);
  });
});

describe("rollout model: AWS Backup region settings", () => {
  test("a member region where a policy backs up by tag opts in every type a tag selection reaches", () => {
    // given / when
    const payments = modelOf().members.find((m) => m.name === "payments")!;
    // then
    expect(payments.regionSettings.map((r) => r.region)).toEqual(["us-east-1", "us-west-2"]);
    for (const r of payments.regionSettings) {
      expect(Object.keys(r.resourceTypeOptIn).sort()).toEqual(TAG_SELECTED);
      expect(r.protectedResourceTypes).toEqual(TAG_SELECTED);
    }
  });

  test("a member that backs nothing up with AWS Backup gets no region settings", () => {
    // given / when: batch only has DLM snapshots
    const batch = modelOf("reference").members.find((m) => m.name === "batch")!;
    // then
    expect(batch.regionSettings).toEqual([]);
  });

  test("the config adds and removes types over the derived ones", () => {
    // given
    const change = (raw: any) => (raw.backupRegionSettings = { resourceTypeOptIn: { Redshift: true, S3: false } });
    // when
    const payments = modelOf("default", change).members.find((m) => m.name === "payments")!;
    // then
    const east = payments.regionSettings.find((r) => r.region === "us-east-1")!;
    expect(east.resourceTypeOptIn.Redshift).toBe(true);
    expect(east.resourceTypeOptIn.S3).toBe(false);
    expect(east.protectedResourceTypes).toContain("Redshift");
    expect(east.protectedResourceTypes).not.toContain("S3");
  });

  test("the config refuses a name that is not an AWS Backup resource type, at its path", () => {
    // given
    const raw = rawRollout();
    raw.backupRegionSettings = { resourceTypeOptIn: { Aurora: true, Dynamo: true } };
    // when / then
    expect(() => rollout(raw)).toThrow(/backupRegionSettings\.resourceTypeOptIn.*AWS rejects resource types other than those of AWS Backup/s);
  });

  test("the member stack opts in per region through that region's provider", () => {
    // given / when
    const stacks = readStacks(synthRollout(rollout(rawRollout())));
    // then
    const settings = stacks["member-payments"].resource.aws_backup_region_settings;
    expect(settings.RegionSettings_us_west_2.provider).toBe("aws.us_west_2");
    expect(Object.keys(settings.RegionSettings_us_west_2.resource_type_opt_in_preference).sort()).toEqual(TAG_SELECTED);
    expect(stacks.management.resource.aws_backup_global_settings.BackupGlobalSettings.global_settings).toEqual({
      isCrossAccountBackupEnabled: "true",
      isMpaEnabled: "false",
      isDelegatedAdministratorEnabled: "true",
    });
  });

  test("the DR report lists per account and region the resource types backed up", () => {
    // given
    const model = modelOf("default", (raw) => (raw.backupRegionSettings = { resourceTypeOptIn: { S3: false } }));
    // when
    const report = buildDrReport(model);
    // then
    const payments = report.accounts.find((a) => a.name === "payments")!;
    expect(payments.resourceTypes.map((r) => r.region)).toEqual(["us-east-1", "us-west-2"]);
    expect(payments.resourceTypes[0].protected).toEqual(TAG_SELECTED.filter((t) => t !== "S3"));
    expect(payments.resourceTypes[0].optedOut).toEqual(["S3"]);
  });

  test("a region protected only by DLM gets no region settings and is listed in the DR report as left alone", () => {
    // given: the reference rollout's batch member has DLM snapshot policies and no AWS Backup plan
    const model = modelOf("reference");
    // when
    const batch = buildDrReport(model).accounts.find((a) => a.name === "batch")!;
    // then
    expect(model.members.find((m) => m.name === "batch")!.regionSettings).toEqual([]);
    expect(batch.resourceTypes).toEqual(
      ["eu-central-1", "eu-west-1"].map((region) => ({
        region,
        protected: [],
        optedOut: [],
        reason: "no AWS Backup plan runs here and backupRegionSettings is not set: left as the account has them",
      })),
    );
  });

  test("with backupRegionSettings, a region protected only by DLM gets the configured opt-in", () => {
    // given / when
    const model = modelOf("reference", (raw) => (raw.backupRegionSettings = { resourceTypeOptIn: { EBS: true } }));
    // then
    expect(model.members.find((m) => m.name === "batch")!.regionSettings.map((r) => [r.region, r.resourceTypeOptIn])).toEqual([
      ["eu-central-1", { EBS: true }],
      ["eu-west-1", { EBS: true }],
    ]);
  });
});

describe("rollout model: organization prerequisites", () => {
  test("BACKUP_POLICY on the root when backup policies are attached, trusted access when an administrator is delegated", () => {
    // given / when
    const model = modelOf();
    // then
    expect(model.management.prerequisites).toEqual({ rootId: "r-ab12", policyTypes: ["BACKUP_POLICY"], servicePrincipals: ["backup.amazonaws.com"] });
  });

  test("nothing to check when no policy is attached and no administrator delegated", () => {
    // given / when: the reference rollout deploys no plan through an Organizations policy
    const model = modelOf("reference", (raw) => (raw.management.delegateBackupAdministrator = false));
    // then
    expect(model.management.prerequisites).toEqual({ rootId: "r-zz99", policyTypes: [], servicePrincipals: [] });
  });
});
