/**
 * The effective Organizations management policy of an account, computed as AWS documents inheritance for backup
 * policies: policies apply from the root down through the OUs to the account; policies attached to the same node are
 * merged in turn; child keys merge key by key; at a key, `@@assign` replaces what was there, `@@append` adds to a list,
 * `@@remove` takes values (or the key) away. The result has the operators resolved to plain values.
 * @see https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_inheritance_mgmt.html
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const OPERATORS = ["@@assign", "@@append", "@@remove"] as const;

function isObject(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function asList(v: Json | undefined): Json[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

/** Applies one node of a policy (`policy`) to what is inherited or merged so far (`current`). */
function applyNode(current: Json | undefined, policy: Json): Json | undefined {
  if (!isObject(policy)) return policy;
  const ops = OPERATORS.filter((op) => op in policy);
  if (ops.length > 0) {
    let value = current;
    if ("@@assign" in policy) value = policy["@@assign"];
    if ("@@append" in policy) value = [...asList(value), ...asList(policy["@@append"])];
    if ("@@remove" in policy) {
      const removed = asList(policy["@@remove"]);
      value = Array.isArray(value) ? value.filter((x) => !removed.some((r) => JSON.stringify(r) === JSON.stringify(x))) : undefined;
    }
    return value;
  }
  const out: Obj = isObject(current) ? { ...current } : {};
  for (const [key, child] of Object.entries(policy)) {
    if (key.startsWith("@@")) continue; // other operators (@@operators_allowed_for_child_policies) restrict children, not values
    const merged = applyNode(out[key], child);
    if (merged === undefined) delete out[key];
    else out[key] = merged;
  }
  return out;
}

/** One node of the organization tree with the policy documents attached to it, in attachment order. */
export interface PolicyLevel {
  readonly target: string;
  readonly documents: readonly Json[];
}

/** The effective policy of an account: `levels` from the root to the account itself. */
export function effectivePolicy(levels: readonly PolicyLevel[]): Obj {
  let current: Json | undefined = {};
  for (const level of levels) for (const doc of level.documents) current = applyNode(current, doc);
  return (current ?? {}) as Obj;
}
