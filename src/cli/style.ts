/** ANSI styles, or plain text when colour is off. @internal */
export interface Style {
  green(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

/**
 * Colour only on a terminal, never with NO_COLOR set to anything non-empty (no-color.org) or `--no-color`.
 * @internal
 */
export function createStyle(o: { color: boolean; isTTY: boolean; env: NodeJS.ProcessEnv }): Style {
  const on = o.color && o.isTTY && !o.env.NO_COLOR;
  if (!on) {
    const id = (s: string) => s;
    return { green: id, red: id, yellow: id, dim: id, bold: id };
  }
  return { green: wrap(32, 39), red: wrap(31, 39), yellow: wrap(33, 39), dim: wrap(2, 22), bold: wrap(1, 22) };
}
