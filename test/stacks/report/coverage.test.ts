import { buildRolloutModel } from "../../../stacks/model/model";
import { buildDrReport } from "../../../stacks/report/dr-report";
import { renderMarkdown } from "../../../stacks/report/render";
import { rawRollout, rollout } from "../../rollout-helpers";

function reportOf(name: "default" | "reference", change?: (raw: any) => void) {
  const raw = rawRollout(name);
  change?.(raw);
  return buildDrReport(buildRolloutModel(rollout(raw)));
}

describe("DR report coverage", () => {
  test("lists every account the rollout knows, management and central included, in each of its regions", () => {
    // given / when
    const report = reportOf("default");
    // then
    expect(report.coverage.map((c) => `${c.role} ${c.accountId} ${c.region}`)).toEqual([
      "management 111111111111 us-east-1",
      "central-backup 222222222222 us-east-1",
      "central-backup 222222222222 us-west-2",
      "member 333333333333 us-east-1",
      "member 333333333333 us-west-2",
      "member 444444444444 us-east-1",
      "member 444444444444 us-west-2",
    ]);
  });

  test("the management account is shown as not protected, with the reason", () => {
    // given / when
    const management = reportOf("default").coverage.find((c) => c.role === "management")!;
    // then
    expect(management.protected).toBe(false);
    expect(management.mechanisms).toEqual([]);
    expect(management.note).toContain("no protection policy applies to the management account");
  });

  test("a member region names the mechanisms that protect it", () => {
    // given / when
    const web = reportOf("reference").coverage.find((c) => c.account === "web" && c.region === "eu-central-1")!;
    // then
    expect(web.protected).toBe(true);
    expect(web.mechanisms).toEqual(["AWS Backup (databases, member stack)", "DLM snapshots (volumes)"]);
  });

  test("a member no policy protects stands out as not protected, in the summary and the Markdown", () => {
    // given: batch applies no protection policy
    const report = reportOf("reference", (raw) => (raw.members.find((m: any) => m.name === "batch").protection = []));
    // when
    const batch = report.coverage.filter((c) => c.account === "batch");
    const markdown = renderMarkdown(report);
    // then
    expect(batch.map((c) => [c.region, c.protected, c.note])).toEqual([
      ["eu-central-1", false, "no protection policy is applied in this account"],
      ["eu-west-1", false, "no protection policy is applied in this account"],
    ]);
    expect(report.summary.unprotected).toEqual(["batch eu-central-1", "batch eu-west-1"]);
    expect(markdown).toContain("| batch (member) | 100000000012 | eu-central-1 | **not protected** |");
    expect(markdown).toContain("Member accounts and regions with no protection: **batch eu-central-1, batch eu-west-1**.");
  });

  test("a rollout that protects every member region reports no unprotected member", () => {
    expect(reportOf("default").summary.unprotected).toEqual([]);
  });
});
