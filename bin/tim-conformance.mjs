#!/usr/bin/env node
// The CLI entry. The project ships TypeScript sources and runs them through tsx, so there is no
// build step between a clone and `npx tim-conformance`.
import { register } from 'tsx/esm/api';

register();
// Before any command: quiet EPIPE, and no process left running when the parent dies.
const { installProcessGuards } = await import('../test-utils/cli/process-guards.ts');
installProcessGuards();
const { main } = await import('../test-utils/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
