/** An interchange stored before it is sent; re-sending uses these exact bytes. */
export interface OutboundRow {
  id: number;
  partner: string;
  purpose: string;
  controlNumber: string;
  content: string;
  groups: unknown;
  sentAt: number | null;
}
