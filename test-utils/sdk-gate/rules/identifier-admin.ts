/** REST calls are made as an App admin (REST overview: identifier must be an App admin account). */
import { param } from '../request-line.ts';
import { profileDoc, refusalOf, type RequestRule } from './rule.ts';

export const identifierAdmin: RequestRule = {
  scope: 'request',
  id: 'identifier.app-admin',
  title: 'The identifier is an App admin of the app',
  evidence: 'documented-set',
  accepted: false,
  profileRow: 'signing.not-admin',
  docUrl: profileDoc('signing.not-admin'),
  check(view, context) {
    const identifier = param(view.line, 'identifier');
    const app = context.apps.find((a) => a.sdkappid === param(view.line, 'sdkappid'));
    if (identifier === undefined || identifier === '' || app === undefined || app.admins.includes(identifier))
      return [];
    return [
      {
        message: `identifier '${identifier}' is not an admin of app ${app.sdkappid}; ${refusalOf('signing.not-admin')}`,
      },
    ];
  },
};
