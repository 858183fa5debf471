import { TerraformProvider } from "../core/cdktf";
import { Tags } from "../core";
import { DlmRoleSource } from "./dlm-service-roles";

/** Whether a policy runs. */
export type DlmPolicyState = "ENABLED" | "DISABLED";

/** What every DLM policy takes. */
export interface DlmPolicyCommonProps {
  /** What the policy is for: 1-500 of letters, digits, spaces, `_` and `-`. */
  readonly description: string;
  /**
   * The role DLM runs the policy as: the account's `DlmServiceRoles` (the matching role is picked), one of its roles,
   * or a role ARN. AMI policies need the AMI-management role, all others the snapshot role.
   */
  readonly executionRole: DlmRoleSource;
  /** Whether the policy runs. @default "ENABLED" */
  readonly state?: DlmPolicyState;
  /**
   * The Region the policy is created in (that of `provider`). When given, copies into the same Region and fast restore
   * in another Region's Availability Zones are refused. @default not checked
   */
  readonly region?: string;
  /** Tags of the policy itself. @default none */
  readonly tags?: Tags;
  /** The provider (Region alias) to create the policy with. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}
