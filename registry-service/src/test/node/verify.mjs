// An independent verifier of the platform's badges: Node.js and the `jose` library (pinned in package-lock.json),
// nothing of the platform's code. It follows what an employer's software would: the key the badge's header names,
// the issuer's Bitstring Status Lists the badge's credentialStatus names, and the validity period.
//
//   node verify.mjs <badges.json>
//
// badges.json: {"publicBase": "<the registry's public URL>", "reachAt": "<where this run reaches it>",
//               "badges": [{"name": "...", "jwt": "..."} or {"name": "...", "png": "<file>"}]}
// A PNG is a badge's picture with the badge baked in (Open Badges 3.0: an iTXt chunk "openbadgecredential").
// Prints one JSON object a line, {"name", "verdict", "detail"}, verdict VALID, REVOKED, SUSPENDED, EXPIRED or
// INVALID; then "N passed, 0 failed" counting the badges it could judge.

import { compactVerify, decodeProtectedHeader, importJWK } from 'jose';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const OB_303 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

const { publicBase, reachAt, badges } = JSON.parse(readFileSync(process.argv[2], 'utf8'));

class Rejected extends Error {}

/** The compact VC-JWT baked into a PNG: the text of its uncompressed iTXt chunk with the keyword. */
function bakedInPng(file) {
  const png = readFileSync(file);
  if (!png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    throw new Rejected('not a PNG');
  }
  for (let at = 8; at + 8 <= png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    at += 12 + length;
    if (type !== 'iTXt') {
      continue;
    }
    const keywordEnd = data.indexOf(0);
    if (data.toString('latin1', 0, keywordEnd) !== 'openbadgecredential') {
      continue;
    }
    if (data[keywordEnd + 1] !== 0) {
      throw new Rejected('the baked credential is compressed');
    }
    const languageEnd = data.indexOf(0, keywordEnd + 3);
    const translatedEnd = data.indexOf(0, languageEnd + 1);
    return data.toString('utf8', translatedEnd + 1);
  }
  throw new Rejected('no baked credential in the PNG');
}

/** Fetches a public URL of the registry where this run reaches it. */
async function resolve(url) {
  if (!url.startsWith(publicBase + '/')) {
    throw new Rejected(`not a URL of the registry: ${url}`);
  }
  const answer = await fetch(reachAt + url.slice(publicBase.length));
  if (!answer.ok) {
    throw new Rejected(`${url} answered ${answer.status}`);
  }
  return answer;
}

/**
 * Checks a VC-JWT's signature with the key its kid names; the key must be published under the issuer's own URL,
 * or anyone could sign a badge with a key of their own. Returns the payload.
 */
async function verifySignature(jwt) {
  const header = decodeProtectedHeader(jwt);
  if (header.alg !== 'ES256' || typeof header.kid !== 'string') {
    throw new Rejected(`unexpected header ${JSON.stringify(header)}`);
  }
  const jwk = await (await resolve(header.kid)).json();
  if (jwk.kid !== header.kid || 'd' in jwk) {
    throw new Rejected('the key the kid names is not that key');
  }
  let verified;
  try {
    verified = await compactVerify(jwt, await importJWK(jwk, 'ES256'), { algorithms: ['ES256'] });
  } catch (e) {
    throw new Rejected(`signature: ${e.code ?? e.message}`);
  }
  const payload = JSON.parse(new TextDecoder().decode(verified.payload));
  if (typeof payload.iss !== 'string' || !header.kid.startsWith(payload.iss + '/')) {
    throw new Rejected('the key is not published by the issuer');
  }
  return payload;
}

/** The credential's bit in one status list: the list is verified like the badge, then decoded. */
async function statusBit(entry, issuer) {
  const list = await verifySignature(await (await resolve(entry.statusListCredential)).text());
  const subject = list.credentialSubject ?? {};
  if (list.iss !== issuer || !list.type?.includes('BitstringStatusListCredential')
      || subject.type !== 'BitstringStatusList' || subject.statusPurpose !== entry.statusPurpose) {
    throw new Rejected('the status list is not the issuer\'s list for that purpose');
  }
  if (typeof subject.encodedList !== 'string' || !subject.encodedList.startsWith('u')) {
    throw new Rejected('the list is not multibase base64url');
  }
  const bits = gunzipSync(Buffer.from(subject.encodedList.slice(1), 'base64url'));
  const index = Number.parseInt(entry.statusListIndex, 10);
  if (!Number.isInteger(index) || index < 0 || index >= bits.length * 8) {
    throw new Rejected(`index ${entry.statusListIndex} is outside the list`);
  }
  return (bits[index >> 3] & (0x80 >> (index & 7))) !== 0;
}

async function judge(jwt, now) {
  const vc = await verifySignature(jwt);
  // Open Badges 3.0 VC-JWT: the credential's members at the top level, the registered claims mirroring them.
  if (vc['@context']?.[0] !== VC_V2 || !vc['@context'].includes(OB_303)) {
    throw new Rejected('not the VC 2.0 and Open Badges 3.0.3 contexts');
  }
  if (!vc.type?.includes('VerifiableCredential') || !vc.type.includes('OpenBadgeCredential')) {
    throw new Rejected('not an OpenBadgeCredential');
  }
  if (vc.issuer?.id !== vc.iss || vc.id !== vc.jti) {
    throw new Rejected('the registered claims do not match the credential');
  }
  if (Date.parse(vc.validUntil) / 1000 !== vc.exp || Date.parse(vc.validFrom) / 1000 !== vc.nbf) {
    throw new Rejected('exp and nbf do not match validUntil and validFrom');
  }
  const entries = [vc.credentialStatus ?? []].flat();
  let suspended = false;
  for (const entry of entries.filter((e) => e.type === 'BitstringStatusListEntry')) {
    if (await statusBit(entry, vc.iss)) {
      if (entry.statusPurpose === 'revocation') {
        return { verdict: 'REVOKED', detail: entry.statusListCredential };
      }
      suspended ||= entry.statusPurpose === 'suspension';
    }
  }
  if (suspended) {
    return { verdict: 'SUSPENDED', detail: 'on hold or lapsed' };
  }
  if (now >= vc.exp || now < vc.nbf) {
    return { verdict: 'EXPIRED', detail: `valid ${vc.validFrom} to ${vc.validUntil}` };
  }
  return { verdict: 'VALID', detail: `${vc.credentialSubject?.achievement?.name} by ${vc.issuer.name}` };
}

const now = Math.floor(Date.now() / 1000);
let judged = 0;
let failed = 0;
for (const badge of badges) {
  try {
    const jwt = badge.png ? bakedInPng(badge.png) : badge.jwt;
    console.log(JSON.stringify({ name: badge.name, ...(await judge(jwt, now)) }));
    judged++;
  } catch (e) {
    if (e instanceof Rejected) {
      console.log(JSON.stringify({ name: badge.name, verdict: 'INVALID', detail: e.message }));
      judged++;
    } else {
      console.log(JSON.stringify({ name: badge.name, verdict: 'ERROR', detail: String(e) }));
      failed++;
    }
  }
}
console.log(`${judged} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;
