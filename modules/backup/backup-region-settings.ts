import { Construct } from "constructs";
import { BackupRegionSettings as BackupRegionSettingsResource } from "@cdktf/provider-aws/lib/backup-region-settings";
import { TerraformProvider } from "../core/cdktf";
import { Validator } from "../core";
import { BACKUP_MANAGEMENT_RESOURCE_TYPES, BACKUP_RESOURCE_TYPES } from "./private/resource-types";
import { awsRejects, libraryNeeds } from "../core/rules/authority";

// The lists live in a file without provider bindings, so the rollout config can check names against them.
export { BACKUP_MANAGEMENT_RESOURCE_TYPES, BACKUP_RESOURCE_TYPES } from "./private/resource-types";

export interface BackupRegionSettingsProps {
  /** Opt-in per resource type; only opted-in types are backed up by tag-based selections. */
  readonly resourceTypeOptIn: { readonly [resourceType: string]: boolean };
  /** Full AWS Backup management per resource type (CloudFormation, DSQL, DynamoDB, EFS). @default left as the account has it */
  readonly resourceTypeManagement?: { readonly [resourceType: string]: boolean };
  /** The provider of the region the settings are for. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

/** The presets' options. */
export interface BackupRegionSettingsPresetProps {
  /** The provider of the region the settings are for. @default the stack's default provider */
  readonly provider?: TerraformProvider;
  /** Resource types the region does not offer, left out. @default none */
  readonly except?: readonly string[];
}

/**
 * The AWS Backup settings of one region: which resource types are opted in, and which are fully managed by AWS Backup.
 * One per account and region.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_UpdateRegionSettings.html
 */
export class BackupRegionSettings extends Construct {
  /** Opts every resource type in and lets AWS Backup fully manage DynamoDB and EFS backups. */
  static allResourceTypes(scope: Construct, id: string, props: BackupRegionSettingsPresetProps = {}): BackupRegionSettings {
    const except = new Set(props.except ?? []);
    return new BackupRegionSettings(scope, id, {
      resourceTypeOptIn: Object.fromEntries(BACKUP_RESOURCE_TYPES.filter((t) => !except.has(t)).map((t) => [t, true])),
      resourceTypeManagement: Object.fromEntries(["DynamoDB", "EFS"].filter((t) => !except.has(t)).map((t) => [t, true])),
      provider: props.provider,
    });
  }

  public readonly resource: BackupRegionSettingsResource;

  constructor(scope: Construct, id: string, props: BackupRegionSettingsProps) {
    super(scope, id);
    const v = new Validator(this.node.path);
    const optIn = props.resourceTypeOptIn ?? {};
    v.check(Object.keys(optIn).length > 0, "resourceTypeOptIn", props.resourceTypeOptIn, libraryNeeds("at least one resource type"));
    for (const [type, on] of Object.entries(optIn)) {
      v.check(
        BACKUP_RESOURCE_TYPES.includes(type),
        `resourceTypeOptIn.${type}`,
        type,
        awsRejects(`resource types other than ${BACKUP_RESOURCE_TYPES.join(", ")}`),
      );
      v.check(typeof on === "boolean", `resourceTypeOptIn.${type}`, on, libraryNeeds("true or false"));
    }
    for (const [type, on] of Object.entries(props.resourceTypeManagement ?? {})) {
      v.check(
        BACKUP_MANAGEMENT_RESOURCE_TYPES.includes(type),
        `resourceTypeManagement.${type}`,
        type,
        awsRejects(`full AWS Backup management of types other than ${BACKUP_MANAGEMENT_RESOURCE_TYPES.join(", ")}`),
      );
      v.check(typeof on === "boolean", `resourceTypeManagement.${type}`, on, libraryNeeds("true or false"));
    }
    v.throwIfAny();
    this.resource = new BackupRegionSettingsResource(this, "Resource", {
      resourceTypeOptInPreference: { ...optIn },
      resourceTypeManagementPreference: props.resourceTypeManagement ? { ...props.resourceTypeManagement } : undefined,
      provider: props.provider,
    });
  }
}
