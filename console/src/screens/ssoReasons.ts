/**
 * Why single sign-on sent the person back (the server's `reason`), in fixed words: nothing from
 * the URL is shown as it is, so a crafted link cannot put its own text on this page.
 */
const SSO_REASONS: Record<string, (p: string) => string> = {
  unknown_user: (p) =>
    `Your ${p} account is not a Ferry user yet: ask an admin to add you (by the same e-mail or name).`,
  user_disabled: (p) => `Your ${p} account belongs to a Ferry user who is disabled: ask an admin.`,
  user_changed: (p) => `Your Ferry user was created or changed while you signed in with ${p}: try again.`,
  no_group_role: (p) =>
    `Your ${p} account is in no group that gives a Ferry role: ask an admin to add you to one.`,
  email_unverified: (p) => `${p} has not verified your e-mail address, so Ferry cannot match it to a user.`,
  claim_missing: (p) => `${p} did not send the name or e-mail Ferry matches users by: ask an admin.`,
  state_mismatch: (p) =>
    `That sign-in with ${p} was not started in this browser, or took longer than 10 minutes: try again.`,
  provider_refused: (p) => `Sign-in with ${p} was cancelled or refused.`,
  verification_failed: (p) =>
    `Sign-in with ${p} could not be verified: try again, and tell an admin if it keeps failing (the reason is in the audit log).`,
  unavailable: (p) => `${p} could not be reached: try again later, or sign in with a token.`,
};

/**
 * The words for `reason` (the `reason` of `/console/login?error=sso&reason=…`); any other value,
 * `__proto__` or `constructor` included, gets the general words: the link is anyone's to craft.
 */
export function ssoMessage(reason: string | null, provider: string): string {
  const say =
    reason !== null && Object.hasOwn(SSO_REASONS, reason)
      ? SSO_REASONS[reason]!
      : (p: string) => `Sign-in with ${p} did not succeed: try again.`;
  return say(provider);
}
