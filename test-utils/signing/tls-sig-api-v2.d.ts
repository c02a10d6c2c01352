// The official Node signer ships no type declarations; only the part we call is declared.
declare module 'tls-sig-api-v2' {
  export class Api {
    constructor(sdkappid: number, key: string);
    genUserSig(userid: string, expire: number): string;
  }
}
