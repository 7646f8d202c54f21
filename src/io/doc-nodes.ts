// The nodes of a parsed YAML or JSON document: each remembers where it was written, for located errors.

/** A step of a path: a map key, or a list index. */
export type PathSeg = string | number;

interface NodeBase {
  /** 1-based position of the node's first character */
  line: number;
  column: number;
}

export interface DocScalar extends NodeBase {
  kind: 'scalar';
  /** the value as YAML 1.2 (core schema) reads it: a JS number is only a hint that the text is numeric */
  value: string | number | boolean | null;
  /** the source text of a plain scalar (`0.035`, `1e6`, `true`), or the string value of a quoted one */
  text: string;
  quoted: boolean;
}

export interface DocEntry {
  /** the key's text (`5` for both `5:` and `"5":`) */
  key: string;
  keyLine: number;
  keyColumn: number;
  value: DocNode;
}

export interface DocMap extends NodeBase {
  kind: 'map';
  entries: readonly DocEntry[];
}

export interface DocSeq extends NodeBase {
  kind: 'seq';
  items: readonly DocNode[];
}

export type DocNode = DocScalar | DocMap | DocSeq;

/** Keys that could reach an object's prototype if a document were ever turned into a plain object. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
