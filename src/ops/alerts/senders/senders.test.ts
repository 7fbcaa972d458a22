import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pagerDutySender, slackSender, smtpSender, type AlertNotification } from './index.js';

const firing: AlertNotification = {
  status: 'firing',
  rule: 'no_orders',
  subject: 'shop-eu',
  message: 'no orders from shop-eu for 61 minutes (threshold 60)',
  since: '2026-12-01T10:00:00.000Z',
};
const resolved: AlertNotification = { ...firing, status: 'resolved', resolvedAt: '2026-12-01T11:00:00.000Z' };

describe('Slack and PagerDuty senders against a local receiver', () => {
  let server: Server;
  let base: string;
  const got: { path: string; body: Record<string, unknown> }[] = [];
  let answer = { status: 200, body: 'ok' };
  beforeAll(async () => {
    server = createHttpServer((req, res) => {
      let text = '';
      req.on('data', (d: Buffer) => (text += d.toString()));
      req.on('end', () => {
        got.push({ path: req.url ?? '', body: JSON.parse(text) as Record<string, unknown> });
        res.writeHead(answer.status).end(answer.body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('posts a Slack message with the headline as text and a block per part', async () => {
    answer = { status: 200, body: 'ok' };
    await slackSender(`${base}/services/T0/B0/x`).send(firing);
    const { path, body } = got.at(-1)!;
    expect(path).toBe('/services/T0/B0/x');
    expect(body.text).toBe('FIRING no_orders shop-eu: no orders from shop-eu for 61 minutes (threshold 60)');
    expect(JSON.stringify(body.blocks)).toContain('*Firing*');
    answer = { status: 404, body: 'no_service' };
    await expect(slackSender(`${base}/gone`).send(firing)).rejects.toThrow('slack answered 404: no_service');
  });

  it('triggers and resolves one PagerDuty incident under one dedup key', async () => {
    answer = { status: 202, body: '{"status":"success","dedup_key":"ferry:no_orders:shop-eu"}' };
    const pd = pagerDutySender('R0UT1NGKEY', `${base}/v2/enqueue`);
    await pd.send(firing);
    await pd.send(resolved);
    const [trigger, resolve] = got.slice(-2).map((g) => g.body);
    expect(trigger).toMatchObject({
      routing_key: 'R0UT1NGKEY',
      event_action: 'trigger',
      dedup_key: 'ferry:no_orders:shop-eu',
      payload: {
        source: 'ferry',
        severity: 'error',
        timestamp: firing.since,
        component: 'shop-eu',
        group: 'no_orders',
      },
    });
    expect(resolve).toEqual({
      routing_key: 'R0UT1NGKEY',
      event_action: 'resolve',
      dedup_key: 'ferry:no_orders:shop-eu',
    });
    answer = { status: 400, body: '{"status":"invalid event"}' };
    await expect(pd.send(firing)).rejects.toThrow('pagerduty answered 400');
  });
});

/** A minimal SMTP receiver: records the envelope, AUTH and the message; refuses one recipient. */
function smtpReceiver(): {
  server: NetServer;
  mails: { from: string; to: string[]; auth: string; data: string }[];
} {
  const mails: { from: string; to: string[]; auth: string; data: string }[] = [];
  const server = createNetServer((s) => {
    let buf = '';
    let data: string | undefined;
    const mail = { from: '', to: [] as string[], auth: '', data: '' };
    s.write('220 receiver ESMTP\r\n');
    s.on('data', (d: Buffer) => {
      buf += d.toString('utf8');
      let nl: number;
      while ((nl = buf.indexOf('\r\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 2);
        if (data !== undefined) {
          if (line === '.') {
            mail.data = data;
            mails.push(mail);
            data = undefined;
            s.write('250 queued\r\n');
          } else data += `${line}\r\n`;
          continue;
        }
        const cmd = line.toUpperCase();
        if (cmd.startsWith('EHLO')) s.write('250-receiver\r\n250-AUTH PLAIN\r\n250 8BITMIME\r\n');
        else if (cmd.startsWith('AUTH PLAIN ')) {
          mail.auth = Buffer.from(line.slice(11), 'base64').toString('utf8');
          s.write(mail.auth === '\0alerts\0pw-123' ? '235 ok\r\n' : '535 bad credentials\r\n');
        } else if (cmd.startsWith('MAIL FROM:')) {
          mail.from = line.slice(10);
          s.write('250 ok\r\n');
        } else if (cmd.startsWith('RCPT TO:')) {
          const to = line.slice(8);
          if (to.includes('nobody')) s.write('550 no such user\r\n');
          else {
            mail.to.push(to);
            s.write('250 ok\r\n');
          }
        } else if (cmd === 'DATA') {
          data = '';
          s.write('354 go ahead\r\n');
        } else if (cmd === 'QUIT') s.end('221 bye\r\n');
        else s.write('502 command unrecognized\r\n');
      }
    });
  });
  return { server, mails };
}

describe('e-mail sender against a local SMTP receiver', () => {
  const rx = smtpReceiver();
  let port: number;
  beforeAll(async () => {
    await new Promise<void>((r) => rx.server.listen(0, '127.0.0.1', r));
    port = (rx.server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((r) => rx.server.close(r)));
  const options = {
    host: '127.0.0.1',
    starttls: false,
    username: 'alerts',
    password: 'pw-123',
    from: 'ferry@example.com',
  };

  it('sends one message per notification to every recipient, with a readable subject and body', async () => {
    await smtpSender({ ...options, port, to: ['ops@example.com', 'cto@example.com'] }).send(firing);
    const mail = rx.mails.at(-1)!;
    expect(mail.from).toBe('<ferry@example.com>');
    expect(mail.to).toEqual(['<ops@example.com>', '<cto@example.com>']);
    expect(mail.data).toContain('Subject: [Ferry] FIRING no_orders shop-eu\r\n');
    expect(mail.data).toContain('To: ops@example.com, cto@example.com\r\n');
    const body = mail.data.split('\r\n\r\n')[1]!;
    expect(Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString('utf8')).toContain(
      'no orders from shop-eu for 61 minutes (threshold 60)',
    );
  });

  it('names what the server refused, and refuses a password without TLS to another host', async () => {
    await expect(smtpSender({ ...options, port, to: ['nobody@example.com'] }).send(firing)).rejects.toThrow(
      'SMTP RCPT TO nobody@example.com refused: 550 no such user',
    );
    await expect(
      smtpSender({ ...options, port, password: 'wrong', to: ['ops@example.com'] }).send(firing),
    ).rejects.toThrow('SMTP AUTH refused: 535');
    await expect(
      smtpSender({ ...options, port, starttls: true, to: ['ops@example.com'] }).send(firing),
    ).rejects.toThrow('does not offer STARTTLS');
    expect(() => smtpSender({ ...options, host: 'smtp.example.com', to: ['ops@example.com'] })).toThrow(
      'refusing to send the SMTP password to smtp.example.com without TLS',
    );
  });
});
