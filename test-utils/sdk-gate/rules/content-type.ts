/**
 * Content-Type. Nothing documents the header (the `contenttype=json` query parameter carries the
 * format); the server accepts a request without it (inferred), so a missing or unusual one is a
 * note. `application/json` with any charset parameter earns nothing.
 */
import { profileDoc, type RequestRule } from './rule.ts';

export const contentType: RequestRule = {
  scope: 'request',
  id: 'request.content-type',
  title: 'A Content-Type of application/json (optional: the query carries contenttype=json)',
  evidence: 'inferred',
  accepted: true,
  profileRow: 'transport.content-type-variants',
  docUrl: profileDoc('transport.content-type-variants'),
  check(view) {
    const value = view.exchange.headers['content-type'];
    if (value === undefined) return [{ message: 'no Content-Type header (accepted: the query says contenttype=json)' }];
    const media = value.split(';')[0]?.trim().toLowerCase();
    if (media === 'application/json') return [];
    return [{ message: `Content-Type ${value}: the body is JSON (accepted, inferred)` }];
  },
};
