import * as fs from "node:fs";
import * as path from "node:path";
import { Construct } from "constructs";
import { Addressing } from "../../modules/core";
import { BackupVault, BackupVaultProps } from "../../modules/backup";
import { errorOf, synthJson, testStack } from "../helpers";
import { REFERENCE_ROLLOUTS, rawRollout, readStacks, rollout, synthRollout } from "../rollout-helpers";

const LISTS = path.join(__dirname, "addresses");

/** Every resource address of every stack of a synth output, as `<stack> <type>.<name>` lines, sorted. */
function addressLines(outDir: string): string[] {
  const lines: string[] = [];
  for (const [stack, cfg] of Object.entries(readStacks(outDir))) {
    for (const [type, byName] of Object.entries((cfg.resource ?? {}) as Record<string, Record<string, unknown>>)) {
      for (const name of Object.keys(byName)) lines.push(`${stack} ${type}.${name}`);
    }
  }
  return lines.sort();
}

function changeMessage(rollout: string, file: string, removed: string[], added: string[]): string {
  return [
    `The resource addresses of the ${rollout} rollout changed (${path.relative(process.cwd(), file)}).`,
    ...removed.map((a) => `  - ${a}`),
    ...added.map((a) => `  + ${a}`),
    "",
    "Every existing deployment holds these addresses in its state. A removed address is a resource Terraform destroys;",
    "a renamed one is destroyed and created again: for a vault, lock, key or selection that is lost protection or a",
    "failed apply (a vault that holds recovery points cannot be deleted).",
    "Before accepting this change:",
    "  1. run `npm run upgrade-check -- <last release tag>` to see what an upgrade would destroy or replace;",
    "  2. keep the old address (undo the rename, Addressing.transparent for a new grouping scope, overrideLogicalId),",
    '     or move state: resource.moveFromId("<type>.<old name>") / a `moved { from = ... to = ... }` block;',
    "  3. then update the list: UPDATE_ADDRESSES=1 npx jest test/snapshot/addresses.test.ts",
    'See README.md, "Reading a snapshot diff".',
  ].join("\n");
}

describe("resource addresses of the reference rollouts", () => {
  for (const name of Object.keys(REFERENCE_ROLLOUTS) as Array<keyof typeof REFERENCE_ROLLOUTS>) {
    test(`${name} rollout: the addresses are the checked-in list (test/snapshot/addresses/${name}.txt)`, () => {
      // given
      const file = path.join(LISTS, `${name}.txt`);
      // when
      const actual = addressLines(synthRollout(rollout(rawRollout(name))));
      // then
      if (process.env.UPDATE_ADDRESSES === "1") {
        fs.writeFileSync(file, `${actual.join("\n")}\n`);
        return;
      }
      if (!fs.existsSync(file)) throw new Error(`${file} does not exist: write it with UPDATE_ADDRESSES=1 npx jest test/snapshot/addresses.test.ts`);
      const expected = fs
        .readFileSync(file, "utf8")
        .split("\n")
        .filter((l) => l.trim() !== "");
      expect(actual.length).toBeGreaterThan(0);
      const removed = expected.filter((a) => !actual.includes(a));
      const added = actual.filter((a) => !expected.includes(a));
      if (removed.length > 0 || added.length > 0) throw new Error(changeMessage(name, file, removed, added));
      expect(actual).toEqual(expected);
    });
  }
});

describe("addresses do not depend on internal nesting", () => {
  const vaultProps: BackupVaultProps = {
    vaultName: "nesting-test",
    env: { accountId: "111111111111", region: "us-east-1" },
    accessPolicy: { breakGlassRoleArns: ["arn:aws:iam::111111111111:role/break-glass"] },
    lock: { mode: "governance", minRetentionDays: 7, maxRetentionDays: 35 },
  };

  function addresses(build: (scope: Construct) => void): string[] {
    const stack = testStack();
    build(stack);
    const res = synthJson(stack).resource ?? {};
    return Object.entries(res)
      .flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`))
      .sort();
  }

  test("a vault inside a transparent grouping scope keeps the addresses it has directly in the stack", () => {
    // given
    const direct = addresses((stack) => new BackupVault(stack, "Vault", vaultProps));
    // when
    const grouped = addresses((stack) => {
      const outer = Addressing.transparent(new Construct(stack, "RegionalVaults"));
      const inner = Addressing.transparent(new Construct(outer, "Internal"));
      new BackupVault(inner, "Vault", vaultProps);
    });
    // then
    expect(direct).toContain("aws_backup_vault.Vault");
    expect(direct).toContain("aws_kms_key.Vault_Key");
    expect(direct).toContain("aws_backup_vault_lock_configuration.Vault_Lock");
    expect(grouped).toEqual(direct);
  });

  test("a scope that is not marked transparent is part of the address", () => {
    const grouped = addresses((stack) => new BackupVault(new Construct(stack, "RegionalVaults"), "Vault", vaultProps));
    expect(grouped).toContain("aws_backup_vault.RegionalVaults_Vault");
  });

  test("two resources that a transparent scope would give one address are refused, naming both paths", () => {
    const message = errorOf(() =>
      addresses((stack) => {
        new BackupVault(stack, "Vault", vaultProps);
        new BackupVault(Addressing.transparent(new Construct(stack, "Group")), "Vault", { ...vaultProps, vaultName: "other" });
      }),
    );
    expect(message).toContain('"Vault/Key/Resource" and "Group/Vault/Key/Resource" would both get the Terraform address "Vault_Key"');
  });
});
