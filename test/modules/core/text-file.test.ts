/**
 * The piecewise writers of large files (modules/core/private/text-file.ts) must write exactly the bytes of the
 * whole-string versions they replace: `fs.writeFileSync(file, text)` and `JSON.stringify(value, null, space)`.
 * Property-based with fast-check, seeded (FC_SEED overrides the seed), plus the cases JSON.stringify treats specially.
 */
import fc from "fast-check";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { TextCollector, writeJson, writeTextFile } from "../../../modules/core/private/text-file";

const SEED = Number(process.env.FC_SEED ?? 20261202);
const RUNS = 300;

/** What writeJson writes for a value, collected as one string. */
function jsonOf(value: unknown, space?: number): string {
  const out = new TextCollector();
  writeJson(out, value, space);
  return out.text();
}

/** Any value JSON.stringify accepts: nested arrays and objects, every kind of string and number, undefined, boxed values, dates, maps, sets, holes. */
const anyValue = fc.anything({
  maxDepth: 4,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  stringUnit: "binary",
});

function tempFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "text-file-")), "out.txt");
}

describe("writeJson", () => {
  test.each([0, 2])("given any JSON-serializable value, when written with space %d, then the text is JSON.stringify's", (space) => {
    fc.assert(
      fc.property(anyValue, (value) => {
        // given: JSON.stringify returns undefined only for a value without JSON text, which writeJson refuses
        const expected = JSON.stringify(value, null, space);
        fc.pre(expected !== undefined);
        // when / then
        expect(jsonOf(value, space)).toBe(expected);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test("given empty and nested arrays and objects, when written pretty, then the text is JSON.stringify's", () => {
    const value = { a: [], b: {}, c: [[], [{}], { d: [1, [2, []]] }], e: { f: { g: {} } } };
    expect(jsonOf(value, 2)).toBe(JSON.stringify(value, null, 2));
  });

  test("given strings with quotes, backslashes, control characters, unicode and lone surrogates, when written, then they are escaped as JSON.stringify escapes them", () => {
    const value = { 'q"k\n': ['say "hi"\\', "line\nnext\r\t\u0000\u001f", "∞ 🔒 é", "\ud800 alone", "\udc00 low", "\u2028\u2029"] };
    expect(jsonOf(value, 2)).toBe(JSON.stringify(value, null, 2));
    expect(jsonOf(value)).toBe(JSON.stringify(value));
  });

  test("given numbers, booleans and null, including -0, NaN and the infinities, when written, then they are written as JSON.stringify writes them", () => {
    const value = [0, -0, 1.5, -1e-7, 1e21, 2 ** 53 + 2, NaN, Infinity, -Infinity, true, false, null];
    expect(jsonOf(value, 2)).toBe(JSON.stringify(value, null, 2));
  });

  test("given keys whose values are undefined, functions or symbols, when written, then those keys are left out and array items become null", () => {
    const value = { kept: 1, gone: undefined, fn: () => 1, sym: Symbol("s"), list: [undefined, () => 1, Symbol("t"), 2], onlyGone: { x: undefined } };
    const text = jsonOf(value, 2);
    expect(text).toBe(JSON.stringify(value, null, 2));
    expect(text).not.toContain("gone");
  });

  test("given toJSON methods, when written, then each is called once with its property name or index, as JSON.stringify calls it", () => {
    const keys: string[] = [];
    const tagged = (inner: unknown) => ({
      toJSON(key: string) {
        keys.push(key);
        return { key, inner };
      },
    });
    // A toJSON that returns an object with its own toJSON: only the first is called.
    const twice = { toJSON: () => ({ toJSON: () => "second", v: 1 }) };
    const value = { a: tagged(1), list: [tagged("x"), tagged({ deep: tagged(null) })], date: new Date(0), twice, skipped: { toJSON: () => undefined } };
    const expected = JSON.stringify(value, null, 2);
    const expectedKeys = keys.splice(0);
    expect(jsonOf(value, 2)).toBe(expected);
    expect(keys).toEqual(expectedKeys);
    expect(expectedKeys).toEqual(["a", "0", "1", "deep"]);
  });

  test("given a root with toJSON, when written, then it is called with the empty key", () => {
    const value = { toJSON: (key: string) => ({ rootKey: key }) };
    expect(jsonOf(value, 2)).toBe(JSON.stringify(value, null, 2));
  });

  test("given a circular structure, when written, then it throws a TypeError as JSON.stringify does", () => {
    const value: Record<string, unknown> = { a: 1 };
    value.self = { back: value };
    expect(() => JSON.stringify(value)).toThrow(TypeError);
    expect(() => jsonOf(value)).toThrow(TypeError);
  });

  test("given the same object twice but not inside itself, when written, then it is written twice", () => {
    const shared = { s: [1] };
    const value = { a: shared, b: [shared, shared] };
    expect(jsonOf(value, 2)).toBe(JSON.stringify(value, null, 2));
  });

  test("given a BigInt, when written, then it throws a TypeError as JSON.stringify does", () => {
    expect(() => JSON.stringify({ n: 1n })).toThrow(TypeError);
    expect(() => jsonOf({ n: 1n })).toThrow(TypeError);
  });

  test("given a value without JSON text at the root, when written, then it is refused", () => {
    expect(JSON.stringify(undefined)).toBeUndefined();
    expect(() => jsonOf(undefined)).toThrow(/has no JSON text/);
  });
});

describe("writeTextFile", () => {
  test("given any text in any pieces and any chunk size, when written, then the file holds the bytes fs.writeFileSync writes", () => {
    const file = tempFile();
    const reference = `${file}.reference`;
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary", maxLength: 12 }), { maxLength: 30 }), fc.integer({ min: 1, max: 40 }), (pieces, chunk) => {
        // given: the pieces cut at arbitrary points, so a surrogate pair can arrive in two writes
        const text = pieces.join("");
        fs.writeFileSync(reference, text);
        // when
        writeTextFile(file, (out) => pieces.forEach((p) => out.write(p)), chunk);
        // then
        expect(fs.readFileSync(file).equals(fs.readFileSync(reference))).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test("given a surrogate pair split between two writes at a chunk boundary, when written, then the character is whole in the file", () => {
    const file = tempFile();
    const [high, low] = ["🔒".charAt(0), "🔒".charAt(1)];
    writeTextFile(
      file,
      (out) => {
        out.write(`ab${high}`);
        out.write(`${low}c`);
      },
      3,
    );
    expect(fs.readFileSync(file, "utf8")).toBe("ab🔒c");
  });

  test("given a writer that throws, when written, then the error comes out and the file's descriptor is closed", () => {
    // given: the descriptors this process has open (Linux)
    const openFds = () => fs.readdirSync("/proc/self/fd").length;
    const file = tempFile();
    const before = openFds();
    // when / then
    expect(() =>
      writeTextFile(file, (out) => {
        out.write("partial");
        throw new Error("refused");
      }),
    ).toThrow("refused");
    expect(openFds()).toBe(before);
  });
});
