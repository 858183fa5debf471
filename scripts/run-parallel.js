// Runs npm scripts side by side, as many at a time as the machine has cores, and fails when any of them fails.
// `npm test` runs its checks this way: each of them (ESLint, prettier, the type-check, the API report) keeps one core
// busy for a quarter of a minute, and one after the other they took a minute before the first test started.
//   node scripts/run-parallel.js <npm script> [<npm script> ...]
// Each script's output is printed whole when it ends (not interleaved), under a line naming it.
"use strict";
const { spawn } = require("node:child_process");
const os = require("node:os");

const names = process.argv.slice(2);
if (names.length === 0) {
  console.error("usage: node scripts/run-parallel.js <npm script> [<npm script> ...]");
  process.exit(2);
}
const npm = process.env.npm_execpath;
const slots = Math.max(1, os.availableParallelism());

/** Runs `npm run <name>`, collecting stdout and stderr together; resolves with the exit code and the output. */
function run(name) {
  const started = Date.now();
  // npm sets npm_execpath for the scripts it runs; outside npm, `npm` on PATH does the same.
  const child = npm ? spawn(process.execPath, [npm, "run", name]) : spawn("npm", ["run", name]);
  const chunks = [];
  child.stdout.on("data", (c) => chunks.push(c));
  child.stderr.on("data", (c) => chunks.push(c));
  return new Promise((resolve) => {
    child.on("error", (err) => resolve({ name, code: 1, output: `${err.message}\n`, seconds: 0 }));
    child.on("close", (code, signal) =>
      resolve({ name, code: code ?? (signal ? 1 : 0), output: Buffer.concat(chunks).toString(), seconds: (Date.now() - started) / 1000 }),
    );
  });
}

async function main() {
  const queue = [...names];
  const failed = [];
  const worker = async () => {
    for (let name = queue.shift(); name !== undefined; name = queue.shift()) {
      const r = await run(name);
      process.stdout.write(`\n> npm run ${r.name} (${r.code === 0 ? "passed" : `FAILED, exit ${r.code}`}, ${r.seconds.toFixed(1)} s)\n${r.output}`);
      if (r.code !== 0) failed.push(r.name);
    }
  };
  await Promise.all(Array.from({ length: Math.min(slots, names.length) }, worker));
  if (failed.length > 0) {
    console.error(`\nfailed: ${failed.map((n) => `npm run ${n}`).join(", ")}`);
    process.exit(1);
  }
}

main();
