// The public API report: builds the package's declarations (tsconfig.build.json, so @internal members are stripped as
// in the published package) and lets API Extractor describe what index.ts exports.
//   node api/extract.js           check: fails when the API differs from api/backup-dr.api.md
//   node api/extract.js --local   update api/backup-dr.api.md
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { Extractor, ExtractorConfig } = require("@microsoft/api-extractor");

const root = path.join(__dirname, "..");
const report = "api/backup-dr.api.md";
const local = process.argv.includes("--local");

// Declarations of deleted or moved sources must not linger from an earlier run.
fs.rmSync(path.join(root, "temp", "api"), { recursive: true, force: true });
const tsc = require.resolve("typescript/bin/tsc");
const build = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--emitDeclarationOnly", "--outDir", "temp/api/dts"], {
  cwd: root,
  stdio: "inherit",
});
if (build.status !== 0) process.exit(build.status ?? 1);

const config = ExtractorConfig.loadFileAndPrepare(path.join(__dirname, "api-extractor.json"));
const result = Extractor.invoke(config, {
  localBuild: local,
  // The analysis reads the project's TypeScript lib typings, not those of the version API Extractor bundles.
  typescriptCompilerFolder: path.dirname(require.resolve("typescript/package.json")),
  printApiReportDiff: !local,
  messageCallback(message) {
    // API Extractor analyses the emitted .d.ts files with the TypeScript engine it bundles, and its preamble says so on
    // every run; its advice on a changed report is replaced by the one below.
    if (message.messageId === "console-preamble" || message.messageId === "console-api-report-not-copied") message.handled = true;
  },
});

if (local) {
  console.log(result.apiReportChanged ? `${report} updated: commit it with the change to the API.` : `${report} is up to date.`);
  process.exit(result.succeeded ? 0 : 1);
}
if (result.apiReportChanged) {
  console.error(`\nThe public API differs from ${report} (diff above). If the change is intended, run \`npm run api\` and commit ${report} with it.`);
  process.exit(1);
}
if (!result.succeeded) {
  console.error(`\nAPI Extractor reported ${result.errorCount} error(s) and ${result.warningCount} warning(s); see above.`);
  process.exit(1);
}
console.log(`The public API matches ${report}.`);
