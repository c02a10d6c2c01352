/**
 * update_group_counter names its Mode. The CN page requires it, trtc.io/zh calls it optional and
 * the default (Set, inferred) is not documented, so an omitted Mode is tentative.
 */
import { operationCase } from '../../contract/index.ts';
import type { RequestRule } from './rule.ts';

const row = operationCase('update_group_counter', 'mode-omitted');

export const counterMode: RequestRule = {
  scope: 'request',
  id: 'body.counter-mode-given',
  title: 'update_group_counter says its Mode (Set, Increase or Decrease)',
  evidence: 'inferred',
  accepted: false,
  docUrl: row.expected.docUrls[0] ?? '',
  appliesTo: (op) => op?.operationId === 'update_group_counter',
  check(view) {
    const body = view.json as Record<string, unknown> | undefined;
    if (
      view.operation?.operationId !== 'update_group_counter' ||
      typeof body !== 'object' ||
      body === null ||
      'Mode' in body
    )
      return [];
    return [
      {
        message:
          'Mode is omitted: the pages disagree on whether it is required, and the default (Set) is only inferred',
      },
    ];
  },
};
