/** The path is /v4/<service>/<command> of an operation of the contract. */
import { profileDoc, refusalOf, type RequestRule } from './rule.ts';

export const pathDocumented: RequestRule = {
  scope: 'request',
  id: 'request.path-documented',
  title: 'The path is /v4/<service>/<command> of a documented operation',
  // A command outside this contract may be a documented API the contract does not cover; the
  // answer (60009) is inferred, so the finding is tentative.
  evidence: 'inferred',
  accepted: false,
  profileRow: 'transport.unknown-command',
  docUrl: profileDoc('transport.unknown-command'),
  check(view) {
    if (view.pathKind !== 'unknown') return [];
    const shape = /^\/v4\/[a-z_]+\/[a-z_]+$/.test(view.line.pathname)
      ? 'no operation of this contract'
      : 'not of the form /v4/<service>/<command>';
    return [{ message: `path ${view.line.pathname}: ${shape}; ${refusalOf('transport.unknown-command')}` }];
  },
};
