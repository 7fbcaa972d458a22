/** How an inbound message was authenticated: a signed webhook checked, or none (files, polls). */
export const SignatureResult = { valid: 'valid', invalid: 'invalid', unsigned: 'unsigned' } as const;
export type SignatureResult = (typeof SignatureResult)[keyof typeof SignatureResult];
