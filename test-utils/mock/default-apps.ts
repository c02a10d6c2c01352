/**
 * The two apps the embedded reference mock starts with. Test-only values, published on purpose:
 * they sign requests to a mock on this machine and open nothing anywhere else.
 */
import type { AppCredentials } from '../contract/types.ts';

export interface MockApp extends AppCredentials {
  /** Further admin accounts besides `admin` (a real app allows up to 10). */
  extraAdmins: string[];
  /** Whether the app has the edition that enables group counters (else 10059). */
  countersEdition: boolean;
}

export const DEFAULT_FULL_APP: MockApp = {
  sdkappid: 1400000001,
  secretKey: 'tim-conformance-full-edition-test-key-not-secret',
  admin: 'administrator',
  extraAdmins: [],
  countersEdition: true,
};

export const DEFAULT_BASIC_APP: MockApp = {
  sdkappid: 1400000002,
  secretKey: 'tim-conformance-basic-edition-test-key-not-secret',
  admin: 'administrator',
  extraAdmins: [],
  countersEdition: false,
};
