/**
 * Integers are written as JSON integer literals: a counter `Value` of 5 is `5`, not `5.0`, `5e0`
 * or `"5"`. JSON.parse reads `5.0` as 5, so the raw text is checked: each number literal with a
 * fraction or exponent is tried as 0.5 against the schema; where the schema then says "must be
 * integer", the field is an integer and the literal is not.
 */
import { validateRequest } from '../../contract/index.ts';
import { atPointer, isIntegerLiteral, replacedAt } from '../raw-json.ts';
import { profileDoc, REST_OVERVIEW_ROW, type RequestRule, type Violation } from './rule.ts';

export const bodyIntegerLiterals: RequestRule = {
  scope: 'request',
  id: 'body.integer-literals',
  title: 'Integer fields (a counter Value) are JSON integer literals: no fraction, no exponent',
  evidence: 'documented',
  accepted: false,
  profileRow: REST_OVERVIEW_ROW,
  docUrl: profileDoc(REST_OVERVIEW_ROW),
  check(view) {
    const op = view.operation;
    if (op === undefined || typeof view.json !== 'object' || view.json === null) return [];
    const out: Violation[] = [];
    const docUrl = op['x-tim-docs'][0];
    for (const literal of view.numbers) {
      // 5.5 is not an integer at all: body.schema reports it; here only what JSON.parse hides.
      if (isIntegerLiteral(literal.raw) || !Number.isInteger(atPointer(view.json, literal.pointer))) continue;
      const probe = validateRequest(op.operationId, replacedAt(view.json, literal.pointer, 0.5));
      if (probe.errors.some((e) => e.path === literal.pointer && e.message === 'must be integer')) {
        out.push({
          message: `${literal.pointer} is written ${literal.raw}: an integer field takes an integer literal`,
          ...(docUrl ? { docUrl } : {}),
        });
      }
    }
    return out;
  },
};
