import type { MemberConfig, ProtectionPolicy, RolloutConfig } from "../config/schema";
import type { MemberAccountStack } from "./member-account-stack";

/** Adds the DLM side of a member's protection policies: service roles once, AMI and snapshot policies per region. */
export function addMemberDlm(_stack: MemberAccountStack, _config: RolloutConfig, _member: MemberConfig, _applied: ReadonlyArray<[string, ProtectionPolicy]>): void {
  // Wired to modules/dlm once its constructs are in place.
}
