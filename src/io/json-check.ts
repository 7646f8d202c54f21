// A strict JSON syntax check, giving the offset of the first mistake (Node's own messages do not always). A
// JSON scenario or manifest is checked here first, then read by the YAML parser for its positions.

export function checkJson(text: string): { offset: number; message: string } | undefined {
  let i = 0;
  const n = text.length;
  class Bad {
    constructor(
      readonly offset: number,
      readonly message: string,
    ) {}
  }
  const fail = (message: string, at = i): never => {
    throw new Bad(at, message);
  };
  const ws = (): void => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const show = (): string => (i >= n ? 'the end of the file' : `\`${text[i]}\``);
  const str = (): void => {
    i++; // opening quote
    while (i < n) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('a \\u escape needs four hex digits');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail(`\`\\${e ?? ''}\` is not a JSON escape`);
      } else if (c.charCodeAt(0) < 0x20) fail('a line break or control character inside a string');
      else i++;
    }
    fail('a string is not closed (missing `"`)');
  };
  const num = (): void => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || !m[0] || m[0] === '-') fail(`a number cannot start with ${show()}`);
    i += m![0].length;
    if (i < n && /[0-9.eE]/.test(text[i]!)) fail('a malformed number (JSON allows no leading zeros, and digits after a `.`)');
  };
  const value = (depth: number): void => {
    if (depth > 200) fail('nesting too deep');
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`expected a double-quoted key, found ${show()}`);
        str();
        ws();
        if (text[i] !== ':') fail(`expected \`:\` after the key, found ${show()}`);
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          ws();
          if (text[i] === '}') fail('a comma before `}` (JSON allows no trailing comma)');
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail(`expected \`,\` or \`}\` after a value, found ${show()}`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ',') {
          i++;
          ws();
          if (text[i] === ']') fail('a comma before `]` (JSON allows no trailing comma)');
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail(`expected \`,\` or \`]\` after an item, found ${show()}`);
      }
    }
    if (c === '"') return str();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return num();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    fail(i >= n ? 'the file ends where a value was expected' : `expected a value, found ${show()}`);
  };
  try {
    ws();
    if (i >= n) return undefined; // empty: reported by the reader as an empty file
    value(0);
    ws();
    if (i < n) fail(`unexpected ${show()} after the end of the document`);
    return undefined;
  } catch (e) {
    if (e instanceof Bad) return { offset: Math.min(e.offset, n), message: e.message };
    throw e;
  }
}
