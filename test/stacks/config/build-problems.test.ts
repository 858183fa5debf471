import { App } from "../../../modules/core/cdktf";
import { ValidationError } from "../../../modules/core";
import { configErrorOf } from "../../../stacks/config/build-problems";
import { RolloutConfigError } from "../../../stacks/config/problems";
import { buildCheckedRollout } from "../../../stacks/synth/synthesize";
import { rawRollout, rollout } from "../../rollout-helpers";

function problemsOf(error: unknown): string[] {
  expect(error).toBeInstanceOf(RolloutConfigError);
  return (error as RolloutConfigError).problems.map((p) => `${p.path}: ${p.message}`);
}

describe("construct errors are reported at the config path of the value that caused them", () => {
  const config = rollout();

  test("a value a construct refuses is found under the policy its construct path names", () => {
    // given
    const error = new ValidationError({
      where: "member-payments/standard_us_east_1/Plan",
      field: "rules[0].schedule",
      value: "cron(0 5 ? * * *)",
      rule: "is refused",
    });
    // when
    const problems = problemsOf(configErrorOf(config, error));
    // then
    expect(problems).toEqual(['protectionPolicies.standard.backup.schedule: "cron(0 5 ? * * *)": is refused']);
  });

  test("a value found in several places is reported where the construct's field name matches, the others named", () => {
    // given: a region named by a module-only problem: the value sits under many keys of the config
    const region = config.management.region;
    const error = new ValidationError({ where: "Region", field: "region", value: region, rule: "is refused" });
    // when
    const [problem] = problemsOf(configErrorOf(config, error));
    // then: reported at a key called region (not at the first list item holding it), the other places named
    expect(problem).toMatch(new RegExp(`^[a-zA-Z.]+\\.region: "${region}": is refused \\(the same value is also at .*regions\\[0\\]`));
  });

  test("a problem named only by its module is found by its value in the whole config", () => {
    // given
    const error = new ValidationError({ where: "Schedule.cron", field: "expression", value: "cron(0 6 ? * SAT *)", rule: "is refused" });
    // when
    const problems = problemsOf(configErrorOf(config, error));
    // then
    expect(problems).toEqual(['restoreTesting.schedule: "cron(0 6 ? * SAT *)": is refused']);
  });

  test("a value set by a profile preset is reported at the profile, with the override to change", () => {
    // given: web-tier uses the "both" profile, whose preset sets the backup schedule
    const schedule = config.protectionPolicies["web-tier"].backup!.schedule;
    const error = new ValidationError({ where: "member-payments/web_tier_us_east_1/Plan", field: "rules[0].schedule", value: schedule, rule: "is refused" });
    // when
    const problems = problemsOf(configErrorOf(config, error));
    // then
    expect(problems).toEqual([
      expect.stringMatching(
        /^protectionPolicies\.web-tier\.profile: .*is refused \(value backup\.schedule from the both preset; change it through overrides\.backup\.schedule\)$/,
      ),
    ]);
  });

  test("a problem whose value is not in the config is reported at the config object its stack was built from", () => {
    // given
    const error = new ValidationError({ where: "member-analytics/DlmServiceRoles", field: "namePrefix", value: "x".repeat(80), rule: "is too long" });
    // when
    const problems = problemsOf(configErrorOf(config, error));
    // then
    expect(problems).toEqual([expect.stringMatching(/^members\[1\]: cannot be built: namePrefix = "x+": is too long$/)]);
  });

  test("two constructs of one name are reported as a config problem, not a stack trace", () => {
    // given
    const error = new Error("There is already a Construct with name 'DlmDefault_volume_us_east_1' in MemberAccountStack [member-payments]");
    // when
    const problems = problemsOf(configErrorOf(config, error));
    // then
    expect(problems).toEqual([
      "dlmDefaultPolicies[0]: lists something twice: two resources would get the name DlmDefault_volume_us_east_1: this library rejects two resources of one name",
    ]);
  });

  test("an error that is not about the config is passed on unchanged", () => {
    const error = new TypeError("x is undefined");
    expect(configErrorOf(config, error)).toBe(error);
  });

  test("building a checked config that a construct refuses throws a RolloutConfigError with a config path", () => {
    // given: a central vault named like the AWS default vault, which no copy may target
    const raw = rawRollout();
    raw.centralBackup.vaultName = "Default";
    const checked = rollout(raw);
    // when
    let thrown: unknown;
    try {
      buildCheckedRollout(new App({ outdir: "/nonexistent-never-written" }), checked);
    } catch (e) {
      thrown = e;
    }
    // then
    expect(problemsOf(thrown)).toEqual(expect.arrayContaining([expect.stringMatching(/^centralBackup\.vaultName: "Default": /)]));
  });
});
