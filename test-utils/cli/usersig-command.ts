/**
 * `tim-conformance usersig`: prints a fresh UserSig for the app's admin on stdout, and only
 * there, so that a failure's curl line (which reads "$TIM_USERSIG") can be replayed:
 *   export TIM_USERSIG="$(npx tim-conformance usersig --sdkappid 1400000001)"
 * The secret key comes from TIM_SECRET_KEY (or --secret-key); without an SDKAppID the sig is
 * for the embedded mock's default app.
 */
import type { CommandSpec } from './option-table.ts';
import { targetFlags } from './options.ts';

export const usersigCommand: CommandSpec = {
  name: 'usersig',
  summary: "print a fresh UserSig for the app admin (to replay a failure's curl line)",
  synopsis: 'tim-conformance usersig [--sdkappid N] [--admin NAME]',
  description: `Prints a fresh UserSig (valid 24 hours) for the admin of the app on stdout and nothing else,
so that \`export TIM_USERSIG="$(npx tim-conformance usersig --sdkappid N)"\` makes a failure's curl
line runnable. The secret key is read from TIM_SECRET_KEY (or --secret-key); without --sdkappid
and TIM_SDKAPPID the sig is for the embedded mock's default app. Exit 2 on a configuration error.`,
  reuse: ['sdkappid', 'secret-key', 'admin'],
  async run({ values }, io) {
    const { ConfigError, resolveTargetConfig } = await import('../config/index.ts');
    const flags = targetFlags(values);
    let app;
    try {
      // A URL stands in for "not the mock" so that the app's credentials are required when an SDKAppID is given.
      const given = flags.sdkappid !== undefined || (process.env['TIM_SDKAPPID'] ?? '').trim() !== '';
      app = resolveTargetConfig(
        { ...flags, target: given ? 'http://127.0.0.1:9' : 'mock' },
        { ...process.env, TIM_TARGET: undefined },
      ).app;
    } catch (error) {
      if (error instanceof ConfigError) {
        const message =
          error.variable === 'TIM_SECRET_KEY' && /required/.test(error.message)
            ? "usersig needs the app's secret key: set TIM_SECRET_KEY (or --secret-key) with --sdkappid"
            : error.message;
        io.err(`tim-conformance: ${message}`);
        return 2;
      }
      throw error;
    }
    const { signUserSig } = await import('../signing/index.ts');
    io.out(signUserSig(app));
    return 0;
  },
};
