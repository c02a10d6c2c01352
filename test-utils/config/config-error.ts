/**
 * The one error a user's configuration can cause: one sentence that names the flag and the
 * variable and says what to do, raised before any request (the CLI maps it to exit code 2).
 * No message ever contains a secret key.
 */
export class ConfigError extends Error {
  /** The environment variable concerned (TIM_SDKAPPID ...), when there is one. */
  readonly variable: string | undefined;

  constructor(message: string, variable?: string) {
    super(message);
    this.name = 'ConfigError';
    this.variable = variable;
  }
}

/** The process environment, or a test's stand-in for it. */
export type Env = Record<string, string | undefined>;
