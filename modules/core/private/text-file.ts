/**
 * Large text files written piece by piece. The synth writes files of tens of megabytes at organization scale (the DR
 * report as JSON and Markdown, the flows); built as one string each, they were the largest thing in the process's
 * heap. These writers produce exactly the bytes of the whole-string versions, while holding at most one chunk.
 */
import * as fs from "node:fs";

/** Where text goes, in order. */
export interface TextSink {
  write(text: string): void;
}

/** The characters (UTF-16 code units) a file writer collects before it writes them out. */
export const TEXT_FILE_CHUNK = 1 << 16;

/** A TextSink into an open file descriptor, UTF-8, written in chunks of about `chunk` characters. */
export class TextFileWriter implements TextSink {
  private pending = "";

  constructor(
    private readonly fd: number,
    private readonly chunk = TEXT_FILE_CHUNK,
  ) {}

  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= this.chunk) this.flush(false);
  }

  /**
   * Writes out what was collected; `end: false` holds back a high surrogate that ends it, whose pair may come with the
   * next write (encoded apart, each half would become U+FFFD).
   */
  flush(end = true): void {
    const last = this.pending.charCodeAt(this.pending.length - 1);
    const keep = !end && last >= 0xd800 && last <= 0xdbff ? 1 : 0;
    if (this.pending.length <= keep) return;
    const bytes = Buffer.from(this.pending.slice(0, this.pending.length - keep), "utf8");
    this.pending = this.pending.slice(this.pending.length - keep);
    // writeSync may write fewer bytes than asked: loop as fs.writeFileSync does.
    for (let at = 0; at < bytes.length;) at += fs.writeSync(this.fd, bytes, at, bytes.length - at);
  }
}

/**
 * Writes `file` (created or replaced) with what `write` puts into the sink: the same bytes as
 * `fs.writeFileSync(file, text)` of the concatenated text. On an error the file is closed and left as far as it got.
 */
export function writeTextFile(file: string, write: (out: TextSink) => void, chunk = TEXT_FILE_CHUNK): void {
  const fd = fs.openSync(file, "w");
  try {
    const out = new TextFileWriter(fd, chunk);
    write(out);
    out.flush();
  } finally {
    fs.closeSync(fd);
  }
}

/** A TextSink that collects the text in memory (for tests, and for callers that want the string after all). */
export class TextCollector implements TextSink {
  private readonly parts: string[] = [];
  write(text: string): void {
    this.parts.push(text);
  }
  text(): string {
    return this.parts.join("");
  }
}

/** What JSON.stringify serializes a value as, once toJSON and primitive wrappers are applied; undefined when it skips the value. */
type Prepared = { readonly value: unknown } | undefined;

/**
 * Writes `value` as `JSON.stringify(value, null, space)` would, piece by piece: the same text, with toJSON (called
 * with the property name or array index, as JSON.stringify calls it), primitive wrappers, keys whose value is
 * undefined, a function or a symbol left out (null in arrays), non-finite numbers as null, and a TypeError for a
 * BigInt or a circular structure (after the text before it was written). Throws a TypeError when the value itself
 * has no JSON text (undefined, a function, a symbol), where JSON.stringify returns undefined.
 */
export function writeJson(out: TextSink, value: unknown, space = 0): void {
  const gap = " ".repeat(Math.max(0, Math.min(10, Math.trunc(space))));
  const ancestors: object[] = [];

  const prepare = (holder: object, key: string): Prepared => {
    let v: unknown = (holder as Record<string, unknown>)[key];
    if ((typeof v === "object" && v !== null) || typeof v === "bigint") {
      const toJSON = (v as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === "function") v = toJSON.call(v, key);
    }
    if (v instanceof Number) v = Number(v);
    else if (v instanceof String) v = String(v);
    else if (v instanceof Boolean || v instanceof BigInt) v = v.valueOf();
    if (v === undefined || typeof v === "function" || typeof v === "symbol") return undefined;
    return { value: v };
  };

  const emit = (v: unknown, indent: string): void => {
    if (v === null || typeof v !== "object") {
      // Strings, numbers, booleans and null as the engine writes them (a BigInt throws its TypeError here).
      out.write(JSON.stringify(v));
      return;
    }
    if (ancestors.includes(v)) throw new TypeError("Converting circular structure to JSON");
    ancestors.push(v);
    const inner = indent + gap;
    const newline = gap ? `\n${inner}` : "";
    if (Array.isArray(v)) {
      if (v.length === 0) out.write("[]");
      else {
        for (let i = 0; i < v.length; i++) {
          out.write(i === 0 ? `[${newline}` : `,${newline}`);
          const item = prepare(v, String(i));
          if (item) emit(item.value, inner);
          else out.write("null");
        }
        out.write(gap ? `\n${indent}]` : "]");
      }
    } else {
      let members = 0;
      for (const key of Object.keys(v)) {
        const member = prepare(v, key);
        if (!member) continue;
        out.write(`${members === 0 ? "{" : ","}${newline}${JSON.stringify(key)}:${gap ? " " : ""}`);
        members++;
        emit(member.value, inner);
      }
      out.write(members === 0 ? "{}" : gap ? `\n${indent}}` : "}");
    }
    ancestors.pop();
  };

  const root = prepare({ "": value }, "");
  if (!root) throw new TypeError(`${String(value)} has no JSON text`);
  emit(root.value, "");
}
