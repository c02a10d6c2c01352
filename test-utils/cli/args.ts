/**
 * The CLI's usage error, under the name older modules and tests import it by. Commands parse
 * their options with the option table (option-table.ts), which throws it.
 */
export { UsageError } from './option-table.ts';
