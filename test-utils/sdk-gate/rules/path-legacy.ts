/**
 * get_group_attr under group_open_http_svc: Tencent's own OpenAPI SDKs call it there, the page
 * documents group_open_attr_http_svc. Accepted (a documented set of paths): a note.
 */
import { profileDoc, type RequestRule } from './rule.ts';

export const pathLegacy: RequestRule = {
  scope: 'request',
  id: 'request.path-legacy',
  title: 'The documented path rather than an alternative one (get_group_attr under group_open_attr_http_svc)',
  evidence: 'documented-set',
  accepted: true,
  profileRow: 'transport.get-group-attr-alternative-path',
  docUrl: profileDoc('transport.get-group-attr-alternative-path'),
  appliesTo: (op) => (op?.alternativePaths.length ?? 0) > 0,
  check(view) {
    if (view.pathKind !== 'alternative' || view.operation === undefined) return [];
    return [
      {
        message: `path ${view.line.pathname} is an alternative path of ${view.operation.operationId}; the page documents ${view.operation.path} (accepted)`,
      },
    ];
  },
};
