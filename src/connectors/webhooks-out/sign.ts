import { Webhook } from 'standardwebhooks';

const signers = new Map<string, Webhook>();

/** One signer per secret: decoding the key once, not per delivery. */
function signer(secret: string): Webhook {
  let w = signers.get(secret);
  if (!w) {
    w = new Webhook(secret);
    signers.set(secret, w);
  }
  return w;
}

/**
 * The three Standard Webhooks headers of one delivery. During a rotation `secrets` holds the new
 * secret and the old one, and the signature header carries both (space-separated `v1,…` values), so
 * a subscriber still verifying with the old secret keeps accepting until it switches.
 */
export function signatureHeaders(
  secrets: readonly string[],
  msgId: string,
  at: Date,
  body: string,
): Record<string, string> {
  if (secrets.length === 0) throw new Error('a webhook delivery needs at least one signing secret');
  return {
    'webhook-id': msgId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((s) => signer(s).sign(msgId, at, body)).join(' '),
  };
}
