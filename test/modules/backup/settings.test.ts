import { BACKUP_RESOURCE_TYPES, BackupGlobalSettings, BackupRegionSettings } from "../../../modules/backup";
import { errorOf, resources, testStack } from "../../helpers";

describe("BackupRegionSettings", () => {
  test("writes opt-in and management preferences", () => {
    // given
    const stack = testStack();
    // when
    new BackupRegionSettings(stack, "Settings", { resourceTypeOptIn: { EBS: true, S3: false }, resourceTypeManagement: { DynamoDB: true } });
    // then
    const s = resources(stack, "aws_backup_region_settings").Settings;
    expect(s.resource_type_opt_in_preference).toEqual({ EBS: true, S3: false });
    expect(s.resource_type_management_preference).toEqual({ DynamoDB: true });
  });

  test("uses the given region's provider", () => {
    const stack = testStack();
    new BackupRegionSettings(stack, "Settings", { resourceTypeOptIn: { EBS: true }, provider: stack.providerFor("us-west-2") });
    expect(resources(stack, "aws_backup_region_settings").Settings.provider).toBe("aws.us_west_2");
  });

  test("allResourceTypes opts every type in, except those the region lacks", () => {
    const stack = testStack();
    BackupRegionSettings.allResourceTypes(stack, "Settings", { except: ["DSQL", "Timestream"] });
    const s = resources(stack, "aws_backup_region_settings").Settings;
    expect(Object.keys(s.resource_type_opt_in_preference)).toHaveLength(BACKUP_RESOURCE_TYPES.length - 2);
    expect(s.resource_type_opt_in_preference.DSQL).toBeUndefined();
    expect(s.resource_type_management_preference).toEqual({ DynamoDB: true, EFS: true });
  });

  test("refuses a resource type AWS Backup does not know", () => {
    const msg = errorOf(() => new BackupRegionSettings(testStack(), "Settings", { resourceTypeOptIn: { Ebs: true } }));
    expect(msg).toContain('resourceTypeOptIn.Ebs = "Ebs"');
    expect(msg).toContain("AWS rejects resource types other than");
  });

  test("refuses full management for a type that has none", () => {
    const msg = errorOf(() => new BackupRegionSettings(testStack(), "Settings", { resourceTypeOptIn: { EBS: true }, resourceTypeManagement: { EBS: true } }));
    expect(msg).toContain('resourceTypeManagement.EBS = "EBS"');
    expect(msg).toContain("AWS rejects full AWS Backup management of types other than CloudFormation, DSQL, DynamoDB, EFS");
  });

  test("refuses empty opt-in preferences", () => {
    const msg = errorOf(() => new BackupRegionSettings(testStack(), "Settings", { resourceTypeOptIn: {} }));
    expect(msg).toContain("resourceTypeOptIn = {}");
    expect(msg).toContain("this library needs at least one resource type");
  });
});

describe("BackupGlobalSettings", () => {
  test("writes every flag, cross-account backup on and the others off by default", () => {
    // given
    const stack = testStack();
    // when
    new BackupGlobalSettings(stack, "Global");
    // then: every flag the provider reads back is set, so plans show no diff
    expect(resources(stack, "aws_backup_global_settings").Global.global_settings).toEqual({
      isCrossAccountBackupEnabled: "true",
      isMpaEnabled: "false",
      isDelegatedAdministratorEnabled: "false",
    });
  });

  test("can turn cross-account backup off and the delegated administrator and multi-party approval on", () => {
    // given
    const stack = testStack();
    // when
    new BackupGlobalSettings(stack, "Global", { crossAccountBackup: false, delegatedAdministrator: true, multiPartyApproval: true });
    // then
    expect(resources(stack, "aws_backup_global_settings").Global.global_settings).toEqual({
      isCrossAccountBackupEnabled: "false",
      isMpaEnabled: "true",
      isDelegatedAdministratorEnabled: "true",
    });
  });

  test("refuses a flag that is not a boolean, naming it", () => {
    // given / when
    const msg = errorOf(() => new BackupGlobalSettings(testStack(), "Global", { multiPartyApproval: "yes" as unknown as boolean }));
    // then
    expect(msg).toContain("multiPartyApproval");
    expect(msg).toContain("this library needs true or false");
  });
});
