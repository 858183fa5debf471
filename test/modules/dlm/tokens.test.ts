import { DataAwsAvailabilityZones } from "@cdktf/provider-aws/lib/data-aws-availability-zones";
import { DlmCreateRule, DlmRetainRule, DlmSchedule, SnapshotPolicy } from "../../../modules/dlm";
import { errorOf, resources, testStack } from "../../helpers";

const ROLE = "arn:aws:iam::111111111111:role/dlm";

function policyWithFastRestore(availabilityZones: readonly string[], stack = testStack()) {
  new SnapshotPolicy(stack, "Policy", {
    description: "fast restore",
    executionRole: ROLE,
    resourceType: "VOLUME",
    targetTags: { backup: "true" },
    region: "us-east-1",
    schedules: [
      new DlmSchedule({ name: "s", create: DlmCreateRule.daily("03:00"), retain: DlmRetainRule.count(10), fastRestore: { availabilityZones, count: 10 } }),
    ],
  });
  return stack;
}

describe("tokens in DLM props", () => {
  test("fast restore zones given as a list token are not checked element by element", () => {
    // given the zone names of a data source (a list token)
    const stack = testStack();
    const azs = new DataAwsAvailabilityZones(stack, "Azs", { state: "available" });
    // when the policy is created with them
    policyWithFastRestore(azs.names, stack);
    // then the rule names the data source's list
    const schedule = resources(stack, "aws_dlm_lifecycle_policy").Policy.policy_details.schedule[0];
    expect(schedule.fast_restore_rule.availability_zones).toBe("${data.aws_availability_zones.Azs.names}");
  });

  test("a literal zone that is not an Availability Zone name is still refused", () => {
    const message = errorOf(() => policyWithFastRestore(["us-east-1"]));
    expect(message).toContain('fastRestore.availabilityZones[0] = "us-east-1": AWS rejects Availability Zones other than names such as');
  });
});
