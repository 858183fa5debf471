import * as fs from "node:fs";
import { parseRollout } from "../../stacks/config/load";
import { buildRollout } from "../../stacks/rollout/build";
import { synthToTemp } from "../helpers";
import { buildBaselineApp } from "../../bench/baseline-app";
import { resourceTypesByStack, sameResourceTypes } from "../../bench/resource-types";
import { generateRollout } from "../../bench/rollout-generator";

describe("benchmark baseline", () => {
  const config = generateRollout(2);
  let ours: string;
  let baseline: string;
  beforeAll(() => {
    ours = synthToTemp((app) => buildRollout(app, parseRollout(config, "bench rollout")), "bench-ours-");
    baseline = synthToTemp((app) => buildBaselineApp(app, config), "bench-baseline-");
  });
  afterAll(() => {
    fs.rmSync(ours, { recursive: true, force: true });
    fs.rmSync(baseline, { recursive: true, force: true });
  });

  test("the generated rollout is valid and gives a stack per account", () => {
    // given / when
    const stacks = Object.keys(resourceTypesByStack(ours));

    // then
    expect(stacks).toEqual(["backup-vault-account", "management", "member-m0001", "member-m0002"]);
  });

  test("creates the same resource and data source types, as many of each, in every stack as the rollout", () => {
    // given / when
    const mine = resourceTypesByStack(ours);
    const theirs = resourceTypesByStack(baseline);

    // then
    expect(theirs).toEqual(mine);
    expect(sameResourceTypes(mine, theirs)).toEqual({ equal: true });
    expect(mine["member-m0001"]["resource.aws_dlm_lifecycle_policy"]).toBe(2);
    expect(mine["member-m0001"]["resource.aws_backup_plan"]).toBe(2);
  });

  test("a difference in one type is reported with its stack", () => {
    // given
    const mine = resourceTypesByStack(ours);
    const changed = { ...mine, "member-m0002": { ...mine["member-m0002"], "resource.aws_backup_plan": 1 } };

    // when / then
    expect(sameResourceTypes(mine, changed)).toEqual({ equal: false, difference: "member-m0002: resource.aws_backup_plan 2 vs 1" });
  });
});
