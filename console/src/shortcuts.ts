/**
 * Keyboard: g then a letter goes to a screen (g o overview, g e exceptions …). A screen whose
 * list the role may not read has no shortcut, as it has no link: it would only answer 403.
 */
export function shortcutTargets(may: { listUsers: boolean; readAudit: boolean }): Record<string, string> {
  return {
    o: '/',
    e: '/exceptions',
    f: '/orders',
    p: '/partners',
    i: '/inventory',
    m: '/mappings',
    a: '/approvals',
    ...(may.readAudit ? { l: '/audit' } : {}),
    s: '/settings',
    ...(may.listUsers ? { u: '/users' } : {}),
  };
}
