/**
 * What the proxy checks about the server's side of an exchange: the documented envelope (HTTP
 * 200 for every API-level result; ActionStatus, ErrorCode, ErrorInfo; OK exactly when the code
 * is 0) and, on success, the operation's response schema. These are findings about the server,
 * not the SDK: they are reported apart and never gate an SDK.
 */
import { operationByPath, validateEnvelope, validateResponse } from '../contract/index.ts';
import type { RecordedExchange } from './exchange.ts';

export interface ServerFinding {
  rule: 'server.http-status' | 'server.body-not-json' | 'server.envelope' | 'server.response-schema';
  operation: string;
  message: string;
  docUrl: string;
  seq: number;
}

/** The page on the common response envelope (also in schemas/envelope.schema.json). */
const ENVELOPE_DOC = 'https://cloud.tencent.com/document/product/269/1519';

export function checkServerAnswer(exchange: RecordedExchange): ServerFinding[] {
  const response = exchange.response;
  const op = operationByPath(exchange.path);
  if (response === undefined || op === undefined) return [];
  const operation = op.operationId;
  const docUrl = op['x-tim-docs'][0] ?? ENVELOPE_DOC;
  const finding = (rule: ServerFinding['rule'], message: string, url = docUrl): ServerFinding => ({
    rule,
    operation,
    message,
    docUrl: url,
    seq: exchange.seq,
  });
  if (response.status !== 200)
    return [
      finding(
        'server.http-status',
        `answered HTTP ${response.status}; the API answers 200 and puts the result in the envelope`,
        ENVELOPE_DOC,
      ),
    ];
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    return [finding('server.body-not-json', 'the answer is not JSON', ENVELOPE_DOC)];
  }
  const envelope = validateEnvelope(body);
  if (!envelope.valid) {
    return [
      finding(
        'server.envelope',
        `envelope: ${envelope.errors.map((e) => `${e.path || '(body)'} ${e.message}`).join('; ')}`,
        ENVELOPE_DOC,
      ),
    ];
  }
  const result = validateResponse(operation, body);
  if (!result.valid)
    return [
      finding(
        'server.response-schema',
        `response schema: ${result.errors.map((e) => `${e.path || '(body)'} ${e.message}`).join('; ')}`,
      ),
    ];
  return [];
}
