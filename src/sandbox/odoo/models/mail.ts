/**
 * The chatter: mail.message and `message_post` (mail.thread). Ferry writes a tracking number there
 * when the picking has no carrier_tracking_ref field (no stock_delivery; 16: delivery).
 * `message_post(self, *, body='', subject=None, message_type='notification', …, **kwargs)` takes
 * keyword arguments only and returns the new message's id (mail/models/mail_thread.py).
 */
import { odooDatetime } from '../db.js';
import type { MethodDef, ModelDef } from '../schema.js';
import { ExceptionName, SimError, str } from '../types.js';

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const message: ModelDef = {
  name: 'mail.message',
  label: 'Message',
  app: 'base',
  order: 'id desc',
  fields: {
    model: { type: 'char' },
    res_id: { type: 'int' },
    body: { type: 'text' },
    subject: { type: 'char' },
    message_type: {
      type: 'selection',
      selection: ['email', 'comment', 'notification', 'user_notification'],
      default: 'notification',
    },
    author_id: { type: 'm2o', comodel: 'res.partner' },
    date: { type: 'datetime' },
  },
};

/**
 * `message_post` for a thread model; a plain-text body is escaped and stored as `<p>…</p>`, as real
 * Odoo 17 stored Ferry's tracking note (`<p>Tracking number: …</p>`, read back from the server).
 */
export function messagePost(model: string): MethodDef {
  return {
    params: [],
    varKw: true,
    access: 'write',
    run: (env, ids, p) => {
      const id = ids[0];
      if (ids.length !== 1 || id === undefined || !env.db.get(model, id))
        throw new SimError(ExceptionName.valueError, `Expected singleton: ${model}(${ids.join(', ')})`);
      const body = str(p.body);
      return env.db.insert('mail.message', {
        model,
        res_id: id,
        body: p.body_is_html === true ? body : body ? `<p>${escapeHtml(body)}</p>` : '',
        subject: p.subject ?? false,
        message_type: p.message_type ?? 'notification',
        author_id: 3,
        date: odooDatetime(env.clock.now()),
      }).id;
    },
  };
}

export const mailModels: readonly ModelDef[] = [message];
