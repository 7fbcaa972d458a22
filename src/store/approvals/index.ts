/**
 * Persistence of four-eyes approvals and of the mapping set a CSV export reads. One operation per
 * file; sessions show them as `session.approvals.insertApproval(...)` (see port.ts).
 */
import { insertApproval } from './insertApproval.js';
import { getApproval } from './getApproval.js';
import { listApprovals } from './listApprovals.js';
import { countApprovals } from './countApprovals.js';
import { decideApproval } from './decideApproval.js';
import { allCurrentMappings } from './allCurrentMappings.js';
import { latestVersions } from './latestVersions.js';
import { appendMappings } from './appendMappings.js';

export type { ApprovalRow, ApprovalStatus } from './rows.js';

/** Changes held for a second person, and their decisions. */
export const approvals = { insertApproval, getApproval, listApprovals, countApprovals, decideApproval };

/** Mappings many at a time: every current one for export; the latest of many keys, and many new versions, for import. */
export const mappingSets = { allCurrentMappings, latestVersions, appendMappings };
