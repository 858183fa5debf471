// Loads TypeScript sources in a synth worker started from sources (ts-node, jest): a plain transpile with swc, which
// is what `ts-node --swc` does in the parent, without ts-node's start-up cost in every worker. The published package
// runs compiled JavaScript and never loads this file.
const fs = require("node:fs");
const swc = require("@swc/core");

require.extensions[".ts"] = function compileTypeScript(module, filename) {
  const { code } = swc.transformSync(fs.readFileSync(filename, "utf8"), {
    filename,
    sourceMaps: "inline",
    module: { type: "commonjs" },
    jsc: { parser: { syntax: "typescript" }, target: "es2022" },
  });
  module._compile(code, filename);
};
