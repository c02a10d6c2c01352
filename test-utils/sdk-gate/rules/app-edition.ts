/**
 * Counters need an edition the app may not have (10059 when it is missing). The judge knows an
 * app's edition from its context (the mock's basic app has none).
 */
import { getOperation } from '../../contract/index.ts';
import { param } from '../request-line.ts';
import { statusOfEvidence, type RequestRule } from './rule.ts';

const edition = getOperation('update_group_counter')['x-tim-edition'];

export const appEdition: RequestRule = {
  scope: 'request',
  id: 'app.edition',
  title: "The operation is in the app's edition (group counters need Pro/Ultimate/Enterprise)",
  evidence: edition?.missing.status ?? 'documented',
  accepted: false,
  docUrl: edition?.missing.docUrls[0] ?? '',
  appliesTo: (op) => Boolean(op?.['x-tim-edition']),
  check(view, context) {
    const needed = view.operation?.['x-tim-edition'];
    if (!needed) return [];
    const app = context.apps.find((a) => a.sdkappid === param(view.line, 'sdkappid'));
    if (app === undefined || app.countersEdition !== false) return [];
    return [
      {
        message: `app ${app.sdkappid} does not have the edition ${view.operation?.operationId} needs (${needed.names.join(' / ')}); would be refused with ${needed.missing.code}`,
        status: statusOfEvidence(needed.missing.status),
        ...(needed.missing.docUrls[0] ? { docUrl: needed.missing.docUrls[0] } : {}),
      },
    ];
  },
};
