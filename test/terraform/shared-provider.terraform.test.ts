import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Diagnostic, StackCheck, checkSynthOutput } from "../../cli/harness/terraform-harness";
import { rawRollout, rollout, synthRollout } from "../rollout-helpers";

/** What a validate found, independent of the order terraform printed it in and of timing. */
function findings(r: StackCheck) {
  const key = (d: Diagnostic) => `${d.severity}|${d.summary}|${d.detail ?? ""}|${d.range ? `${d.range.filename}:${d.range.start.line}` : ""}`;
  return { stack: r.stack, ok: r.ok, sixOnly: r.sixOnly, tolerated: r.tolerated.map(key).sort(), diagnostics: r.diagnostics.map(key).sort(), error: r.error };
}

/** The default rollout's synth output, made once for the file. */
let synthesized: string | undefined;
const defaultOut = (): string => (synthesized ??= synthRollout(rollout(rawRollout("default"))));

describe("validation against one shared provider process", () => {
  test("finds exactly what validation with a provider per terraform process finds, 6.x-only diagnostics included", async () => {
    // given: the default rollout, whose member stacks use DLM attributes the local 5.x provider rejects
    const out = defaultOut();
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

/** A plan read back, without its time stamp and with the one list terraform prints in no fixed order sorted. */
function comparable(plan: unknown): unknown {
  const p = plan as { relevant_attributes?: unknown[]; timestamp?: string };
  return { ...p, timestamp: undefined, relevant_attributes: (p.relevant_attributes ?? []).map((a) => JSON.stringify(a)).sort() };
}

describe("reading plans back against the shared provider", () => {
  test("terraform show runs against the shared provider, plan does not, and the plan read back is the same", async () => {
    // given: a terraform wrapper that records, per command, whether it was pointed at a running provider
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shared-show-"));
    const log = path.join(dir, "commands.log");
    const wrapper = path.join(dir, "terraform");
    fs.writeFileSync(wrapper, `#!/bin/sh\necho "$1 \${TF_REATTACH_PROVIDERS:+reattached}" >> "${log}"\nexec terraform "$@"\n`, { mode: 0o755 });
    const out = defaultOut();
    const stacks = ["management"];
    const previous = process.env.TERRAFORM_BINARY;
    process.env.TERRAFORM_BINARY = wrapper;
    let shared: StackCheck[];
    try {
      // when
      shared = await checkSynthOutput(out, { stacks, validate: false, sharedProvider: true });
    } finally {
      if (previous === undefined) delete process.env.TERRAFORM_BINARY;
      else process.env.TERRAFORM_BINARY = previous;
    }
    const own = await checkSynthOutput(out, { stacks, validate: false, sharedProvider: false });

    // then
    const commands = fs.readFileSync(log, "utf8").trim().split("\n");
    expect(commands.filter((c) => /^(plan|show) /.test(c))).toEqual(["plan ", "show reattached"]);
    expect(shared[0].planned).toBe(true);
    expect(comparable(shared[0].plan)).toEqual(comparable(own[0].plan));
  });
});
