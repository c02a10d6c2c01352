/**
 * What a command-line process owes its caller, installed by the bin before any command runs:
 * - a reader that goes away (`| head`) ends the output quietly: EPIPE on stdout or stderr turns
 *   later writes to that stream into no-ops instead of an unhandled 'error' with a stack trace
 *   (the command itself goes on, so a run still cleans up after its output was cut);
 * - the process does not outlive its parent: `npx tim-conformance mock &` then `kill $!` kills
 *   npm, whose `sh -c` dies too and leaves this process orphaned. When the parent changes, the
 *   process sends itself SIGTERM once, which the mock and `run` handle as a stop (a run cleans
 *   up its groups first) and which ends any other command.
 */

/** How often the parent is looked at: a stop within about half a second of its death. */
export const PARENT_POLL_MS = 500;

type Writable = NodeJS.WriteStream;

function silenceOnEpipe(stream: Writable): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    // The reader is gone: what is still to be written has nowhere to go.
    stream.write = ((...args: unknown[]) => {
      const callback = args.find((a) => typeof a === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }) as Writable['write'];
  });
}

/** Sends SIGTERM to this process once, when its parent process changes (the parent died). */
export function stopWhenOrphaned(pollMs = PARENT_POLL_MS): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    process.kill(process.pid, 'SIGTERM');
  }, pollMs);
  timer.unref();
  return () => clearInterval(timer);
}

export function installProcessGuards(): void {
  silenceOnEpipe(process.stdout);
  silenceOnEpipe(process.stderr);
  stopWhenOrphaned();
}
