import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  PRIVACY_LANE,
  PRIVACY_TASK,
  classifyShopifyTopic,
  isShopifyPrivacyTopic,
  scanOrderBody,
  verifyShopifyWebhook,
} from '../../connectors/shopify/index.js';
import type { InboxService } from '../../engine/index.js';
import type { ShopifyChannelRuntime } from '../../flows/order-intake/index.js';
import { intakeJob } from '../../flows/order-intake/index.js';
import type { Tracer } from '../../ops/tracing/index.js';
import { inWebhookSpan } from './traced.js';
import { notJson, notUtf8 } from './body.js';

export interface ShopifyWebhookDeps {
  inbox: InboxService;
  channels: Map<string, ShopifyChannelRuntime>;
  /** Largest body accepted; Shopify order payloads are well under 1 MB. */
  bodyLimitBytes: number;
  /** Starts each delivery's trace. Default none. */
  tracer?: Tracer;
}

const Answer = {
  type: 'object',
  additionalProperties: true,
  properties: { status: { type: 'string' }, inboxId: { type: 'integer' } },
} as const;
const Refusal = {
  type: 'object',
  additionalProperties: true,
  properties: { error: { type: 'string' }, message: { type: 'string' }, inboxId: { type: 'integer' } },
} as const;

/** For the OpenAPI description; the body is read raw (the signature covers its exact bytes). */
const SCHEMA = {
  tags: ['webhooks'],
  summary:
    'Shopify webhook (orders/create, orders/updated, orders/cancelled); HMAC-signed, stored before the answer',
  security: [],
  response: {
    200: { ...Answer, description: 'stored (accepted or duplicate), its processing job enqueued' },
    202: { ...Answer, description: 'a topic Ferry stores but does not process' },
    400: Refusal,
    401: Refusal,
    404: Refusal,
    413: Refusal,
    415: Refusal,
  },
};

/** Headers kept with each stored message (the ones that matter for replay and audit). */
const KEPT = [
  'x-shopify-topic',
  'x-shopify-shop-domain',
  'x-shopify-webhook-id',
  'x-shopify-event-id',
  'x-shopify-triggered-at',
  'x-shopify-api-version',
  'content-type',
];

function kept(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of KEPT) {
    const v = req.headers[h];
    if (typeof v === 'string') out[h] = v;
  }
  return out;
}

/**
 * `POST /webhooks/shopify/:channel`: the signature is checked over the raw bytes before anything
 * is parsed; the message is stored, and its processing job enqueued, in one transaction before the
 * 200. Every refused delivery is stored too, with the reason, and never processed.
 */
export function registerShopifyWebhooks(app: FastifyInstance, deps: ShopifyWebhookDeps): void {
  void app.register((scope, _opts, done) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: deps.bodyLimitBytes },
      (_req, body, done) => done(null, body),
    );
    scope.setErrorHandler(async (err, req, reply) => {
      const code = (err as { code?: string }).code;
      if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        const channel = (req.params as { channel?: string }).channel ?? 'unknown';
        const reason = `body larger than ${deps.bodyLimitBytes} bytes`;
        const r = await deps.inbox.reject(
          {
            source: `shopify:${channel}`,
            kind: String(req.headers['x-shopify-topic'] ?? 'unknown'),
            headers: kept(req),
            body: Buffer.alloc(0),
            signature: 'unsigned',
          },
          reason,
        );
        return reply.status(413).send({ error: 'payload_too_large', message: reason, inboxId: r.inboxId });
      }
      throw err;
    });
    scope.post<{ Params: { channel: string } }>(
      '/webhooks/shopify/:channel',
      { schema: SCHEMA },
      (req, reply) =>
        inWebhookSpan(
          deps.tracer,
          `webhook shopify ${String(req.headers['x-shopify-topic'] ?? 'unknown')}`,
          { 'ferry.channel': req.params.channel, 'http.route': '/webhooks/shopify/:channel' },
          reply,
          (trace) => receive(req, reply, deps, trace),
        ),
    );
    done();
  });
}

async function receive(
  req: FastifyRequest<{ Params: { channel: string } }>,
  reply: FastifyReply,
  deps: ShopifyWebhookDeps,
  trace: string | undefined,
): Promise<FastifyReply> {
  const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
  const channelId = req.params.channel;
  const source = `shopify:${channelId}`;
  const topic = String(req.headers['x-shopify-topic'] ?? 'unknown');
  const headers = kept(req);
  const refuse = async (
    status: number,
    error: string,
    reason: string,
    signature: 'valid' | 'invalid' | 'unsigned',
  ) => {
    const r = await deps.inbox.reject({ source, kind: topic, headers, body, signature }, reason);
    return reply.status(status).send({ error, message: reason, inboxId: r.inboxId });
  };
  const channel = deps.channels.get(channelId);
  if (!channel)
    return refuse(404, 'unknown_channel', `no Shopify channel "${channelId}" is configured`, 'unsigned');
  const verified = verifyShopifyWebhook({
    headers: req.headers,
    rawBody: body,
    secret: channel.webhookSecret,
  });
  if (!verified.ok)
    return refuse(
      verified.status,
      verified.status === 401 ? 'bad_signature' : 'bad_request',
      verified.reason,
      verified.status === 401 ? 'invalid' : 'unsigned',
    );
  if (verified.shopDomain !== channel.shopDomain) {
    return refuse(
      401,
      'unknown_shop',
      `X-Shopify-Shop-Domain "${verified.shopDomain}" is not channel ${channelId}'s shop (${channel.shopDomain})`,
      'valid',
    );
  }
  const mediaProblem = notJson(req.headers['content-type']);
  if (mediaProblem) return refuse(415, 'unsupported_media_type', mediaProblem, 'valid');
  const encodingProblem = notUtf8(body);
  if (encodingProblem) return refuse(400, 'bad_encoding', encodingProblem, 'valid');
  const dedupeKey = `${source}:${verified.dedupeKey}`;
  // Shopify's mandatory privacy webhooks: stored and processed like any message, answered 200.
  if (isShopifyPrivacyTopic(topic)) {
    const r = await deps.inbox.accept(
      { source, kind: topic, headers, body, signature: 'valid', dedupeKey },
      (inboxId) => ({
        lane: PRIVACY_LANE,
        task: PRIVACY_TASK,
        payload: { inboxId, channel: channelId, topic },
      }),
    );
    return reply.status(200).send({ status: r.status, inboxId: r.inboxId });
  }
  if (classifyShopifyTopic(topic) !== 'handled') {
    const r = await deps.inbox.accept(
      { source, kind: topic, headers, body, signature: 'valid', dedupeKey },
      undefined,
    );
    return reply
      .status(202)
      .send({ status: r.status, message: `topic "${topic}" is stored, not processed`, inboxId: r.inboxId });
  }
  const scan = scanOrderBody(body);
  if (!scan.ok) return refuse(400, 'bad_json', `body is not valid JSON: ${scan.reason}`, 'valid');
  const channelOrderId = scan.id;
  if (channelOrderId === undefined) return refuse(400, 'bad_request', 'order payload has no "id"', 'valid');
  const r = await deps.inbox.accept(
    { source, kind: topic, headers, body, signature: 'valid', dedupeKey },
    (inboxId) => intakeJob({ inboxId, channel: channelId, topic, channelOrderId, trace }),
  );
  // Serialised by hand: the one answer every delivery gets, on the hot path.
  return reply
    .status(200)
    .type('application/json; charset=utf-8')
    .send(`{"status":"${r.status}","inboxId":${r.inboxId}}`);
}
