import { Retention } from "../../../modules/core";
import { DlmCreateRule, DlmRetainRule, DlmSchedule, DlmScheduleProps, DlmServiceRoles } from "../../../modules/dlm";
import { resources, testStack } from "../../helpers";

/** The account of `testStack()`. */
export const ACCOUNT = "111111111111";
/** A key of the test account in us-west-2, the test stack's second Region. */
export const WEST_KEY = "arn:aws:kms:us-west-2:111111111111:key/0b2e7a5c-3f1d-4b6e-9a8c-1d2e3f4a5b6c";
/** A key of the test account in us-east-1, the test stack's primary Region. */
export const EAST_KEY = "arn:aws:kms:us-east-1:111111111111:key/6c5b4a3f-2e1d-4c9b-8a7f-0e1d2c3b4a59";
/** An IAM role ARN of the test account. */
export const ROLE_ARN = "arn:aws:iam::111111111111:role/dlm-custom";

/** A stack with the account's DLM roles. */
export function stackWithRoles(): { stack: ReturnType<typeof testStack>; roles: DlmServiceRoles } {
  const stack = testStack();
  const roles = new DlmServiceRoles(stack, "DlmRoles", { env: { accountId: ACCOUNT, region: "us-east-1" } });
  return { stack, roles };
}

/** A daily schedule kept 7 days, with overrides. */
export function daily(overrides: Partial<DlmScheduleProps> = {}): DlmSchedule {
  return new DlmSchedule({ name: "daily", create: DlmCreateRule.daily("03:00"), retain: DlmRetainRule.days(7), ...overrides });
}

/** A copy to us-west-2 with the west key, kept 30 days. */
export const WEST_COPY = { region: "us-west-2", encryptionKey: WEST_KEY, retain: Retention.days(30) };

/** The one DLM policy of a stack, as synthesized. */
export function onlyPolicy(stack: ReturnType<typeof testStack>, id: string): any {
  return resources(stack, "aws_dlm_lifecycle_policy")[id];
}
