/**
 * UserSig v2: the official signer, a cache that replaces sigs before they expire, and crafted
 * negative sigs for the signing checks.
 */
export {
  signUserSig,
  decodeUserSig,
  userSigHmacMatches,
  hmacUserSig,
  signingString,
  base64UrlTencent,
  unbase64UrlTencent,
  nowInSeconds,
  DEFAULT_USERSIG_EXPIRE_SECONDS,
} from './usersig.ts';
export type { SignOptions, SigningFields, DecodedUserSig } from './usersig.ts';
export { UserSigCache } from './cache.ts';
export type { UserSigCacheOptions } from './cache.ts';
export {
  craftUserSig,
  CRAFTED_USERSIG_KINDS,
  ACCEPTABLE_USERSIG_KINDS,
  USERSIG_FIELDS,
  javaStringHash,
  javaHashMapOrder,
  craftUserSigWithSigByteChanged,
  craftUserSigExpiringAt,
  SIG_BYTE_POSITIONS,
} from './crafted.ts';
export type { CraftedUserSigKind, CraftOptions, UserSigField, SigBytePosition } from './crafted.ts';
