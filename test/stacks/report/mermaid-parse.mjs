// Parses Mermaid diagram text (stdin) with Mermaid's own parser and prints the diagram type, or the parse error and
// exit code 1. A separate Node process: mermaid is an ES module that needs a DOM (jsdom) even to parse.
import { JSDOM } from "jsdom";

const dom = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");

let text = "";
for await (const chunk of process.stdin) text += chunk;
try {
  const result = await mermaid.parse(text);
  process.stdout.write(JSON.stringify(result));
} catch (e) {
  process.stderr.write(String(e?.message ?? e));
  process.exit(1);
}
