/**
 * `tim-conformance/mock`: the reference mock server for an SDK's own tests.
 *
 *   import { startMockServer, DEFAULT_FULL_APP } from 'tim-conformance/mock';
 *   const mock = await startMockServer();            // http://127.0.0.1:<free port>
 *   // ... sign with DEFAULT_FULL_APP (sdkappid, secretKey, admin) and call mock.url
 *   await mock.close();
 */
import { KNOWN_DEVIATIONS } from '../mock/index.ts';

export {
  startMockServer,
  DEFAULT_FULL_APP,
  DEFAULT_BASIC_APP,
  KNOWN_DEVIATIONS,
  FAULT_KINDS,
  MockState,
} from '../mock/index.ts';
export type {
  MockServerOptions,
  MockServerHandle,
  MockClock,
  MockApp,
  FaultKind,
  FaultOptions,
  MockGroup,
  MockAppState,
} from '../mock/index.ts';
export type { TlsMaterial } from '../mock/tls.ts';

/** The name of a deviation from the reference behaviour (the `deviations` option), e.g. 'limits.count-utf16-units'. */
export type DeviationName = keyof typeof KNOWN_DEVIATIONS;

/** Every deviation name, sorted. */
export const DEVIATION_NAMES: readonly DeviationName[] = (Object.keys(KNOWN_DEVIATIONS) as DeviationName[]).sort();
