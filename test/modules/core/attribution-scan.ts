import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

/**
 * Finds rule texts that do not say whose rule they are. A rule text is the rule argument of a Validator call
 * (`check`, `matches`, `required`), the `rule` of a `new ValidationError({...})`, the message of a `new Error(...)`, a
 * return value of a rule helper (a function named `...Rule` in modules/core/rules) or a `..._RULE` constant there.
 *
 * A rule text passes only in one of these forms, so that the wording has one home (modules/core/rules/authority.ts):
 * - a call of an attribution function (`awsRejects`, `libraryNeeds`, ...) or of `secureDefaultRule`;
 * - a call of a rule helper or a `..._RULE` constant, whose own texts are checked the same way;
 * - a template that embeds such a call, for predicates that other text is put before ("makes the name ..., and AWS
 *   rejects more than 50"): the attribution is still built in its one home;
 * - `p.rule`, relaying the rule of a problem that was itself checked;
 * - a conditional whose branches pass, `x ?? ""` or `x!` whose `x` passes, a local `const` whose initializer passes.
 * `intInRange` must name its authority (its sixth argument, a string literal). Anything else is reported, string
 * literals included: a new rule cannot slip past by being worded by hand.
 */

/** One rule text that does not pass. */
export interface Unattributed {
  readonly file: string;
  readonly line: number;
  /** The call or declaration the rule text belongs to. */
  readonly site: string;
  /** The rule text's expression, as written. */
  readonly text: string;
}

/** The functions that word a rule text with its authority. */
export const ATTRIBUTING_FUNCTIONS: ReadonlySet<string> = new Set([
  "awsRejects",
  "awsIgnores",
  "terraformRejects",
  "providerRejects",
  "providerIgnores",
  "libraryRejects",
  "libraryNeeds",
  "rejects",
  "secureDefaultRule",
]);

const AUTHORITIES = new Set(["aws", "terraform", "provider", "library"]);

/** Where each Validator method takes its rule text (argument index) and how many arguments it needs to be that method. */
const VALIDATOR_RULE_ARGUMENT: Readonly<Record<string, { index: number; minArgs: number }>> = {
  check: { index: 3, minArgs: 4 },
  matches: { index: 3, minArgs: 4 },
  required: { index: 2, minArgs: 2 },
};

/** True for rule helper names: functions named `...Rule` and constants named `..._RULE`. */
export function isRuleHelperName(name: string): boolean {
  return /^[a-z]\w*Rule$/.test(name) || /^[A-Z][A-Z0-9_]*_RULE$/.test(name);
}

/** What to scan in one file. */
export interface ScanOptions {
  /** A file of modules/core/rules: the returns of its rule helpers and its `..._RULE` constants are rule texts too. */
  readonly ruleHelperFile?: boolean;
  /** Also check the messages of `new Error(...)` (constructs: yes; stacks, whose plain errors are about files and processes: no). */
  readonly plainErrors?: boolean;
  /**
   * The rule helpers whose calls count as attributed (see `ruleHelperNames`): only those declared in modules/core/rules,
   * whose returns this scan checks. @default any name that looks like one (for scanning snippets)
   */
  readonly ruleHelpers?: ReadonlySet<string>;
  /**
   * Also check the rollout config's problem messages (stacks/config, the objectives): the `message` of a ConfigProblem
   * literal (an object with `checkClass`), the message argument of `refuse` and `issueIf`, the message of a zod
   * `.regex(pattern, message)` and of a `ctx.addIssue({...})`. There a message is facts first (the value, the paths it
   * meets) and the rule after, so a template passes when it embeds an attributed text (a rule helper's included).
   */
  readonly configMessages?: boolean;
}

/** The config layer's functions that take a message, by the index of that argument; in their own bodies the parameter is relayed. */
export const CONFIG_MESSAGE_FUNCTIONS: Readonly<Record<string, number>> = { refuse: 2, issueIf: 2 };

/**
 * Functions whose text relays messages checked where they were made: `formatFinding` renders a construct's problem
 * (its rule checked in modules/), `issueMessage` a zod issue (its custom messages checked at their schema sites, its
 * built-in ones zod's own).
 */
export const RELAYING_FUNCTIONS: ReadonlySet<string> = new Set(["formatFinding", "issueMessage"]);

/** The rule helpers (`...Rule` functions, `..._RULE` constants) declared in the given files, by name. */
export function ruleHelperNames(texts: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const text of texts) {
    const source = ts.createSourceFile("rules.ts", text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if ((ts.isFunctionDeclaration(node) || ts.isVariableDeclaration(node)) && node.name && ts.isIdentifier(node.name) && isRuleHelperName(node.name.text))
        names.add(node.name.text);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return names;
}

/** Scans one source file. */
export function findUnattributed(file: string, text: string, options: ScanOptions = {}): Unattributed[] {
  const { ruleHelperFile = false, plainErrors = true, ruleHelpers, configMessages = false } = options;
  const isRuleHelper = (name: string) => (ruleHelpers ? ruleHelpers.has(name) : isRuleHelperName(name));
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Unattributed[] = [];
  const report = (site: ts.Node, expr: ts.Node | undefined, what: string) => {
    const line = source.getLineAndCharacterOfPosition((expr ?? site).getStart(source)).line + 1;
    found.push({ file, line, site: what, text: expr ? expr.getText(source).replace(/\s+/g, " ") : "(missing)" });
  };
  const consts = new Map<string, ts.Expression>();
  const collect = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && ts.isVariableDeclarationList(node.parent)) {
      if (node.parent.flags & ts.NodeFlags.Const) consts.set(node.name.text, node.initializer);
    }
    ts.forEachChild(node, collect);
  };
  collect(source);

  const attributed = (expr: ts.Expression, seen: Set<string> = new Set()): boolean => {
    if (ts.isParenthesizedExpression(expr) || ts.isNonNullExpression(expr) || ts.isAsExpression(expr)) return attributed(expr.expression, seen);
    if (ts.isConditionalExpression(expr)) return attributed(expr.whenTrue, seen) && attributed(expr.whenFalse, seen);
    if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken) {
      // `rule ?? ""`: the empty text is only the value of a check that passes, so it is never shown.
      const fallback = expr.right;
      const empty = (ts.isStringLiteral(fallback) || ts.isNoSubstitutionTemplateLiteral(fallback)) && fallback.text === "";
      return attributed(expr.left, seen) && (empty || attributed(fallback, seen));
    }
    if (isUndefined(expr)) return true; // the value of a rule helper, or of a check, that finds nothing wrong
    if (ts.isCallExpression(expr)) {
      const callee = expr.expression;
      if (isRuleRelay(expr)) return true;
      if (configMessages && ts.isIdentifier(callee) && RELAYING_FUNCTIONS.has(callee.text)) return true;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
      return name !== undefined && (ATTRIBUTING_FUNCTIONS.has(name) || isRuleHelper(name));
    }
    if (ts.isPropertyAccessExpression(expr))
      return expr.name.text === "rule" || isRuleHelper(expr.name.text) || (configMessages && expr.name.text === "message"); // p.message: a relayed problem
    if (ts.isTemplateExpression(expr))
      return expr.templateSpans.some(
        (span) => isAttributingCall(span.expression) || (configMessages && !isUndefined(span.expression) && attributed(span.expression, seen)),
      );
    if (ts.isIdentifier(expr)) {
      if (isRuleHelper(expr.text)) return true;
      const init = consts.get(expr.text);
      if (init === undefined || seen.has(expr.text)) return false;
      return attributed(init, new Set([...seen, expr.text]));
    }
    return false;
  };

  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      const spec = VALIDATOR_RULE_ARGUMENT[method];
      if (spec && node.arguments.length >= spec.minArgs && node.arguments.length > spec.index) {
        const rule = node.arguments[spec.index];
        if (!attributed(rule)) report(node, rule, `.${method}(...)`);
      }
      if (method === "intInRange") {
        const by = node.arguments[5];
        if (!by || !ts.isStringLiteral(by) || !AUTHORITIES.has(by.text)) report(node, by, ".intInRange(...) without its authority");
      }
    }
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression)) {
      const cls = node.expression.text;
      const arg = node.arguments?.[0];
      if (cls === "Error" && plainErrors && (!arg || !attributed(arg))) report(node, arg, "new Error(...)");
      if (cls === "ValidationError") checkProblems(node, arg, "new ValidationError");
    }
    // Problems rendered for node.addValidation, which cdktf reports at synth.
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "formatProblem") {
      checkProblems(node, node.arguments[0], "formatProblem");
    }
    if (ruleHelperFile && ts.isFunctionDeclaration(node) && node.name && isRuleHelperName(node.name.text) && !ATTRIBUTING_FUNCTIONS.has(node.name.text)) {
      const visitReturns = (n: ts.Node) => {
        if (ts.isReturnStatement(n) && n.expression && !attributed(n.expression)) report(n, n.expression, `return of ${node.name!.text}`);
        if (!ts.isFunctionLike(n) || n === node) ts.forEachChild(n, visitReturns);
      };
      visitReturns(node);
    }
    if (ruleHelperFile && ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && isRuleHelperName(node.name.text) && node.initializer) {
      if (!attributed(node.initializer)) report(node, node.initializer, node.name.text);
    }
    if (configMessages) visitConfigMessage(node);
    ts.forEachChild(node, visit);
  };

  /** The parameters that carry a message into a CONFIG_MESSAGE_FUNCTIONS body: relayed there, checked at the calls. */
  const relayedParameter = (expr: ts.Expression): boolean => {
    if (!ts.isIdentifier(expr)) return false;
    for (let n: ts.Node | undefined = expr.parent; n; n = n.parent) {
      if (ts.isFunctionDeclaration(n) && n.name && n.name.text in CONFIG_MESSAGE_FUNCTIONS) {
        const param = n.parameters[CONFIG_MESSAGE_FUNCTIONS[n.name.text]];
        return param !== undefined && ts.isIdentifier(param.name) && param.name.text === expr.text;
      }
    }
    return false;
  };
  const checkMessage = (site: ts.Node, expr: ts.Expression | undefined, what: string) => {
    if (!expr || (!attributed(expr) && !relayedParameter(expr))) report(site, expr, what);
  };
  const messageOf = (o: ts.ObjectLiteralExpression): ts.Expression | undefined => {
    for (const p of o.properties) {
      if (ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === "message") return p.initializer;
      if (ts.isShorthandPropertyAssignment(p) && p.name.text === "message") return p.name;
    }
    return undefined;
  };
  const visitConfigMessage = (node: ts.Node) => {
    if (ts.isObjectLiteralExpression(node)) {
      const hasClass = node.properties.some(
        (p) => (ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)) && p.name.getText(source) === "checkClass",
      );
      const message = messageOf(node);
      if (hasClass && message) checkMessage(node, message, "ConfigProblem message");
    }
    if (!ts.isCallExpression(node)) return;
    const callee = node.expression;
    if (ts.isIdentifier(callee) && callee.text in CONFIG_MESSAGE_FUNCTIONS && node.arguments.length > CONFIG_MESSAGE_FUNCTIONS[callee.text])
      checkMessage(node, node.arguments[CONFIG_MESSAGE_FUNCTIONS[callee.text]], `${callee.text}(...)`);
    if (!ts.isPropertyAccessExpression(callee)) return;
    const method = callee.name.text;
    // `.regex(pattern)` alone keeps zod's built-in message, which is out of scope.
    if (method === "regex" && node.arguments.length >= 2) checkMessage(node, node.arguments[1], ".regex(pattern, message)");
    if (method === "addIssue") {
      let arg = node.arguments[0];
      while (arg && (ts.isAsExpression(arg) || ts.isParenthesizedExpression(arg))) arg = arg.expression;
      if (arg && ts.isObjectLiteralExpression(arg)) {
        // A ConfigProblem-like literal is checked above already.
        if (!arg.properties.some((p) => p.name?.getText(source) === "checkClass")) checkMessage(node, messageOf(arg), "ctx.addIssue({ message })");
      } else report(node, arg, "ctx.addIssue(...)");
    }
  };

  const checkProblems = (node: ts.Node, arg: ts.Expression | undefined, site: string) => {
    // `this.problems`, `problems`: relays problems whose rules were checked where they were made.
    const name = arg && (ts.isPropertyAccessExpression(arg) ? arg.name.text : ts.isIdentifier(arg) ? arg.text : undefined);
    if (name === "problems") return;
    const objects = arg && ts.isArrayLiteralExpression(arg) ? [...arg.elements] : arg ? [arg] : [];
    if (objects.length === 0) report(node, arg, `${site}(...)`);
    for (const o of objects) {
      const rule = ts.isObjectLiteralExpression(o)
        ? o.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === "rule")
        : undefined;
      if (!rule || !attributed(rule.initializer)) report(node, rule?.initializer ?? o, `${site}({ rule })`);
    }
  };

  visit(source);
  return found;
}

/** A call of one of the attribution functions. */
function isAttributingCall(expr: ts.Expression): boolean {
  return ts.isCallExpression(expr) && ts.isIdentifier(expr.expression) && ATTRIBUTING_FUNCTIONS.has(expr.expression.text);
}

/** `problems.map((p) => p.rule).join(...)`: relays the rules of problems that were checked where they were made. */
function isRuleRelay(call: ts.CallExpression): boolean {
  const join = call.expression;
  if (!ts.isPropertyAccessExpression(join) || join.name.text !== "join" || !ts.isCallExpression(join.expression)) return false;
  const map = join.expression;
  const fn = map.arguments[0];
  if (!ts.isPropertyAccessExpression(map.expression) || map.expression.name.text !== "map" || !fn || !ts.isArrowFunction(fn)) return false;
  return ts.isPropertyAccessExpression(fn.body) && fn.body.name.text === "rule";
}

function isUndefined(expr: ts.Expression): boolean {
  return ts.isIdentifier(expr) && expr.text === "undefined";
}

/** Every .ts file under the folders, recursively; a path that is a file is taken as it is. */
export function sourceFiles(root: string, folders: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) out.push(path.relative(root, p));
    }
  };
  for (const f of folders) {
    if (fs.statSync(path.join(root, f)).isFile()) out.push(f);
    else walk(path.join(root, f));
  }
  return out.sort();
}
