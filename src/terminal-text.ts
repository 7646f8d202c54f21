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
  return text.replace(CONTROL, (c, offset: number) => {
    if (ownColours && c === '\u001b') {
      OWN_STYLE.lastIndex = offset;
      if (OWN_STYLE.test(text)) return c;
    }
    return shown(c);
  });
}
