/**
 * dr-report.json, dr-report.md and flows.json are written piece by piece; they must hold exactly the bytes of the
 * whole strings they were written from before: JSON.stringify of the report (pretty) and of the flows (compact), and
 * renderMarkdown with the pending flow proofs section put in by withFlowProofsSection.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { generateRollout } from "../../../bench/rollout-generator";
import { parseRollout } from "../../../stacks/config/load";
import { rolloutFlows } from "../../../stacks/flows/flows";
import { buildRolloutModel, RolloutModel } from "../../../stacks/model/model";
import { buildDrReport, DrReport } from "../../../stacks/report/dr-report";
import { FLOW_PROOFS_BEGIN, pendingFlowProofsSection, withFlowProofsSection } from "../../../stacks/report/flow-proofs";
import { renderMarkdown, writeDrReport, writeDrReportMarkdown } from "../../../stacks/report/render";
import { writeReportAndFlows } from "../../../stacks/synth/synthesize";
import { rawRollout, rollout } from "../../rollout-helpers";

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "report-files-"));
}

const read = (dir: string, file: string) => fs.readFileSync(path.join(dir, file), "utf8");

const models: [string, () => RolloutModel][] = [
  ["default", () => buildRolloutModel(rollout(rawRollout("default")))],
  ["reference", () => buildRolloutModel(rollout(rawRollout("reference")))],
  ["govcloud", () => buildRolloutModel(rollout(rawRollout("govcloud")))],
  ["generated 12-member", () => buildRolloutModel(parseRollout(generateRollout(12), "generated rollout"))],
];

describe("the files beside the stacks, written piece by piece", () => {
  test.each(models)(
    "given the %s rollout, when its report and flows are written, then each file is byte-identical to its whole-string rendering",
    (_name, model) => {
      // given
      const m = model();
      const report = buildDrReport(m);
      const flows = rolloutFlows(m);
      const dir = tempDir();
      // when
      writeReportAndFlows(dir, m);
      // then
      expect(read(dir, "dr-report.json")).toBe(`${JSON.stringify(report, null, 2)}\n`);
      expect(read(dir, "flows.json")).toBe(`${JSON.stringify(flows)}\n`);
      expect(read(dir, "dr-report.md")).toBe(withFlowProofsSection(renderMarkdown(report), pendingFlowProofsSection(flows)));
    },
  );

  test("given a report, when written without a flow proofs section (backup-dr report), then dr-report.md is renderMarkdown's text and dr-report.json JSON.stringify's", () => {
    // given
    const report = buildDrReport(buildRolloutModel(rollout(rawRollout("reference"))));
    const dir = tempDir();
    // when
    writeDrReport(dir, report);
    // then
    expect(read(dir, "dr-report.md")).toBe(renderMarkdown(report));
    expect(read(dir, "dr-report.json")).toBe(`${JSON.stringify(report, null, 2)}\n`);
  });

  test("given a report whose own text holds the flow proofs marker, when written with the section, then the file is what withFlowProofsSection makes of it", () => {
    // given: the marker and its end inside the report's text, which withFlowProofsSection takes for a section to replace
    const report = buildDrReport(buildRolloutModel(rollout(rawRollout("default")))) as { -readonly [K in keyof DrReport]: DrReport[K] };
    report.rollout = `x ${FLOW_PROOFS_BEGIN} y <!-- /flow-proofs --> z`;
    const section = pendingFlowProofsSection({ rollout: "x", partition: "aws", flows: [], external: {} });
    const file = path.join(tempDir(), "dr-report.md");
    // when
    writeDrReportMarkdown(file, report, section);
    // then
    const expected = withFlowProofsSection(renderMarkdown(report), section);
    expect(expected).not.toContain(" y ");
    expect(fs.readFileSync(file, "utf8")).toBe(expected);
  });
});
