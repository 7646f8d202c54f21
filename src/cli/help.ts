// Help texts that read well at any width: the prose after a command's options is reflowed to the width of
// the help (the terminal's, else 80) rather than kept with the line breaks it was written with. And the width
// of help and terminal tables.
import type { Io } from '../io-types.js';
import { wrapWords } from '../report/table.js';

/**
 * Help text reflowed to `width`: a paragraph of unindented lines is one paragraph, wrapped; an indented
 * line `  TERM  text` (two spaces or more after the term) is a definition, its text wrapped under itself
 * together with the lines indented to where its text starts; any other indented line (an example command,
 * a CSV header, YAML) is kept as it is.
 */
export function reflowHelp(text: string, width: number): string {
  const lines = text.split('\n');
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === '') {
      out.push(line);
      i++;
      continue;
    }
    if (!/^\s/.test(line)) {
      const paragraph = [line];
      // a line ending with a colon introduces what follows (a list, examples): it ends its paragraph
      while (i + 1 < lines.length && !lines[i]!.endsWith(':') && lines[i + 1]!.trim() !== '' && !/^\s/.test(lines[i + 1]!)) paragraph.push(lines[++i]!);
      out.push(...wrapWords(paragraph.join(' '), width));
      i++;
      continue;
    }
    const term = /^(\s+\S.*?\s{2,})(\S.*)$/.exec(line);
    if (!term || term[2]!.startsWith('#') || term[1]!.length > width - 20) {
      out.push(line);
      i++;
      continue;
    }
    const indent = term[1]!.length;
    const words = [term[2]!];
    while (i + 1 < lines.length && /^\s+/.exec(lines[i + 1]!)?.[0].length === indent && lines[i + 1]!.trim() !== '') words.push(lines[++i]!.trim());
    wrapWords(words.join(' '), width - indent).forEach((l, j) => out.push(j === 0 ? `${term[1]}${l}` : `${' '.repeat(indent)}${l}`));
    i++;
  }
  return out.join('\n');
}

/** Help text for `addHelpText`, reflowed to the help's width when shown. */
export function helpAfter(io: Io, text: string): () => string {
  return () => reflowHelp(text, terminalWidth(io));
}

export const MIN_WIDTH = 40;
export const MAX_WIDTH = 1000;
/** The width of reports and help that do not go to a terminal. */
export const STABLE_WIDTH = 80;

/** The terminal's width when `toStdout` goes to one (at least MIN_WIDTH), else the stable 80. */
export function terminalWidth(io: Io, toStdout = true): number {
  const columns = io.stdout.isTTY === true && toStdout ? io.stdout.columns : undefined;
  return columns && columns > 0 ? Math.max(MIN_WIDTH, columns) : STABLE_WIDTH;
}
