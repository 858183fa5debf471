import * as fs from "node:fs";
import * as path from "node:path";
import { Retention, ValidationError, Validator } from "../../../modules/core";
import { BackupRule, BackupVault, RestoreTestingPlan, RestoreTestingSelection, Schedule } from "../../../modules/backup";
import { SnapshotPolicy } from "../../../modules/dlm";
import { ruleAuthorityOf } from "../../../modules/core/rules/authority";
import { errorOf, testStack } from "../../helpers";
import { findUnattributed, ruleHelperNames, sourceFiles } from "./attribution-scan";
import { ROLE_ARN, primary } from "../backup/fixtures";

const ROOT = path.join(__dirname, "..", "..", "..");

/** The problems of the ValidationError fn throws; fails the test when it throws none. */
function problemsOf(fn: () => unknown): ValidationError["problems"] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ValidationError) return e.problems;
    throw e;
  }
  throw new Error("expected a ValidationError, but none was thrown");
}

/**
 * The sources whose errors users read: every construct under modules/, and the stacks that raise errors through the
 * Validator. The Validator itself (modules/core/errors.ts) only relays the rules it is given. The config layer
 * (stacks/config) words its problems in its own checks, scanned by `configFiles`.
 */
function scannedFiles(): string[] {
  const modules = sourceFiles(ROOT, ["modules"]).filter((f) => f !== path.join("modules", "core", "errors.ts"));
  const stacks = sourceFiles(ROOT, ["stacks"]).filter((f) => {
    if (f.startsWith(path.join("stacks", "config") + path.sep)) return false;
    return /\b(Validator|ValidationError|formatProblem)\b/.test(fs.readFileSync(path.join(ROOT, f), "utf8"));
  });
  return [...modules, ...stacks];
}

/** The config layer's sources, whose problem messages users read most: stacks/config and the objectives check. */
function configFiles(): string[] {
  return [...sourceFiles(ROOT, [path.join("stacks", "config")]), path.join("stacks", "model", "objectives.ts")];
}

/** The rule helpers of modules/core/rules, whose returns the construct scan checks. */
function knownRuleHelpers(): Set<string> {
  const rulesFiles = sourceFiles(ROOT, [path.join("modules", "core", "rules")]);
  return ruleHelperNames(rulesFiles.map((f) => fs.readFileSync(path.join(ROOT, f), "utf8")));
}

describe("every construct error says whose rule it is (static)", () => {
  test("no rule text in modules/ or the Validator-using stacks is left unattributed", () => {
    // given
    const files = scannedFiles();
    const rulesFiles = files.filter((f) => f.startsWith(path.join("modules", "core", "rules") + path.sep));
    const ruleHelpers = ruleHelperNames(rulesFiles.map((f) => fs.readFileSync(path.join(ROOT, f), "utf8")));
    // when
    const found = files.flatMap((f) =>
      findUnattributed(f, fs.readFileSync(path.join(ROOT, f), "utf8"), {
        ruleHelperFile: rulesFiles.includes(f),
        plainErrors: f.startsWith("modules" + path.sep),
        ruleHelpers,
      }),
    );
    // then
    expect(found.map((u) => `${u.file}:${u.line} ${u.site}: ${u.text}`)).toEqual([]);
  });

  test("scans the constructs and the account stack (the scan is not vacuous)", () => {
    // given / when
    const files = scannedFiles();
    // then
    expect(files).toEqual(expect.arrayContaining([path.join("modules", "backup", "backup-rule.ts"), path.join("stacks", "account-stack.ts")]));
    expect(files.filter((f) => f.startsWith("modules")).length).toBeGreaterThan(50);
  });
});

describe("every config problem says whose rule it is (static)", () => {
  test("no message in stacks/config or the objectives check is left unattributed", () => {
    // given
    const ruleHelpers = knownRuleHelpers();
    // when
    const found = configFiles().flatMap((f) =>
      findUnattributed(f, fs.readFileSync(path.join(ROOT, f), "utf8"), { plainErrors: false, ruleHelpers, configMessages: true }),
    );
    // then
    expect(found.map((u) => `${u.file}:${u.line} ${u.site}: ${u.text}`)).toEqual([]);
  });

  test("scans the whole-config checks, the schema, the loader and the objectives (the scan is not vacuous)", () => {
    // given / when
    const files = configFiles();
    // then
    expect(files).toEqual(
      expect.arrayContaining(
        ["checks.ts", "schema.ts", "load.ts", "build-problems.ts"]
          .map((f) => path.join("stacks", "config", f))
          .concat(path.join("stacks", "model", "objectives.ts")),
      ),
    );
  });
});

describe("the attribution scan", () => {
  const scan = (code: string, options = {}) => findUnattributed("sample.ts", code, options);

  test("reports a Validator check whose rule is a plain string", () => {
    // given
    const code = `v.check(ok, "name", name, "must be 1-50 characters");`;
    // when
    const found = scan(code);
    // then
    expect(found).toEqual([{ file: "sample.ts", line: 1, site: ".check(...)", text: '"must be 1-50 characters"' }]);
  });

  test("reports a rule worded by hand even when it starts with an attribution phrase", () => {
    // given: the phrase has one home, the attribution functions
    const code = "v.matches(`f`, value, /x/, `AWS rejects ${what}`);";
    // when / then
    expect(scan(code).map((u) => u.site)).toEqual([".matches(...)"]);
  });

  test("accepts the attribution functions, secureDefaultRule and rule helpers", () => {
    // given
    const code = [
      `v.check(ok, "a", a, awsRejects("names longer than 50 characters"));`,
      `v.check(ok, "b", b, libraryNeeds("a Schedule"), "e.g. Schedule.daily(5)");`,
      `v.required("c", c, providerRejects("a missing value"));`,
      `v.check(ok, "d", d, secureDefaultRule("encrypted-copies", "copies need a key"));`,
      `const rule = tagKeyRule(k);`,
      `v.check(rule === undefined, "e", e, rule ?? "");`,
      `v.check(false, "f", f, p.rule, p.fix);`,
      `v.matches("g", g, /x/, KMS_ALIAS_RULE);`,
      'v.check(ok, "h", h, `makes the name ${name}, and ${awsRejects("more than 50")}`);',
    ].join("\n");
    // when / then
    expect(scan(code)).toEqual([]);
  });

  test("reports the unattributed branch of a conditional rule", () => {
    // given
    const code = `v.check(ok, "a", a, both ? libraryNeeds("a or b, not both") : "needs a or b");`;
    // when
    const found = scan(code);
    // then
    expect(found.map((u) => u.text)).toEqual(['both ? libraryNeeds("a or b, not both") : "needs a or b"']);
    expect(scan(code.replace('"needs a or b"', 'libraryNeeds("a or b")'))).toEqual([]);
  });

  test("reports intInRange without its authority, and required with an unattributed rule", () => {
    // given
    const code = [`v.intInRange("n", n, 1, 10);`, `v.intInRange("m", m, 1, 10, "", "aws");`, `v.required("r", r, "is required");`].join("\n");
    // when
    const found = scan(code);
    // then
    expect(found.map((u) => [u.line, u.site])).toEqual([
      [1, ".intInRange(...) without its authority"],
      [3, ".required(...)"],
    ]);
  });

  test("reports ValidationError and formatProblem rules, and plain Error messages when asked", () => {
    // given
    const code = [
      `throw new ValidationError({ where, field: "x", value: 1, rule: "must be positive" });`,
      `formatProblem({ where, field: "rules", value: [], rule: awsRejects("a plan without rules") });`,
      `throw new Error("something broke");`,
    ].join("\n");
    // when / then
    expect(scan(code).map((u) => u.line)).toEqual([1, 3]);
    expect(scan(code, { plainErrors: false }).map((u) => u.line)).toEqual([1]);
  });

  test("accepts a call of a ...Rule function only when it is a known rule helper", () => {
    // given: a local function named like a rule helper, whose returns nobody checks
    const code = `v.check(ok, "a", a, myRule(a));`;
    // when / then
    expect(scan(code, { ruleHelpers: new Set(["tagKeyRule"]) }).map((u) => u.text)).toEqual(["myRule(a)"]);
    expect(scan(code, { ruleHelpers: new Set(["myRule"]) })).toEqual([]);
  });

  test("finds the rule helpers declared in the rules files", () => {
    // given
    const rules = [`export function tagKeyRule(k: string): string | undefined { return undefined; }`, `export const KMS_ALIAS_RULE = awsRejects("x");`];
    // when / then
    expect([...ruleHelperNames(rules)].sort()).toEqual(["KMS_ALIAS_RULE", "tagKeyRule"]);
  });

  test("reports a rule helper return that is not attributed, in a rules file", () => {
    // given
    const code = `export function fooRule(x: string): string | undefined {
      if (x === "") return undefined;
      return x.length > 3 ? awsRejects("long ones") : "too short";
    }`;
    // when / then
    expect(scan(code, { ruleHelperFile: true }).map((u) => u.site)).toEqual(["return of fooRule"]);
    expect(scan(code, { ruleHelperFile: false })).toEqual([]);
  });
});

describe("the attribution scan of config messages", () => {
  const scan = (code: string) => findUnattributed("sample.ts", code, { plainErrors: false, configMessages: true, ruleHelpers: new Set(["cronRule"]) });

  test("reports a ConfigProblem message worded by hand", () => {
    // given
    const code = `out.push({ checkClass: "lists", path, message: \`region \${r} is listed twice\` });`;
    // when
    const found = scan(code);
    // then
    expect(found).toEqual([{ file: "sample.ts", line: 1, site: "ConfigProblem message", text: "`region ${r} is listed twice`" }]);
  });

  test("accepts facts first and an attributed rule after, a rule helper's text and a relayed message", () => {
    // given
    const code = [
      `out.push({ checkClass: "lists", path, message: \`region \${r} is listed twice: \${libraryRejects("a region given twice")}\` });`,
      `const rule = cronRule(expression);`,
      `out.push({ checkClass: "schedules", path, message: rule });`,
      `out.push({ checkClass: "lifecycles", path, message: \`\${days} days: \${rule}\` });`,
      `return { ...problem, path, message: \`\${problem.message} (from the preset)\` };`,
      `out.push({ checkClass: "construct", path, message: \`cannot be built: \${formatFinding(p)}\` });`,
    ].join("\n");
    // when / then
    expect(scan(code)).toEqual([]);
  });

  test("reports refuse and issueIf messages, zod regex messages and addIssue messages worded by hand", () => {
    // given
    const code = [
      `refuse(ctx, "shape", "is only used with a profile", ["overrides"]);`,
      `issueIf(ctx, "tags", "is a tag the stacks set themselves", [k]);`,
      `const accountId = z.string().regex(/^\\d{12}$/, "must be a 12-digit AWS account ID");`,
      `ctx.addIssue({ code: "custom", path, message: "is required with rto" } as never);`,
      `refuse(ctx, "shape", libraryRejects("overrides without a profile"), ["overrides"]);`,
      `const name = z.string().regex(/^[a-z]+$/, awsRejects("names other than a-z"));`,
      `const bare = z.string().regex(/^[a-z]+$/);`,
    ].join("\n");
    // when
    const found = scan(code);
    // then
    expect(found.map((u) => [u.line, u.site])).toEqual([
      [1, "refuse(...)"],
      [2, "issueIf(...)"],
      [3, ".regex(pattern, message)"],
      [4, "ctx.addIssue({ message })"],
    ]);
  });

  test("relays the message parameter inside refuse, but only there", () => {
    // given
    const code = [
      `function refuse(ctx: Ctx, checkClass: string, message: string, path: PropertyKey[] = []): void {`,
      `  ctx.addIssue({ code: "custom", path, message, params: { checkClass } });`,
      `}`,
      `function other(ctx: Ctx, checkClass: string, message: string): void {`,
      `  ctx.addIssue({ code: "custom", message });`,
      `}`,
    ].join("\n");
    // when / then
    expect(scan(code).map((u) => u.line)).toEqual([5]);
  });

  test("leaves ConfigWarning literals (no checkClass) and construct scans alone", () => {
    // given
    const code = `out.push({ path, message: "is deprecated: rename it" });\nout.push({ checkClass: "lists", path, message: "x" });`;
    // when / then
    expect(scan(code).map((u) => u.line)).toEqual([2]);
    expect(findUnattributed("sample.ts", code, { plainErrors: false })).toEqual([]);
  });
});

describe("construct errors carry the right attribution (runtime)", () => {
  const env = { accountId: "111111111111", region: "us-east-1" };
  const accessPolicy = { breakGlassRoleArns: ["arn:aws:iam::111111111111:role/break-glass"] };

  test("an AWS name rule says AWS rejects it", () => {
    // given / when
    const message = errorOf(() => new BackupVault(testStack(), "Vault", { vaultName: "bad name!", env, accessPolicy }));
    // then
    expect(message).toContain('vaultName = "bad name!": AWS rejects vault names other than 2-50 letters, digits, hyphens and underscores');
  });

  test("an AWS bound of a lifecycle says AWS rejects it", () => {
    // given / when
    const problems = problemsOf(
      () => new BackupRule({ ruleName: "daily", targetVault: primary, schedule: Schedule.daily(5), lifecycle: { deleteAfter: Retention.days(40000) } }),
    );
    // then
    expect(problems.map((p) => ruleAuthorityOf(p.rule))).toEqual(["aws"]);
    expect(problems[0].rule).toMatch(/^AWS rejects retentions outside 1 to 36500 days/);
  });

  test("a secure default names itself and its opt-out, not AWS", () => {
    // given
    const awsManaged = { keyArn: "arn:aws:kms:us-east-1:111111111111:key/0b3c9b3e-1111-4222-8333-444455556666", customerManaged: false };
    // when
    const problems = problemsOf(() => new BackupVault(testStack(), "Vault", { vaultName: "primary", env, accessPolicy, encryptionKey: awsManaged }));
    // then
    expect(problems.map((p) => ruleAuthorityOf(p.rule))).toEqual(["secure-default"]);
    expect(problems[0].rule).toContain('(this project\'s secure default "customer-managed-keys", not an AWS rule: opt out with allowAwsManagedKey: true');
  });

  test("a type this library's API needs says it is this library's", () => {
    // given / when
    const message = errorOf(() => new BackupRule({ ruleName: "daily", targetVault: primary, schedule: "cron(0 5 ? * * *)" as unknown as Schedule }));
    // then
    expect(message).toContain('rule.schedule = "cron(0 5 ? * * *)": this library needs a Schedule. Fix: e.g. Schedule.daily(5, 0)');
  });

  test("a rule of the AWS provider says the provider rejects it", () => {
    // given
    const stack = testStack();
    const plan = new RestoreTestingPlan(stack, "Plan", {
      planName: "weekly",
      schedule: Schedule.weekly("SAT", 6),
      recoveryPointSelection: { includeVaults: [primary] },
    });
    // when
    const problems = problemsOf(
      () =>
        new RestoreTestingSelection(stack, "Ebs", {
          selectionName: "ebs",
          plan,
          protectedResourceType: "EBS",
          role: ROLE_ARN,
          protectedResourceArns: ["arn:aws:ec2:us-east-1:111111111111:volume/vol-1"],
          protectedResourceConditions: {},
        }),
    );
    // then
    expect(problems.map((p) => ruleAuthorityOf(p.rule))).toEqual(["provider"]);
    expect(problems[0].rule).toMatch(/^the AWS provider rejects protectedResourceArns together with protectedResourceConditions/);
  });

  test("a parameter the provider silently drops says the provider ignores it", () => {
    // given / when
    const problems = problemsOf(
      () =>
        new SnapshotPolicy(testStack(), "Policy", {
          description: "daily",
          executionRole: "arn:aws:iam::111111111111:role/dlm",
          resourceType: "VOLUME",
          targetTags: { Backup: "daily" },
          noReboot: true,
          schedules: [],
        } as never),
    );
    // then
    const rules = problems.map((p) => p.rule);
    expect(rules).toEqual(expect.arrayContaining([expect.stringMatching(/^the AWS provider ignores no_reboot on snapshot policies/)]));
    expect(problems.every((p) => ruleAuthorityOf(p.rule) !== undefined)).toBe(true);
  });

  test("Validator.intInRange and required word their rules with the authority", () => {
    // given
    const v = new Validator("Sample");
    // when
    v.intInRange("aws", 0, 1, 35, "days").intInRange("ours", 9, 1, 5, "", "library").required("name", undefined);
    // then
    const problems = problemsOf(() => v.throwIfAny());
    expect(problems.map((p) => p.rule)).toEqual([
      "AWS rejects anything but a whole number from 1 to 35 days",
      "this library rejects anything but a whole number from 1 to 5",
      "this library needs a value here",
    ]);
  });
});
