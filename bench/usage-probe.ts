/**
 * Preloaded into each measured synth (`node --require usage-probe.js ...`): when the process exits, appends its peak
 * resident set size to the file named by BENCH_USAGE_FILE, one JSON line per process.
 */
import * as fs from "node:fs";

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on("exit", (code) => {
    fs.appendFileSync(file, `${JSON.stringify({ pid: process.pid, code, maxRssKb: process.resourceUsage().maxRSS })}\n`);
  });
}
