import type { Command } from '@commander-js/extra-typings';

/** Registers one command module's commands on the program. */
type Register = (program: Command) => void;

/** One command module: the top-level commands it adds, and how to load it. */
export interface CommandModule {
  /** Top-level command names the module registers, with the description its module gives. */
  commands: ReadonlyArray<{ name: string; description: string; hasOptions: boolean }>;
  load: () => Promise<Register>;
}

/**
 * Every command module, in the order `ferry --help` lists them. The modules themselves are loaded
 * only for the command being run: importing all of them (fastify, kysely, pg, the simulators …)
 * took about 2 s of the compiled CLI's start, most of it for commands not asked for.
 * cli/commandIndex.test.ts holds each description to the one its module registers.
 */
export const COMMAND_MODULES: readonly CommandModule[] = [
  {
    commands: [
      {
        name: 'demo',
        description:
          'run Ferry with simulated Odoo, Shopify stores and warehouses, and a realistic stream of orders',
        hasOptions: true,
      },
    ],
    load: async () => (await import('./commands/demo.js')).registerDemoCommand,
  },
  {
    commands: [
      {
        name: 'serve',
        description: 'run the HTTP server (webhooks, admin API, health) and the workers in one process',
        hasOptions: true,
      },
      {
        name: 'worker',
        description: 'run workers only (scale-out on PostgreSQL: start as many as you need)',
        hasOptions: true,
      },
      {
        name: 'migrate',
        description: 'apply pending database migrations (also done on start)',
        hasOptions: true,
      },
    ],
    load: async () => (await import('./commands/runtime.js')).registerRuntimeCommands,
  },
  {
    commands: [
      {
        name: 'backup',
        description: 'copy the SQLite store to a file while Ferry runs (PostgreSQL: use pg_dump)',
        hasOptions: true,
      },
      {
        name: 'inbox',
        description: 'the inbox of received messages: replay after a restore',
        hasOptions: false,
      },
    ],
    load: async () => (await import('./commands/recovery.js')).registerRecoveryCommands,
  },
  {
    commands: [{ name: 'jobs', description: 'inspect the job queue', hasOptions: false }],
    load: async () => (await import('./commands/jobs.js')).registerJobsCommands,
  },
  {
    commands: [
      {
        name: 'exceptions',
        description: 'the exception queue: what needs a person, and the actions to take',
        hasOptions: false,
      },
    ],
    load: async () => (await import('./commands/exceptions.js')).registerExceptionCommands,
  },
  {
    commands: [{ name: 'orders', description: 'orders: hold before release, release', hasOptions: false }],
    load: async () => (await import('./commands/orders.js')).registerOrdersCommands,
  },
  {
    commands: [{ name: 'config', description: 'the configuration file', hasOptions: false }],
    load: async () => (await import('./commands/config.js')).registerConfigCommands,
  },
  {
    commands: [{ name: 'odoo', description: 'Odoo connection tools', hasOptions: false }],
    load: async () => (await import('./commands/odoo.js')).registerOdooCommands,
  },
  {
    commands: [{ name: 'mappings', description: 'versioned mappings and rules', hasOptions: false }],
    load: async () => (await import('./commands/mappings.js')).registerMappingsCommands,
  },
  {
    commands: [
      {
        name: 'approvals',
        description: 'changes waiting for a second person (four-eyes): list, approve, reject',
        hasOptions: false,
      },
    ],
    load: async () => (await import('./commands/approvals.js')).registerApprovalCommands,
  },
  {
    commands: [{ name: 'tokens', description: 'API tokens for the admin API', hasOptions: false }],
    load: async () => (await import('./commands/tokens.js')).registerTokensCommands,
  },
  {
    commands: [{ name: 'audit', description: 'the audit trail (append-only)', hasOptions: false }],
    load: async () => (await import('./commands/audit.js')).registerAuditCommands,
  },
  {
    commands: [
      {
        name: 'secrets',
        description:
          'partner secrets, encrypted at rest; the key ring comes from --keyring, FERRY_KEYRING_FILE or FERRY_KEYRING',
        hasOptions: false,
      },
    ],
    load: async () => (await import('./commands/secrets.js')).registerSecretsCommands,
  },
  {
    commands: [
      { name: 'inventory', description: 'available-to-promise published to channels', hasOptions: false },
    ],
    load: async () => (await import('./commands/inventory.js')).registerInventoryCommands,
  },
  {
    commands: [
      {
        name: 'retention',
        description: 'erase and delete stored data past the configured ages (runs daily on its own)',
        hasOptions: false,
      },
      { name: 'privacy', description: 'privacy requests received from the channels', hasOptions: false },
    ],
    load: async () => (await import('./commands/retention.js')).registerRetentionCommands,
  },
  {
    commands: [{ name: 'report', description: 'reports', hasOptions: false }],
    load: async () => (await import('./commands/report.js')).registerReportCommands,
  },
  {
    commands: [
      { name: 'users', description: 'named users of the console and the admin API', hasOptions: false },
    ],
    load: async () => (await import('./commands/users.js')).registerUsersCommands,
  },
  {
    commands: [
      {
        name: 'events',
        description:
          'canonical events out (CloudEvents 1.0): webhook subscriptions, the outbox, the delivery log, resend and recover',
        hasOptions: false,
      },
    ],
    load: async () => (await import('./commands/events.js')).registerEventsCommands,
  },
];

/** The module that registers top-level command `name`, if any. */
export function moduleOf(name: string | undefined): CommandModule | undefined {
  return COMMAND_MODULES.find((m) => m.commands.some((c) => c.name === name));
}
