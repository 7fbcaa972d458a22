/**
 * Alert e-mail over SMTP (RFC 5321) with node:net and node:tls: one message per notification, a
 * base64 text/plain body (no 8BITMIME or dot-stuffing concerns), AUTH PLAIN (RFC 4954) only over
 * TLS, implicit TLS (port 465) or STARTTLS (RFC 3207). A few commands are all alerting needs; a
 * client library would add a dependency for features Ferry does not use.
 */
import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { headline, type AlertNotification, type AlertSender } from './types.js';

export interface SmtpOptions {
  host: string;
  /** Default 465 when `secure`, else 587. */
  port?: number;
  /** Implicit TLS from the first byte (port 465). Default false. */
  secure?: boolean;
  /** Upgrade with STARTTLS before authenticating. Default true unless `secure`. */
  starttls?: boolean;
  username?: string;
  password?: string;
  from: string;
  to: readonly string[];
  /** Per reply, ms. Default 10000. */
  timeoutMs?: number;
  /** Name sent in EHLO. Default `ferry`. */
  clientName?: string;
}

interface Reply {
  code: number;
  lines: string[];
}

/** Reads SMTP replies (multi-line ones end with `NNN ` instead of `NNN-`) from a socket. */
class Conversation {
  private buffer = '';
  private readonly replies: Reply[] = [];
  private pending: Array<{ resolve: (r: Reply) => void; reject: (e: Error) => void }> = [];
  private lines: string[] = [];
  private failure: Error | undefined;

  constructor(
    readonly socket: Socket | TLSSocket,
    private readonly timeoutMs: number,
  ) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.receive(chunk));
    const fail = (e: Error): void => {
      this.failure = e;
      for (const p of this.pending.splice(0)) p.reject(e);
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('SMTP server closed the connection')));
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let nl: number;
    while ((nl = this.buffer.indexOf('\n')) >= 0) {
      const line = this.buffer.slice(0, nl).replace(/\r$/, '');
      this.buffer = this.buffer.slice(nl + 1);
      this.lines.push(line.slice(4));
      if (line[3] === '-') continue;
      const reply = { code: Number(line.slice(0, 3)), lines: this.lines };
      this.lines = [];
      const waiter = this.pending.shift();
      if (waiter) waiter.resolve(reply);
      else this.replies.push(reply);
    }
  }

  read(): Promise<Reply> {
    const ready = this.replies.shift();
    if (ready) return Promise.resolve(ready);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`SMTP server gave no answer in ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
      this.pending.push({
        resolve: (r) => (clearTimeout(timer), resolve(r)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
    });
  }

  /** Sends `line` (never logged: AUTH carries the password) and expects one of `ok`. */
  async command(line: string | undefined, ok: number[], what: string): Promise<Reply> {
    if (line !== undefined) this.socket.write(`${line}\r\n`);
    const r = await this.read();
    if (!ok.includes(r.code))
      throw new Error(`SMTP ${what} refused: ${r.code} ${r.lines.join(' ').slice(0, 200)}`);
    return r;
  }
}

function open(o: SmtpOptions, port: number): Promise<Socket | TLSSocket> {
  return new Promise((resolve, reject) => {
    const s = o.secure
      ? tlsConnect({ host: o.host, port, servername: o.host }, () => resolve(s))
      : connect({ host: o.host, port }, () => resolve(s));
    s.once('error', reject);
  });
}

function upgrade(socket: Socket, host: string): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const s = tlsConnect({ socket, servername: host }, () => resolve(s));
    s.once('error', reject);
  });
}

/** An RFC 5322 message: headers, then the text in base64 lines of 76. */
export function buildMessage(
  o: Pick<SmtpOptions, 'from' | 'to'>,
  n: AlertNotification,
  now = new Date(),
): string {
  const subject = `[Ferry] ${n.status === 'firing' ? 'FIRING' : 'RESOLVED'} ${n.rule} ${n.subject}`;
  // Encoded word (RFC 2047) only when needed: most subjects are ASCII.
  const encoded = /^[\x20-\x7e]*$/.test(subject)
    ? subject
    : `=?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`;
  const text = [
    headline(n),
    '',
    `rule:     ${n.rule}`,
    `subject:  ${n.subject}`,
    `since:    ${n.since}`,
    ...(n.resolvedAt ? [`resolved: ${n.resolvedAt}`] : []),
    '',
  ].join('\r\n');
  const body = Buffer.from(text)
    .toString('base64')
    .replace(/.{1,76}/g, '$&\r\n');
  return [
    `From: ${o.from}`,
    `To: ${o.to.join(', ')}`,
    `Subject: ${encoded}`,
    `Date: ${now.toUTCString()}`,
    `Message-ID: <${randomUUID()}@ferry>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    body,
  ].join('\r\n');
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1)$/;

/** Sends each notification as one e-mail to every recipient. */
export function smtpSender(o: SmtpOptions): AlertSender {
  const starttls = o.starttls ?? !o.secure;
  const port = o.port ?? (o.secure ? 465 : 587);
  if (o.password !== undefined && !o.secure && !starttls && !LOOPBACK.test(o.host))
    throw new Error(
      `alerts.email: refusing to send the SMTP password to ${o.host} without TLS (secure or starttls)`,
    );
  return {
    name: 'email',
    async send(n) {
      let socket = await open(o, port);
      try {
        let c = new Conversation(socket, o.timeoutMs ?? 10_000);
        await c.command(undefined, [220], 'greeting');
        const ehlo = `EHLO ${o.clientName ?? 'ferry'}`;
        let hello = await c.command(ehlo, [250], 'EHLO');
        if (starttls && !o.secure) {
          if (!hello.lines.some((l) => /^STARTTLS\b/i.test(l)))
            throw new Error(
              `SMTP server ${o.host} does not offer STARTTLS; set starttls: false only on a trusted network`,
            );
          await c.command('STARTTLS', [220], 'STARTTLS');
          socket.removeAllListeners('data');
          socket = await upgrade(socket, o.host);
          c = new Conversation(socket, o.timeoutMs ?? 10_000);
          hello = await c.command(ehlo, [250], 'EHLO');
        }
        if (o.username !== undefined) {
          const plain = Buffer.from(`\0${o.username}\0${o.password ?? ''}`).toString('base64');
          await c.command(`AUTH PLAIN ${plain}`, [235], 'AUTH');
        }
        await c.command(`MAIL FROM:<${o.from}>`, [250], 'MAIL FROM');
        for (const to of o.to) await c.command(`RCPT TO:<${to}>`, [250, 251], `RCPT TO ${to}`);
        await c.command('DATA', [354], 'DATA');
        await c.command(`${buildMessage(o, n)}\r\n.`, [250], 'message');
        await c.command('QUIT', [221], 'QUIT').catch(() => undefined);
      } finally {
        socket.destroy();
      }
    },
  };
}
