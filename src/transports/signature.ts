import { createPublicKey, type KeyObject, verify } from 'node:crypto';

// DER prefix of an Ed25519 SubjectPublicKeyInfo; the 32 raw key bytes follow it.
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const SIGNATURE_HEX = /^[0-9a-fA-F]{128}$/;
const TIMESTAMP = /^\d{1,12}$/;
/** Discord's signed timestamps are seconds; refusing old ones stops replays of captured requests. */
const MAX_TIMESTAMP_SKEW_SECONDS = 5 * 60;

/** Builds the verifier once per process: importing the key is the costly part. */
export function createSignatureVerifier(publicKeyHex: string) {
  const key: KeyObject = createPublicKey({
    key: Buffer.concat([ED25519_SPKI_PREFIX, Buffer.from(publicKeyHex, 'hex')]),
    format: 'der',
    type: 'spki',
  });
  return (signatureHex: unknown, timestamp: unknown, body: Buffer, nowMs: number): boolean => {
    if (!signatureHeadersPlausible(signatureHex, timestamp, nowMs)) return false;
    const message = Buffer.concat([Buffer.from(timestamp as string), body]);
    return verify(null, message, key, Buffer.from(signatureHex as string, 'hex'));
  };
}

/**
 * The checks that need no body: well-formed headers and a fresh timestamp. A request that fails
 * them is refused before its body is read.
 */
export function signatureHeadersPlausible(signatureHex: unknown, timestamp: unknown, nowMs: number): boolean {
  // Buffer.from(hex) silently drops a trailing odd digit or bad characters: check the shape first.
  if (typeof signatureHex !== 'string' || !SIGNATURE_HEX.test(signatureHex)) return false;
  if (typeof timestamp !== 'string' || !TIMESTAMP.test(timestamp)) return false;
  return Math.abs(nowMs / 1000 - Number(timestamp)) <= MAX_TIMESTAMP_SKEW_SECONDS;
}
