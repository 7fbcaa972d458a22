/**
 * Persistence of the admin surface: API tokens, encrypted secrets, lane pause and shadow settings,
 * audit queries, inbox listing and order search. Each operation takes the connection first; the
 * roles table (roles.ts) lists it, and callers reach it as `session.tokens.getToken(...)`, inside
 * their transaction when they hold one.
 */
export * from './tokenRows.js';
export * from './insertToken.js';
export * from './findTokenByHash.js';
export * from './getToken.js';
export * from './listTokens.js';
export * from './revokeToken.js';
export * from './touchToken.js';
export * from './secretRows.js';
export * from './getSecretRow.js';
export * from './listSecretRows.js';
export * from './putSecretRow.js';
export * from './rewrapSecretRow.js';
export * from './secretKeyUsage.js';
export * from './pausedLanes.js';
export * from './setLanePaused.js';
export * from './listShadowSettings.js';
export * from './setShadowSetting.js';
export * from './auditRows.js';
export * from './listAudit.js';
export * from './listInbox.js';
export * from './searchOrderIds.js';
export * from './exceptionsForOrder.js';
export * from './lastOrderAtByChannel.js';
export * from './openExceptionsByImpact.js';
export * from './countExceptionsCreated.js';
export * from './lanePause.js';
export * from './shadowCheck.js';
export * from './unacknowledgedInterchanges.js';
export * from './alertRows.js';
export * from './activeAlerts.js';
export * from './recordAlerts.js';
export * from './recordRuleAlerts.js';
export * from './pendingAlertNotices.js';
export * from './claimAlertNotice.js';
export * from './releaseAlertNotice.js';
export * from './replayInbox.js';
export * from './replayCandidates.js';
export * from './setInboxJob.js';
