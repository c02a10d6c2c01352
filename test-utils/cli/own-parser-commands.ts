/**
 * The commands that parse their own arguments and print their own help (own-parser-command.ts):
 * the SDK half of the CLI (sdk-gate splits at `--` and shares the mock's flags; proxy, diff and
 * judge have a few options of their own) and replay.
 */
import { ownParser } from './own-parser-command.ts';

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

export const diffCommand = ownParser(
  'diff',
  'compare the answers of two recordings',
  'tim-conformance diff A B [--json]',
  async () => {
    const { diffCommand: run } = await import('./diff-command.ts');
    return ({ positionals }, io) => run(positionals, io);
  },
);

export const judgeCommand = ownParser(
  'judge',
  "judge an SDK's recorded requests against the contract (offline)",
  'tim-conformance judge FILE [options]',
  async () => {
    const { runJudgeCommand: run } = await import('./judge-command.ts');
    return ({ positionals }, io) => run(positionals, io);
  },
);

export const replayCommand = ownParser(
  'replay',
  "run a stateful check's replay file again, each answer beside the model's",
  'tim-conformance replay FILE [options]',
  async () => {
    const { replayCommand: run } = await import('./replay-command.ts');
    return ({ positionals }, io) => run(positionals, io);
  },
);
