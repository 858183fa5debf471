import { buildRolloutModel } from "../../../stacks/model/model";
import { buildDrReport, DrReport } from "../../../stacks/report/dr-report";
import { renderMarkdown } from "../../../stacks/report/render";
import { rawRollout, rollout } from "../../rollout-helpers";

function reportOf(raw: unknown): DrReport {
  return buildDrReport(buildRolloutModel(rollout(raw)));
}

describe("DR report: encryption on the run-time paths", () => {
  test("says per tag with central copies which types can be copied and what blocks the rest, with the fix", () => {
    // given / when
    const report = reportOf(rawRollout());
    // then
    const withCentral = report.accounts.flatMap((a) => a.entries).filter((e) => e.copyAccounts.length > 0);
    expect(withCentral.length).toBeGreaterThan(0);
    for (const e of withCentral) {
      expect(e.crossAccountCopy?.copyable.join(" ")).toContain("alias/example-org-workloads");
      expect(e.crossAccountCopy?.blocked[0]).toMatchObject({ what: expect.stringContaining("AWS-managed key"), fix: expect.stringContaining("re-encrypt") });
    }
  });

  test("names the missing EBS default key as a blocker when it is turned off", () => {
    // given
    const raw = rawRollout();
    raw.members[0].workloadKeys = { ebsDefault: false };
    // when
    const report = reportOf(raw);
    // then
    const e = report.accounts[0].entries.find((x) => x.crossAccountCopy)!;
    expect(e.crossAccountCopy!.blocked.map((b) => b.fix)).toContain(
      "set members[].workloadKeys.ebsDefault to true, or create volumes with alias/example-org-workloads",
    );
  });

  test("says who could still make locked central copies unreadable", () => {
    // given / when
    const report = reportOf(rawRollout());
    // then
    expect(report.centralBackup.keyCustody[0]).toMatchObject({
      canDeleteOrDisable: ["arn:aws:iam::222222222222:role/BackupBreakGlass"],
      canChangePolicy: ["arn:aws:iam::222222222222:role/BackupBreakGlass", "arn:aws:iam::222222222222:role/BackupDrDeploy"],
    });
    expect(renderMarkdown(report)).toContain("Who could still make locked copies unreadable");
  });
});
