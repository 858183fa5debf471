import { Diagnostic, StackCheck, checkSynthOutput } from "../../cli/harness/terraform-harness";
import { rawRollout, rollout, synthRollout } from "../rollout-helpers";

/** What a validate found, independent of the order terraform printed it in and of timing. */
function findings(r: StackCheck) {
  const key = (d: Diagnostic) => `${d.severity}|${d.summary}|${d.detail ?? ""}|${d.range ? `${d.range.filename}:${d.range.start.line}` : ""}`;
  return { stack: r.stack, ok: r.ok, sixOnly: r.sixOnly, tolerated: r.tolerated.map(key).sort(), diagnostics: r.diagnostics.map(key).sort(), error: r.error };
}

describe("validation against one shared provider process", () => {
  test("finds exactly what validation with a provider per terraform process finds, 6.x-only diagnostics included", async () => {
    // given: the default rollout, whose member stacks use DLM attributes the local 5.x provider rejects
    const out = synthRollout(rollout(rawRollout("default")));
    const stacks = ["central-backup", "member-payments"];
    const warn = jest.spyOn(console, "warn");

    // when
    const shared = await checkSynthOutput(out, { plan: false, stacks, sharedProvider: true });
    const own = await checkSynthOutput(out, { plan: false, stacks, sharedProvider: false });

    // then: the shared provider started (no fallback warning) and the findings are the same
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
    expect(shared.map(findings)).toEqual(own.map(findings));
    expect(shared.find((r) => r.stack === "member-payments")!.sixOnly.length).toBeGreaterThan(0);
    expect(shared.every((r) => r.ok)).toBe(true);
  });
});
