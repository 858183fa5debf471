import { buildExampleApp } from "../../../examples/app";
import { synthToTemp } from "../../helpers";
import { manifestWarnings } from "../../modules/warnings";
import { REFERENCE_ROLLOUTS, rawRollout, readStacks, rollout, synthRollout } from "../../rollout-helpers";

/** Resource types whose constructs took props that are now deprecated. */
const TYPES_WITH_RENAMED_PROPS = [
  "aws_backup_plan",
  "aws_backup_vault_lock_configuration",
  "aws_backup_restore_testing_plan",
  "aws_backup_restore_testing_selection",
  "aws_dlm_lifecycle_policy",
  "aws_organizations_policy",
];

describe("the rollout stacks use no deprecated prop", () => {
  const outs = Object.keys(REFERENCE_ROLLOUTS).map((name) => synthRollout(rollout(rawRollout(name as keyof typeof REFERENCE_ROLLOUTS))));

  test("the reference rollouts build every construct whose props were renamed", () => {
    const types = new Set(outs.flatMap((out) => Object.values(readStacks(out)).flatMap((s: any) => Object.keys(s.resource ?? {}))));
    expect(TYPES_WITH_RENAMED_PROPS.filter((t) => !types.has(t))).toEqual([]);
  });

  test.each(Object.keys(REFERENCE_ROLLOUTS).map((name, i) => [name, i] as const))("the %s rollout synthesizes without a warning", (_name, i) => {
    expect(manifestWarnings(outs[i])).toEqual([]);
  });
});

describe("the example stacks use no deprecated prop", () => {
  test("the example app synthesizes without a warning", () => {
    expect(manifestWarnings(synthToTemp((app) => buildExampleApp(app)))).toEqual([]);
  });
});
