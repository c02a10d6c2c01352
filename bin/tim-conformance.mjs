#!/usr/bin/env node
// The CLI entry. An installed package runs its built JavaScript (dist/, made by `npm run build`
// before packing) with no TypeScript loader. A clone of the repository runs its TypeScript
// sources through tsx (a development dependency), so `npm ci && npx tim-conformance run` needs no
// build step and never runs a dist/ older than the sources. TIM_CONFORMANCE_BUILT=1 makes a clone
// run its dist/ instead (to try the build as it will be installed).
import { existsSync } from 'node:fs';

const sources = new URL('../test-utils/cli/main.ts', import.meta.url);
const built = new URL('../dist/test-utils/cli/main.js', import.meta.url);

/** main.ts (or its build) with the process guards it re-exports. */
async function loadCli() {
  if (existsSync(sources) && process.env.TIM_CONFORMANCE_BUILT !== '1') {
    try {
      const { register } = await import('tsx/esm/api');
      register();
      return await import(sources.href);
    } catch (error) {
      // tsx is missing (installed without development dependencies): use the build when there is one.
      if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !existsSync(built)) throw error;
    }
  }
  if (!existsSync(built)) {
    process.stderr.write('tim-conformance: dist/ is missing; run `npm run build` first\n');
    process.exit(2);
  }
  return await import(built.href);
}

const cli = await loadCli();
// Before any command: quiet EPIPE, and no process left running when its parent dies.
cli.installProcessGuards();
process.exitCode = await cli.main(process.argv.slice(2));
