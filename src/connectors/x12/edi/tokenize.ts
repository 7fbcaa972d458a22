import type { Delimiters, Segment } from './types.js';

/**
 * Splits the text after the ISA into segments. CR/LF around terminators are layout only
 * (PROTOCOLS.md §3.1: "anything after (CR/LF) is optional whitespace"), so they are dropped.
 */
export function tokenize(text: string, delimiters: Delimiters): Segment[] {
  const segments: Segment[] = [];
  for (const raw of text.split(delimiters.segment)) {
    const chunk = raw.replace(/^[\r\n]+|[\r\n]+$/g, '');
    if (chunk === '') continue;
    const [id = '', ...elements] = chunk.split(delimiters.element);
    segments.push({ id, elements });
  }
  return segments;
}

/** Serialises one segment; the inverse of a tokenize step. */
export function segmentText(segment: Segment, delimiters: Delimiters): string {
  return [segment.id, ...segment.elements].join(delimiters.element) + delimiters.segment;
}
