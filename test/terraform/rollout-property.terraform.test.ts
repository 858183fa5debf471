/** A sample of the generated rollout configs of the property test, through terraform validate. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { checkSynthOutput, explain } from "../../cli/harness/terraform-harness";
import { App } from "../../modules/core/cdktf";
import { parseRollout } from "../../stacks/config/load";
import { buildCheckedRollout } from "../../stacks/synth/synthesize";
import { SEED, outcomeOf, validRollout } from "../stacks/config/rollout-arbitraries";

describe("generated rollout configs with real terraform", () => {
  test("a sample of two accepted generated configs passes terraform validate", async () => {
    // given: the first two generated configs that the checks accept
    const accepted: unknown[] = [];
    for (const raw of fc.sample(validRollout, { seed: SEED, numRuns: 60 })) {
      if (accepted.length === 2) break;
      if (outcomeOf(raw).built) accepted.push(raw);
    }
    expect(accepted).toHaveLength(2);
    for (const raw of accepted) {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "rollout-property-tf-"));
      const app = new App({ outdir });
      buildCheckedRollout(app, parseRollout(raw, "generated.json", { onWarning: () => undefined }));
      app.synth();
      // when
      const results = await checkSynthOutput(outdir, { plan: false });
      // then
      expect(results.length).toBeGreaterThan(2);
      for (const r of results) expect(r.ok ? "" : `seed ${SEED}: ${explain(r)}`).toBe("");
    }
  });
});
