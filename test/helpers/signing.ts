import { generateKeyPairSync, sign } from 'node:crypto';

/** An Ed25519 key pair like a Discord application's, for signing requests as Discord does. */
export function createSigner() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicKeyHex = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32).toString('hex');
  const signedHeaders = (body: string | Buffer, timestamp = Math.floor(Date.now() / 1000).toString()) => ({
    'x-signature-ed25519': sign(
      null,
      Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]),
      privateKey,
    ).toString('hex'),
    'x-signature-timestamp': timestamp,
    'content-type': 'application/json',
  });
  return { publicKeyHex, signedHeaders };
}
