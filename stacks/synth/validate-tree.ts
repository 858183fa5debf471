import { IConstruct } from "constructs";
import { ValidationError, ValidationProblem } from "../../modules/core";

/**
 * Runs every construct's deferred validations (node.addValidation) across the whole app before anything is written,
 * so one bad stack never leaves the others half-synthesized.
 */
export function validateTree(root: IConstruct): void {
  const problems: ValidationProblem[] = [];
  for (const c of root.node.findAll()) {
    for (const message of c.node.validate()) {
      problems.push({ where: c.node.path, field: "(construct)", value: undefined, rule: message });
    }
  }
  if (problems.length > 0) {
    const err = new ValidationError(problems);
    err.message = problems.map((p) => `${p.where}: ${p.rule}`).join("\n");
    throw err;
  }
}
