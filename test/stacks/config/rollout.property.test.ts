/**
 * Property: every rollout config, valid or mutated, either builds into stacks or is refused with at least one JSON path;
 * never a crash, never a stack on disk for a refused config. Seeded (FC_SEED overrides the seed; fast-check prints the
 * seed and the shrunk counterexample on failure) and bounded so it runs in seconds. A sample of two generated configs
 * goes through terraform validate in test/terraform/rollout-property.terraform.test.ts.
 */
import fc from "fast-check";
import { BAD_VALUES, RUNS, SEED, TOP_LEVEL_PATH, outcomeOf, validRollout } from "./rollout-arbitraries";

/** Every path to a leaf or container of a JSON value. */
function pathsOf(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out = [at];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...pathsOf(v, [...at, i])));
  else if (typeof value === "object" && value !== null) for (const [k, v] of Object.entries(value)) out.push(...pathsOf(v, [...at, k]));
  return out;
}

type Mutation = { kind: "set"; pick: number; value: unknown } | { kind: "delete"; pick: number } | { kind: "duplicate"; pick: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("set" as const), pick: fc.nat(), value: fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.constantFrom(...BAD_VALUES)) }),
  fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("duplicate" as const), pick: fc.nat() }),
);

/** The raw config with one mutation applied at a path picked among its paths. */
function mutate(raw: any, m: Mutation): any {
  const copy = JSON.parse(JSON.stringify(raw));
  const paths = pathsOf(copy).filter((p) => p.length > 0);
  const target = paths[m.pick % paths.length];
  const parent = target.slice(0, -1).reduce((v: any, k) => v[k], copy);
  const key = target[target.length - 1];
  if (m.kind === "set") parent[key] = m.value;
  else if (m.kind === "delete") {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else if (Array.isArray(parent)) parent.push(JSON.parse(JSON.stringify(parent[key as number])));
  else if (Array.isArray(parent[key]) && parent[key].length > 0) parent[key].push(JSON.parse(JSON.stringify(parent[key][0])));
  return copy;
}

const seen = { built: 0, refused: 0 };

function expectBuiltOrRefusedAtPaths(raw: unknown): void {
  const { built, paths } = outcomeOf(raw);
  seen[built ? "built" : "refused"]++;
  if (!built) {
    expect(paths.length).toBeGreaterThan(0);
    // A JSON path of the config (from one of its top-level keys), never a construct path.
    for (const p of paths) expect(p).toMatch(TOP_LEVEL_PATH);
  }
}

describe("every generated rollout config builds or is refused at JSON paths", () => {
  test("configs varied within the schema", () => {
    fc.assert(
      fc.property(validRollout, (raw) => expectBuiltOrRefusedAtPaths(raw)),
      { seed: SEED, numRuns: 15 * RUNS },
    );
    // The generator mostly makes configs that build: the property is about them, not only about refusals.
    expect(seen.built).toBeGreaterThan(seen.refused);
  });

  test("configs with one mutation anywhere: a wrong value, a deleted key, a duplicated list entry", () => {
    fc.assert(
      fc.property(validRollout, mutation, (raw, m) => expectBuiltOrRefusedAtPaths(mutate(raw, m))),
      { seed: SEED, numRuns: 25 * RUNS },
    );
    expect(seen.refused).toBeGreaterThan(0);
  });
});
