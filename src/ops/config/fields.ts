/** Field types shared by the configuration's sections. */
import { z } from 'zod';

/** `secret:NAME` (Ferry's encrypted store) or `env:NAME` (the process environment). */
export const SecretRef = z
  .string({ error: (i) => (i.input === undefined ? 'required' : 'expected a secret reference') })
  .regex(
    /^(secret|env):[A-Za-z_][A-Za-z0-9_]*$/,
    'must be a reference "secret:NAME" or "env:NAME", never the secret itself',
  );

export const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes');
/**
 * An http(s) URL: every URL here is one Ferry sends requests to, and `javascript:` or `file:` once
 * passed as "a URL".
 */
export const Url = z.url({
  protocol: /^https?$/,
  error: 'expected an http:// or https:// URL such as https://host',
});
