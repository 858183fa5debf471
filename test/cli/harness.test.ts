import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Diagnostic, HarnessSetupError, PROVIDER_6X_ONLY_ATTRIBUTES, classifyDiagnostics, prepareTerraform } from "../../cli/harness/terraform-harness";

const extraneous = (name: string): Diagnostic => ({
  severity: "error",
  summary: "Extraneous JSON object property",
  detail: `No argument or block type is named "${name}".`,
});

describe("terraform harness diagnostics", () => {
  test("tolerates an unsupported argument named in the 6.x-only list", () => {
    const { tolerated, other, sixOnly } = classifyDiagnostics([extraneous("target_region")]);
    expect(tolerated).toHaveLength(1);
    expect(other).toHaveLength(0);
    expect(sixOnly).toEqual(["target_region"]);
  });

  test("tolerates the missing `target` that follows from target_region, and only then", () => {
    const missing: Diagnostic = {
      severity: "error",
      summary: "Missing required argument",
      detail: 'The argument "target" is required, but no definition was found.',
    };
    expect(classifyDiagnostics([extraneous("target_region"), missing]).other).toHaveLength(0);
    expect(classifyDiagnostics([missing]).other).toEqual([missing]);
  });

  test("does not tolerate an unsupported argument outside the list", () => {
    const d = extraneous("vault_name_typo");
    expect(classifyDiagnostics([d]).other).toEqual([d]);
  });

  test("does not tolerate other errors that mention a listed name", () => {
    const d: Diagnostic = { severity: "error", summary: "Invalid value", detail: 'No argument or block type is named "target_region".' };
    expect(classifyDiagnostics([d]).other).toEqual([d]);
  });

  test("keeps the 6.x-only list free of arguments that 5.x also has", () => {
    expect(PROVIDER_6X_ONLY_ATTRIBUTES).not.toContain("target");
    expect(new Set(PROVIDER_6X_ONLY_ATTRIBUTES).size).toBe(PROVIDER_6X_ONLY_ATTRIBUTES.length);
  });
});

describe("terraform harness setup", () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  test("fails, saying what to install, when terraform is missing", async () => {
    process.env.TERRAFORM_BINARY = "/nonexistent/terraform";
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "harness-"));
    await expect(prepareTerraform(dir)).rejects.toThrow(HarnessSetupError);
    await expect(prepareTerraform(dir)).rejects.toThrow(/Terraform is not available.*Install Terraform 1\.11\.x on PATH or set TERRAFORM_BINARY/);
  });

  test("fails, saying what to set, when the provider mirror is missing", async () => {
    process.env.TF_PROVIDER_MIRROR = fs.mkdtempSync(path.join(os.tmpdir(), "empty-mirror-"));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "harness-"));
    await expect(prepareTerraform(dir)).rejects.toThrow(/AWS provider 5\.100\.0 is not in the provider mirror.*set TF_PROVIDER_MIRROR/);
  });
});
