/**
 * Response schemas of the console's routes (issue 18), by `METHOD /path`; responses.ts looks here
 * for routes it does not list. Records are loose objects: the fields named are promised.
 */
import { z } from 'zod';

const Ms = z.number().int().describe('epoch ms');
const Session = z.object({
  user: z.object({ id: z.number().int().nullable(), name: z.string(), role: z.string() }),
  permissions: z.array(z.string()),
  csrfToken: z
    .string()
    .nullable()
    .describe('send as x-csrf-token on every change made with the cookie; null for a bearer token'),
});
const User = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  role: z.string(),
  createdAt: Ms,
  disabled: z.boolean(),
});

/** The success answer of each console route. */
export const CONSOLE_RESPONSES: Record<string, { status: number; schema: z.ZodType }> = {
  'POST /api/session': { status: 200, schema: Session },
  'GET /api/session': { status: 200, schema: Session },
  'DELETE /api/session': { status: 200, schema: z.object({ signedOut: z.boolean() }) },
  'GET /api/users': { status: 200, schema: z.array(User.extend({ activeTokens: z.number().int() })) },
  'POST /api/users': { status: 201, schema: User },
  'PATCH /api/users/:id': { status: 200, schema: User },
  'POST /api/users/:id/tokens': {
    status: 201,
    schema: z.looseObject({ token: z.string().describe('shown in this answer only') }),
  },
  'POST /api/users/:id/link': {
    status: 201,
    schema: z.object({
      path: z.string().describe('/console/login?link=…; single use'),
      expiresAt: Ms,
      user: User,
    }),
  },
};
