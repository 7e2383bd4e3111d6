// Pulls every ```ts block out of the TSDoc comments under src/, remembering where it came from so a
// compiler message can point at the source line rather than at a generated wrapper.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

export interface Example {
  /** Path relative to the repository, e.g. `src/konnect/pagination.ts`. */
  file: string;
  /** 1-based line in `file` of the example's first code line. */
  line: number;
  /** The code, with the comment's leading ` * ` removed. */
  code: string;
}

const tsFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    return statSync(path).isDirectory() ? tsFiles(path) : f.endsWith(".ts") ? [path] : [];
  });

/** Every example in `/** ... *\/` comments of the `.ts` files under `srcDir`. */
export function extractExamples(repo: string, srcDir = join(repo, "src")): Example[] {
  return tsFiles(srcDir).sort().flatMap((path) => examplesIn(relative(repo, path), readFileSync(path, "utf8")));
}

export function examplesIn(file: string, text: string): Example[] {
  const examples: Example[] = [];
  for (const comment of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const firstLine = text.slice(0, comment.index).split("\n").length;
    const lines = comment[0].split("\n").map((l) => l.replace(/^\s*\/?\*+\/?\s?/, "").replace(/\s*\*\/$/, ""));
    let open: { line: number; code: string[] } | undefined;
    // An @example whose code is not in a ```ts block would escape the check: refuse it.
    let tag: number | undefined;
    const untyped = () => new Error(`${file}:${tag}: @example without a \`\`\`ts block`);
    lines.forEach((l, i) => {
      if (!open && /^```(ts|typescript)\s*$/.test(l.trim())) {
        open = { line: firstLine + i + 1, code: [] };
        tag = undefined;
      } else if (open && l.trim() === "```") {
        examples.push({ file, line: open.line, code: open.code.join("\n") });
        open = undefined;
      } else if (open) open.code.push(l);
      else if (l.startsWith("@")) {
        if (tag !== undefined) throw untyped();
        if (l.startsWith("@example")) tag = firstLine + i;
      }
    });
    if (open) throw new Error(`${file}:${open.line - 1}: unclosed \`\`\`ts fence`);
    if (tag !== undefined) throw untyped();
  }
  return examples;
}
