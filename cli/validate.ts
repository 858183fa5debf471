/**
 * npm run validate [-- <synth output dir>] [--no-plan] [--stack <name>]...
 * Validates and plans, offline, every stack of a synth output (default: cdktf.out) with the local provider mirror.
 */
import * as os from "node:os";
import { HarnessSetupError, checkSynthOutput, explain } from "./harness/terraform-harness";

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const stacks: string[] = [];
  let outDir = "cdktf.out";
  let plan = true;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--no-plan") plan = false;
    else if (args[i] === "--stack") stacks.push(args[++i]);
    else outDir = args[i];
  }
  const started = Date.now();
  console.log(`Checking ${outDir} with terraform validate${plan ? " and an offline plan" : ""}, ${os.cpus().length} at a time`);
  const results = await checkSynthOutput(outDir, { plan, showPlans: false, stacks: stacks.length ? stacks : undefined, onProgress: (l) => console.log(l) });
  const failed = results.filter((r) => !r.ok);
  for (const r of failed) console.error(explain(r));
  const planned = results.filter((r) => r.planned).length;
  const validateOnly = results.filter((r) => r.ok && !r.planned).length;
  console.log(
    `${results.length} stacks: ${results.length - failed.length} passed, ${failed.length} failed; ${planned} planned, ${validateOnly} validated only [${((Date.now() - started) / 1000).toFixed(1)}s]`,
  );
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof HarnessSetupError ? `error: ${err.message}` : err);
    process.exit(2);
  },
);
