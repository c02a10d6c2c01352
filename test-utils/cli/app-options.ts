/**
 * The five flags that name an app and its credentials: --sdkappid, --secret-key, --admin,
 * --basic-sdkappid, --basic-secret-key. run, janitor and replay read them (with the TIM_*
 * variables) as the target's apps, the mock and sdk-gate as the apps the mock serves, judge (with
 * the variables) as the apps a recording talked to. Their names, placeholders, variables and
 * default are defined here once; each group of commands says what they mean to it.
 */
import type { OptionSpec } from './option-table.ts';

export type AppFlag = 'sdkappid' | 'secret-key' | 'admin' | 'basic-sdkappid' | 'basic-secret-key';

const APP_FLAGS: Readonly<Record<AppFlag, { value: string; env: string; default?: string }>> = {
  sdkappid: { value: 'N', env: 'TIM_SDKAPPID' },
  'secret-key': { value: 'KEY', env: 'TIM_SECRET_KEY' },
  admin: { value: 'NAME', env: 'TIM_ADMIN', default: 'administrator' },
  'basic-sdkappid': { value: 'N', env: 'TIM_BASIC_SDKAPPID' },
  'basic-secret-key': { value: 'KEY', env: 'TIM_BASIC_SECRET_KEY' },
};

export interface AppOptionGroup {
  /** What each flag means to these commands. */
  help: Readonly<Record<AppFlag, string>>;
  section: string;
  /** The commands read the TIM_* variables too (flags win). */
  variables: boolean;
  commands?: readonly string[];
  /** The shared table's key of each flag, when another group is shared under the same names. */
  keyPrefix?: string;
}

export function appOptions(group: AppOptionGroup): OptionSpec[] {
  return (Object.keys(APP_FLAGS) as AppFlag[]).map((name) => {
    const flag = APP_FLAGS[name];
    return {
      name,
      ...(group.keyPrefix !== undefined ? { key: `${group.keyPrefix}${name}` } : {}),
      type: 'string',
      value: flag.value,
      ...(group.variables ? { env: flag.env } : {}),
      ...(flag.default !== undefined ? { default: flag.default } : {}),
      section: group.section,
      help: group.help[name],
      ...(group.commands !== undefined ? { commands: group.commands } : {}),
    };
  });
}
