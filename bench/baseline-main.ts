/**
 * Entry point of the baseline app: `node baseline-main.js <rollout.json>` synthesizes it to CDKTF_OUTDIR (default
 * cdktf.out), like main.ts does for the rollout, minus the config schema, checks, model, modules and report.
 */
import * as fs from "node:fs";
import { App, skipTokenCreationStacks } from "../modules/core/cdktf";
import type { RolloutInput } from "../stacks/config/schema";
import { buildBaselineApp } from "./baseline-app";

const file = process.argv[2] ?? process.env.ROLLOUT_CONFIG;
if (!file) {
  console.error("usage: baseline-main <rollout.json>");
  process.exit(2);
}
const config = JSON.parse(fs.readFileSync(file, "utf8")) as RolloutInput;
skipTokenCreationStacks();
const app = new App();
buildBaselineApp(app, config);
app.synth();
