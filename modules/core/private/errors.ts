import { Token } from "../cdktf";
import type { ValidationProblem } from "../validation-problem";

function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined) return "(not set)";
  try {
    const s = JSON.stringify(value);
    return s.length > 200 ? `${s.slice(0, 197)}...` : s;
  } catch {
    return String(value);
  }
}

/** Renders one problem as a single line: `<where>: <field> = <value>: <rule>. Fix: <fix>`. */
export function formatProblem(p: ValidationProblem): string {
  return `${p.where}: ${formatFinding(p)}`;
}

/** Renders a problem without its origin, for messages attached to a construct: `<field> = <value>: <rule>. Fix: <fix>`. */
export function formatFinding(p: Omit<ValidationProblem, "where">): string {
  return `${p.field} = ${show(p.value)}: ${p.rule}${p.fix ? `. Fix: ${p.fix}` : ""}`;
}

const LIST_TOKEN_ELEMENT = /#\{TfToken\[/;

/**
 * True when the value is (or contains) an unresolved token: such values are judged by Terraform, not here. Value types
 * (`Retention`, `Duration`) answer for themselves through their `isUnresolved()`.
 */
export function isUnresolved(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  // An element of a list token (`Token.asList`) is encoded as `#{TfToken[...]}`, which Token.isUnresolved does not see.
  if (typeof value === "string") return Token.isUnresolved(value) || LIST_TOKEN_ELEMENT.test(value);
  if (typeof value === "number") return Token.isUnresolved(value);
  if (Array.isArray(value)) return Token.isUnresolved(value) || value.some(isUnresolved);
  const own = (value as { isUnresolved?: unknown }).isUnresolved;
  if (typeof own === "function") return own.call(value) === true;
  return Token.isUnresolved(value);
}
