/**
 * An exchange read once for every rule: which operation its path addresses, its query, its body
 * as bytes, text and JSON, and the number literals as written. Rules only look things up here.
 */
import { operationByPath, operations, type OperationContract } from '../contract/index.ts';
import { exchangeBodyBytes, type RecordedExchange } from './exchange.ts';
import { numberLiterals, type NumberLiteral } from './raw-json.ts';
import { parseRequestLine, type RequestLine } from './request-line.ts';

export interface RequestView {
  exchange: RecordedExchange;
  line: RequestLine;
  /** The operation the path addresses (documented or alternative path). */
  operation: OperationContract | undefined;
  /** 'documented' path, an 'alternative' path of a documented operation, or 'unknown'. */
  pathKind: 'documented' | 'alternative' | 'unknown';
  /** operationId, or the path itself when no operation matches (findings are grouped by it). */
  operationLabel: string;
  bodyBytes: Buffer;
  /** Whether the body bytes are valid UTF-8. */
  utf8: boolean;
  /** The parsed body when it is JSON (any JSON value); absent when empty or not JSON. */
  json?: unknown;
  /** Why the body is not JSON ('empty', or the parser's message). */
  jsonError?: string;
  /** Every number literal of the body as written (only when the body is JSON). */
  numbers: NumberLiteral[];
  /** The answer's ErrorCode, when the SDK got a JSON answer with one. */
  answeredCode?: number;
}

function answeredCode(exchange: RecordedExchange): number | undefined {
  if (exchange.response === undefined) return undefined;
  try {
    const body = JSON.parse(exchange.response.body) as { ErrorCode?: unknown };
    return typeof body.ErrorCode === 'number' ? body.ErrorCode : undefined;
  } catch {
    return undefined;
  }
}

export function viewOf(exchange: RecordedExchange): RequestView {
  const line = parseRequestLine(exchange.path);
  const operation = operationByPath(line.pathname);
  const pathKind =
    operation === undefined ? 'unknown' : operation.path === line.pathname ? 'documented' : 'alternative';
  const bodyBytes = exchangeBodyBytes(exchange);
  const view: RequestView = {
    exchange,
    line,
    operation,
    pathKind,
    operationLabel: operation?.operationId ?? line.pathname,
    bodyBytes,
    utf8: exchange.bodyBase64 === undefined,
    numbers: [],
  };
  const text = exchange.body;
  if (text.trim() === '') view.jsonError = 'empty';
  else {
    try {
      view.json = JSON.parse(text);
      view.numbers = numberLiterals(text);
    } catch (error) {
      view.jsonError = (error as Error).message;
    }
  }
  const code = answeredCode(exchange);
  if (code !== undefined) view.answeredCode = code;
  return view;
}

/** Every operation of the contract (the matrix lists those the SDK never called too). */
export function contractOperations(): OperationContract[] {
  return operations();
}
