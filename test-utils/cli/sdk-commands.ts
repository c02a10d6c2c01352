/**
 * The SDK half of the CLI (sdk-gate, proxy, diff, judge). Each command parses its own arguments
 * (sdk-gate splits at `--` and shares the mock's flags; proxy, diff and judge have a few options
 * of their own) and prints its own help, so here they are registered with the table by name,
 * summary and handler only: `--help` and `help <command>` reach the command's own text.
 */
import type { CommandSpec } from './option-table.ts';

function ownParser(name: string, summary: string, synopsis: string, load: () => Promise<CommandSpec['run']>): CommandSpec {
  return {
    name,
    summary,
    synopsis,
    description: `See \`tim-conformance ${name} --help\` for its options.`,
    rawArgs: true,
    ownHelp: true,
    async run(args, io) {
      return (await load())(args, io);
    },
  };
}

export const sdkGateCommand = ownParser(
  'sdk-gate',
  "run an SDK's own tests against the mock and judge the requests they make",
  'tim-conformance sdk-gate [options] -- <command> [args...]',
  async () => {
    const { sdkGateCommand: run } = await import('./sdk-gate-command.ts');
    return ({ positionals }, io) => run(positionals, io);
  },
);

export const proxyCommand = ownParser(
  'proxy',
  "forward an SDK's traffic to a server, judging requests and answers, recording them",
  'tim-conformance proxy --upstream URL|region:NAME --port N [--record FILE]',
  async () => {
    const { proxyCommand: run } = await import('./proxy-command.ts');
    return ({ positionals }, io) => run(positionals, io);
  },
);

export const diffCommand = ownParser('diff', 'compare the answers of two recordings', 'tim-conformance diff A B [--json]', async () => {
  const { diffCommand: run } = await import('./diff-command.ts');
  return ({ positionals }, io) => run(positionals, io);
});

export const judgeCommand = ownParser(
  'judge',
  "judge an SDK's recorded requests against the contract (offline)",
  'tim-conformance judge FILE [options]',
  async () => {
    const { runJudgeCommand: run } = await import('./judge-command.ts');
    return ({ positionals }, io) => run(positionals, io);
  },
);
