import { headline, postJson, type AlertSender } from './types.js';

/**
 * Slack incoming webhook (https://api.slack.com/messaging/webhooks): a JSON body with `text`
 * (the fallback shown in notifications) and Block Kit `blocks`; Slack answers 200 "ok".
 */
export function slackSender(webhookUrl: string): AlertSender {
  return {
    name: 'slack',
    send: (n) =>
      postJson('slack', webhookUrl, {
        text: headline(n),
        blocks: [
          {
            type: 'section',
            text: {
              type: 'mrkdwn',
              text: `${n.status === 'firing' ? ':rotating_light: *Firing*' : ':white_check_mark: *Resolved*'} \`${n.rule}\` *${n.subject}*\n${n.message}`,
            },
          },
          {
            type: 'context',
            elements: [
              {
                type: 'mrkdwn',
                text: `since ${n.since}${n.resolvedAt ? `, resolved ${n.resolvedAt}` : ''}`,
              },
            ],
          },
        ],
      }),
  };
}
