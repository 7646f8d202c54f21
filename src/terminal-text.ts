// Text from the user's files (place, scenario and intervention names, paths, cell text) shown on a terminal:
// control characters are shown escaped, never sent raw, so that a name cannot retitle the terminal
// (`ESC ] 0 ;`), hide or recolour what follows (`ESC [ 8 m`), ring the bell, rewrite a line (CR) or cut a
// message short (NUL). Used at the edges: every message on stderr (src/cli/errors.ts, src/cli/context.ts, the
// option parser's) and every report drawn for people (terminal tables, Markdown; HTML and SVG through their
// escaping). CSV, JSON and Excel keep the data as it is.

/** The C0 controls but line feed and tab, DEL, and the C1 controls. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** The colour and weight codes placepool's own colours use (bold, underline, red, green, yellow, and their ends). */
// eslint-disable-next-line no-control-regex
const OWN_STYLE = /\u001b\[(?:1|4|22|24|31|32|33|39)m/y;

const NAMED: Record<string, string> = { '\r': '\\r' };

/** How one control character is shown: `\r`, else `\xNN` (`\x1b` for escape, `\x00`, `\x07`, `\x9b`). */
function shown(c: string): string {
  return NAMED[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
}

/**
 * `text` with its control characters shown escaped (line feeds and tabs kept). With `ownColours`, the colour
 * codes placepool itself writes (only those: never one that hides or moves text) are kept, so a coloured table
 * keeps its colours while an escape sequence in a name is shown.
 */
export function visibleControls(text: string, ownColours = false): string {
  return argumentsAsTyped(text).replace(CONTROL, (c, offset: number) => {
    if (ownColours && c === '\u001b') {
      OWN_STYLE.lastIndex = offset;
      if (OWN_STYLE.test(text)) return c;
    }
    return shown(c);
  });
}

/**
 * A file name's bytes as text: UTF-8 where they are UTF-8, and each other byte as `\xNN`, so that a name in
 * another encoding (Latin-1 `caf\xe9.csv`) is shown readably rather than as `caf�.csv`.
 */
export function readableBytes(bytes: Uint8Array): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let out = '';
  for (let i = 0; i < buf.length; ) {
    const b = buf[i]!;
    const n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    const piece = n > 0 ? buf.subarray(i, i + n) : undefined;
    const text = piece && piece.length === n ? piece.toString('utf8') : undefined;
    if (text !== undefined && !text.includes('\ufffd')) {
      out += text;
      i += n;
    } else {
      out += `\\x${b.toString(16).padStart(2, '0')}`;
      i += 1;
    }
  }
  return out;
}

/**
 * Command-line arguments whose bytes are not UTF-8: Node gives them with `�` in place of each bad byte, which
 * names no file. The CLI notes their bytes here (src/cli/main.ts, from /proc/self/cmdline), so that an input of
 * that name is opened by its bytes (`rawArgument`) and shown readably in messages (`visibleControls`).
 */
const rawArguments = new Map<string, Buffer>();

export function noteRawArguments(args: readonly string[], raw: readonly Buffer[]): void {
  if (raw.length !== args.length) return;
  args.forEach((arg, i) => {
    if (arg.includes('\ufffd') && raw[i]!.toString('utf8') === arg) rawArguments.set(arg, raw[i]!);
  });
}

/** The bytes of an argument that is not UTF-8 (as typed), or undefined for any other. */
export function rawArgument(arg: string): Buffer | undefined {
  return rawArguments.get(arg);
}

/** `text` with each argument that is not UTF-8 written as `readableBytes` shows it. */
export function argumentsAsTyped(text: string): string {
  if (rawArguments.size === 0 || !text.includes('\ufffd')) return text;
  for (const [arg, raw] of rawArguments) text = text.split(arg).join(readableBytes(raw));
  return text;
}
