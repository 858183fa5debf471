import type { IConstruct } from "constructs";
import { stackDocumentInternals, TerraformElement, TerraformOutput, TerraformStack } from "../cdktf";

/** The Terraform elements of a stack in the core's order: depth first, the stack's own children, never a nested stack's. */
function elementsOf(node: IConstruct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(node)) into.push(node);
  for (const child of node.node.children) if (!TerraformStack.isStack(child)) elementsOf(child, into);
  return into;
}

/**
 * A stack's Terraform JSON document, as the core's `TerraformStack.toTerraform()` makes it, with every element resolved
 * once. The core resolves each element, merges them, and then resolves the whole merged document a second time, which
 * changes nothing that was already resolved and costs about a tenth of an organization's synth. Here only what was not
 * resolved yet is resolved: the `//` metadata and the parts the stack's own overrides touch. Tests compare the result
 * byte for byte with the core's on the reference rollouts.
 *
 * Returns undefined when the core's private helpers are not where this version expects them; the caller then uses the
 * core's own path.
 */
export function stackDocument(stack: TerraformStack): Record<string, unknown> | undefined {
  const core = stackDocumentInternals();
  if (!core) return undefined;
  // Private in the core's types, read as the core reads them.
  const own = stack as unknown as { readonly rawOverrides: Record<string, unknown>; readonly cdktfVersion: string };
  const overrides = own.rawOverrides;
  const metadata: Record<string, unknown> = {
    version: own.cdktfVersion,
    stackName: stack.node.id,
    backend: "local",
    cloud: undefined,
    ...(Object.keys(overrides).length > 0 ? { overrides: { stack: Object.keys(overrides) } } : {}),
  };
  const elements = elementsOf(stack);
  for (const meta of elements.map((e) => core.resolve(stack, e.toMetadata()))) core.deepMerge(metadata, meta);
  const outputs: Record<string, unknown> = {};
  for (const item of elements) {
    if (!TerraformOutput.isTerraformOutput(item)) continue;
    const nested = item.node.path
      .split("/")
      .reduceRight<Record<string, unknown>>((inner, part) => ({ [part]: Object.keys(inner).length === 0 ? item.friendlyUniqueId : inner }), {});
    core.deepMerge(outputs, nested);
  }
  const tf: Record<string, unknown> = { "//": { metadata, outputs } };
  for (const fragment of elements.map((e) => core.resolve(stack, e.toTerraform()))) core.deepMerge(tf, fragment);
  core.deepMerge(tf, overrides);
  // What the core's second pass would still change: the metadata, and the top-level blocks the overrides reached.
  for (const key of ["//", ...Object.keys(overrides)]) {
    if (!(key in tf)) continue;
    const resolved = core.resolve(stack, tf[key]);
    if (resolved === undefined) delete tf[key];
    else tf[key] = resolved;
  }
  return tf;
}
