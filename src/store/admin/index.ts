/**
 * The admin surface's storage: lane pauses and shadow-mode switches, API tokens (hashes only),
 * encrypted secrets and alerts. One operation per file, named by its verb; the roles below list
 * them, and callers reach them as `session.tokens.getToken(...)`, inside their transaction when
 * they hold one. Beside them, the checks and the inbox replay built on those roles.
 */
import { atomic } from '../role.js';
import { pausedLanes } from './pausedLanes.js';
import { setLanePaused } from './setLanePaused.js';
import { listShadowSettings } from './listShadowSettings.js';
import { setShadowSetting } from './setShadowSetting.js';
import { insertToken } from './insertToken.js';
import { findTokenByHash } from './findTokenByHash.js';
import { getToken } from './getToken.js';
import { listTokens } from './listTokens.js';
import { revokeToken } from './revokeToken.js';
import { touchToken } from './touchToken.js';
import { getSecretRow } from './getSecretRow.js';
import { listSecretRows } from './listSecretRows.js';
import { putSecretRow } from './putSecretRow.js';
import { rewrapSecretRow } from './rewrapSecretRow.js';
import { secretKeyUsage } from './secretKeyUsage.js';
import { activeAlerts } from './activeAlerts.js';
import { recordRuleAlerts } from './recordRuleAlerts.js';
import { recordAlerts } from './recordAlerts.js';
import { pendingAlertNotices } from './pendingAlertNotices.js';
import { claimAlertNotice } from './claimAlertNotice.js';
import { releaseAlertNotice } from './releaseAlertNotice.js';

export type { ShadowSetting } from './listShadowSettings.js';
export type { TokenRow } from './tokenRows.js';
export type { SecretRow } from './secretRows.js';
export type { AlertRow, AlertFinding, AlertNotice } from './alertRows.js';
export * from './lanePause.js';
export * from './shadowCheck.js';
export * from './replayInbox.js';

/** Lane pauses and shadow-mode switches set at run time. */
export const settings = {
  pausedLanes,
  setLanePaused: atomic(setLanePaused),
  listShadowSettings,
  setShadowSetting: atomic(setShadowSetting),
};

/** API tokens (hashes only). */
export const tokens = { insertToken, findTokenByHash, getToken, listTokens, revokeToken, touchToken };

/** Encrypted secrets (sealed values and their wrapped keys). */
export const secrets = { getSecretRow, listSecretRows, putSecretRow, rewrapSecretRow, secretKeyUsage };

/**
 * Alerts raised by rules, and their notices: what fires now, what started or ended, and which
 * notifications are owed. The unique index on open (rule, subject) makes a second evaluator's
 * insert of the same alert fail rather than double it.
 */
export const alerts = {
  activeAlerts,
  recordRuleAlerts: atomic(recordRuleAlerts),
  recordAlerts: atomic(recordAlerts),
  pendingAlertNotices,
  claimAlertNotice,
  releaseAlertNotice,
};
