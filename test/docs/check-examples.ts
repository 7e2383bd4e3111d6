// Typechecks every TSDoc @example against the public entry points, in one TypeScript program.
// Each example becomes an in-memory module: it imports every public name of `konnect-aws` and
// `konnect-aws/testing` (tsconfig `paths` map them to src/), plus the prelude's givens, and its body
// runs inside an async function so snippets may `await` and `return`. Imports the example writes
// itself stay imports, and win over the blanket ones.
import { join } from "node:path";
import ts from "typescript";
import { extractExamples, type Example } from "./extract-examples.js";

export interface ExampleResult {
  example: Example;
  /** `file:line: message`, one per compiler diagnostic; empty when the example compiles. */
  errors: string[];
}

const ENTRY_POINTS = { "konnect-aws": "src/index.ts", "konnect-aws/testing": "src/testing/index.ts" } as const;
const PRELUDE = "test/docs/prelude.ts";

export function checkExamples(repo: string): ExampleResult[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(repo, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n")); } });
  if (!config) throw new Error("tsconfig.json unreadable");
  const options = { ...config.options, noEmit: true };
  const roots = [...Object.values(ENTRY_POINTS), PRELUDE].map((f) => join(repo, f));

  const examples = extractExamples(repo);
  const paths = examples.map((_, i) => join(repo, "test/docs", `example-${i}.ts`));
  const sources = new Map<string, string>(paths.map((p) => [p, ""]));

  // In-memory wrappers; every parsed file is kept, so the second program below parses only them.
  const host = ts.createCompilerHost(options);
  const { fileExists, readFile, getSourceFile } = host;
  const parsed = new Map<string, ts.SourceFile | undefined>();
  host.fileExists = (f) => sources.has(f) || fileExists.call(host, f);
  host.readFile = (f) => sources.get(f) ?? readFile.call(host, f);
  host.getSourceFile = (f, lang, ...rest) => {
    if (!parsed.has(f)) parsed.set(f, sources.has(f) ? ts.createSourceFile(f, sources.get(f)!, lang) : getSourceFile.call(host, f, lang, ...rest));
    return parsed.get(f);
  };
  const rootNames = [...roots, ...paths];

  // Pass 1, with empty wrappers, only lists the public names the wrappers import.
  const first = ts.createProgram({ rootNames, options, host });
  const checker = first.getTypeChecker();
  const exportsOf = (file: string) => checker.getExportsOfModule(checker.getSymbolAtLocation(first.getSourceFile(join(repo, file))!)!).map((s) => s.name);
  const blanket = [...Object.entries(ENTRY_POINTS).map(([spec, file]) => ({ spec, names: exportsOf(file) })), { spec: "./prelude.js", names: exportsOf(PRELUDE) }];

  const wrappers = new Map<string, { example: Example; lines: number[] }>();
  examples.forEach((example, i) => {
    const { text, lines } = wrap(example, blanket);
    sources.set(paths[i]!, text);
    parsed.delete(paths[i]!);
    wrappers.set(paths[i]!, { example, lines });
  });
  const program = ts.createProgram({ rootNames, options, host, oldProgram: first });

  return [...wrappers].map(([path, { example, lines }]) => {
    const sf = program.getSourceFile(path)!;
    const diagnostics = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
    const errors = diagnostics.map((d) => {
      const wrapperLine = d.start === undefined ? -1 : sf.getLineAndCharacterOfPosition(d.start).line;
      const line = lines[wrapperLine] ?? example.line;
      return `${example.file}:${line}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
    return { example, errors };
  });
}

/** The wrapper module's text, and for each of its lines the source line it came from. */
function wrap(example: Example, blanket: { spec: string; names: string[] }[]): { text: string; lines: number[] } {
  const parsed = ts.createSourceFile("example.ts", example.code, ts.ScriptTarget.Latest, true);
  const imports = parsed.statements.filter(ts.isImportDeclaration);
  const ownNames = new Set(imports.flatMap((i) => importedNames(i)));
  const importLines = new Set(imports.flatMap((i) => range(lineOf(parsed, i.getStart()), lineOf(parsed, i.getEnd()))));
  const code = example.code.split("\n");

  const out: { text: string; line: number }[] = [];
  for (const { spec, names } of blanket) {
    const missing = names.filter((n) => !ownNames.has(n));
    if (missing.length > 0) out.push({ text: `import { ${missing.join(", ")} } from "${spec}";`, line: example.line });
  }
  code.forEach((text, i) => importLines.has(i) && out.push({ text, line: example.line + i }));
  out.push({ text: "export async function example() {", line: example.line });
  code.forEach((text, i) => out.push({ text: importLines.has(i) ? "" : text, line: example.line + i }));
  out.push({ text: "}", line: example.line + code.length - 1 });
  return { text: out.map((o) => o.text).join("\n"), lines: out.map((o) => o.line) };
}

const lineOf = (sf: ts.SourceFile, pos: number) => sf.getLineAndCharacterOfPosition(pos).line;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const importedNames = (i: ts.ImportDeclaration): string[] => {
  const clause = i.importClause;
  if (!clause) return [];
  const named = clause.namedBindings;
  return [
    ...(clause.name ? [clause.name.text] : []),
    ...(named && ts.isNamespaceImport(named) ? [named.name.text] : []),
    ...(named && ts.isNamedImports(named) ? named.elements.map((e) => e.name.text) : []),
  ];
};

