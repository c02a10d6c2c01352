/**
 * `tim-conformance/signing`: UserSig v2 (Tencent's own signer), decoding and HMAC checks, a cache,
 * and the crafted UserSigs the signing checks send (wrong key, expired, other identifier ...).
 *
 *   import { signUserSig } from 'tim-conformance/signing';
 *   const usersig = signUserSig({ sdkappid: 1400000001, secretKey: '...', admin: 'administrator' });
 */
export * from '../signing/index.ts';
export type { AppCredentials } from '../contract/types.ts';
