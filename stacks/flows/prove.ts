/**
 * Evaluates the flows of a rollout with a real IAM policy evaluator: a flow is proven when every one of its requests
 * is allowed, a deny proof holds when every one of its requests is denied.
 *
 * The evaluator, @cloud-copilot/iam-simulate, is AGPL-3.0 licensed: this package does not depend on it and never
 * imports it at load time. It is required when proofs run, from wherever the user installed it; without it the
 * proofs are not run and the caller says so (see {@link loadFlowEvaluator}).
 */
import type { Flow, FlowRequest } from "./flows";
import type { RolloutPolicies } from "./policies";

/** The npm package of the IAM policy evaluator the proofs use. */
export const FLOW_EVALUATOR_PACKAGE = "@cloud-copilot/iam-simulate";

/** How to get the evaluator, for messages when it is missing. */
export const FLOW_EVALUATOR_HINT = `flow proofs need the IAM policy evaluator ${FLOW_EVALUATOR_PACKAGE}, which this package does not install: it is licensed AGPL-3.0. To run the proofs, install it yourself if its license suits you (npm install --save-dev ${FLOW_EVALUATOR_PACKAGE}).`;

interface StatementMatch {
  readonly policyId?: string;
  readonly statement: { readonly Sid?: string };
}

interface PolicyAnalysis {
  readonly result?: string;
  readonly denyStatements?: readonly StatementMatch[];
}

/** The evaluator's result, as far as the proofs read it. */
export interface SimulationResult {
  readonly resultType: string;
  readonly errors?: unknown;
  readonly overallResult?: string;
  readonly result?: { readonly analysis: { readonly identityAnalysis?: PolicyAnalysis; readonly resourceAnalysis?: PolicyAnalysis } };
}

/** The evaluator's simulation entry point, as far as the proofs use it. */
export type RunSimulation = (simulation: unknown, options: { simulationMode: "Strict" }) => Promise<SimulationResult>;

/** The outcome of a flow. */
export interface FlowOutcome {
  readonly flow: Flow;
  readonly ok: boolean;
  /** For a failed flow: the flow, the request and why (the policies whose statements decided it). */
  readonly failure?: string;
}

/** The evaluator, or why it could not be loaded. */
export type FlowEvaluatorLoad = { readonly run: RunSimulation } | { readonly missing: string };

/**
 * Loads the evaluator when it is installed. `resolveFrom` are the folders to look for it from (default: this
 * package's, then the current folder, so an app that installed it next to this package finds it).
 */
export function loadFlowEvaluator(
  packageName: string = FLOW_EVALUATOR_PACKAGE,
  resolveFrom: readonly string[] = [__dirname, process.cwd()],
): FlowEvaluatorLoad {
  let resolved: string;
  try {
    resolved = require.resolve(packageName, { paths: [...resolveFrom] });
  } catch {
    return { missing: `${packageName} is not installed (looked from ${resolveFrom.join(", ")})` };
  }
  // Loaded here, at run time, never at import: this package must work without it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(resolved);
  if (typeof mod.runSimulation !== "function") return { missing: `${packageName} (${resolved}) has no runSimulation: an incompatible version` };
  return { run: mod.runSimulation as RunSimulation };
}

/** Evaluates one request; undefined when it came out as expected, else why not. */
export async function evaluateRequest(
  run: RunSimulation,
  policies: RolloutPolicies,
  request: FlowRequest,
  expect: "allow" | "deny",
): Promise<string | undefined> {
  const account = policies.resourceAccount(request.resource) ?? request.principal.split(":")[4];
  const identity = policies.identityPolicies(request.principal);
  const resourcePolicy = policies.resourcePolicy(request.resource);
  const result = await run(
    {
      request: {
        principal: request.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: account },
        contextVariables: { "aws:PrincipalArn": request.principal, ...request.context },
      },
      identityPolicies: identity.map((p) => ({ name: p.name, policy: p.policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: resourcePolicy?.policy,
    },
    { simulationMode: "Strict" },
  );
  const describe = `${request.principal} ${request.action} on ${request.resource} with ${JSON.stringify(request.context)}`;
  if (result.resultType === "error") return `${describe}: the simulation refused its input: ${JSON.stringify(result.errors)}`;
  if (result.resultType !== "single") return `${describe}: unexpected ${result.resultType} result`;
  const allowed = result.overallResult === "Allowed";
  if (allowed === (expect === "allow")) return undefined;
  const a = result.result!.analysis;
  const deniers = [
    ...(a.identityAnalysis?.denyStatements ?? []).map((s) => `identity ${s.policyId} ${s.statement.Sid ?? ""}`),
    ...(a.resourceAnalysis?.denyStatements ?? []).map((s) => `${resourcePolicy?.name} ${s.statement.Sid ?? ""}`),
  ];
  const why = allowed
    ? `allowed (identity ${a.identityAnalysis?.result}, resource policy ${resourcePolicy?.name ?? "none"} ${a.resourceAnalysis?.result})`
    : `${result.overallResult}: ${deniers.length > 0 ? `explicitly by ${deniers.join(", ")}` : `no statement allows it (identity policies: ${identity.map((p) => p.name).join(", ") || "none"} -> ${a.identityAnalysis?.result}; resource policy: ${resourcePolicy?.name ?? "none"} -> ${a.resourceAnalysis?.result ?? "n/a"})`}`;
  return `${describe}: ${why}`;
}

/** Evaluates every flow. */
export async function proveFlows(run: RunSimulation, policies: RolloutPolicies, flows: readonly Flow[]): Promise<FlowOutcome[]> {
  const out: FlowOutcome[] = [];
  for (const flow of flows) {
    let failure: string | undefined;
    for (const r of flow.requests) {
      failure = await evaluateRequest(run, policies, r, flow.expect);
      if (failure) break;
    }
    out.push({ flow, ok: failure === undefined, failure: failure && `${flow.name}: ${failure}` });
  }
  return out;
}

/** `flows: proven=N/N denied-as-expected=M/M`: the line `backup-dr validate` prints. */
export function flowSummaryLine(outcomes: readonly FlowOutcome[]): string {
  const count = (expect: "allow" | "deny") => {
    const all = outcomes.filter((o) => o.flow.expect === expect);
    return `${all.filter((o) => o.ok).length}/${all.length}`;
  };
  return `flows: proven=${count("allow")} denied-as-expected=${count("deny")}`;
}
