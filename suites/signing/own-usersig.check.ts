// Client side: the UserSig this project signs (test-utils/signing, the official tls-sig-api-v2)
// decodes, with the document's own steps written out here, to the fields it was asked for and
// an HMAC over the documented signing string; and it is what the server accepts.
import { createHmac } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { defineCheck, profileCase } from '../../test-utils/check/index.ts';
import { DEFAULT_USERSIG_EXPIRE_SECONDS, signUserSig } from '../../test-utils/signing/index.ts';

const accepted = profileCase('transport.http-200');
const variants = profileCase('signing.verifier-variants');

/** Tencent's base64 ('*' '-' '_' for '+' '/' '='), zlib, JSON: the steps of the signing document. */
function decode(usersig: string): Record<string, unknown> {
  const standard = usersig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '=');
  return JSON.parse(inflateSync(Buffer.from(standard, 'base64')).toString('utf8')) as Record<string, unknown>;
}

defineCheck(
  {
    operation: 'get_group_attr',
    check: 'usersig-own-signer',
    evidence: variants,
    title: 'our own UserSig has the documented fields and is accepted',
  },
  async (ctx) => {
    const group = await ctx.createGroup();
    const { app } = ctx.target;
    const before = Math.floor(Date.now() / 1000);
    const usersig = signUserSig(app);
    const fields = decode(usersig);
    const time = fields['TLS.time'];
    const signed = `TLS.identifier:${app.admin}\nTLS.sdkappid:${app.sdkappid}\nTLS.time:${String(time)}\nTLS.expire:${DEFAULT_USERSIG_EXPIRE_SECONDS}\n`;
    const wanted = {
      'TLS.ver': '2.0',
      'TLS.identifier': app.admin,
      'TLS.sdkappid': app.sdkappid,
      'TLS.expire': DEFAULT_USERSIG_EXPIRE_SECONDS,
      'TLS.time':
        typeof time === 'number' && time >= before && time <= before + 5
          ? time
          : `a time between ${before} and ${before + 5}`,
      'TLS.sig': createHmac('sha256', app.secretKey).update(signed, 'utf8').digest('base64'),
    };
    const result = await ctx.call('get_group_attr', { GroupId: group.groupId }, { usersig, retry: false });
    // The client's own output is compared before the server's answer, so a bad signer is named as such.
    ctx.expectEqual(
      result,
      Object.fromEntries(Object.keys(wanted).map((k) => [k, fields[k]])),
      wanted,
      'the UserSig decodes to TLS.ver 2.0, the admin, the sdkappid, the expiry and now, with the HMAC-SHA256 of the signing string',
    );
    ctx.expectErrorCode(result, accepted, 'the server accepts our own UserSig');
  },
);
