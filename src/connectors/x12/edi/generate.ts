/**
 * Generates interchanges through node-x12's X12Generator: it pads the ISA, zero-fills ISA13,
 * derives SE/GE/IEA counts and control numbers, and re-parses its own output in strict mode before
 * returning it (node-x12 `X12Generator.validate`), so every file Ferry writes has passed a second,
 * independent envelope check. Ferry adds what node-x12 does not: refusing data that contains a
 * delimiter (X12 has no escape, a stray `*` would shift every later element) and the line suffix
 * after the final terminator.
 */
import { JSEDINotation, X12Generator } from 'node-x12';
import { FerryError } from '../../../core/errors.js';
import type { Delimiters, Interchange, IsaHeader, Segment } from './types.js';

function isaElements(h: IsaHeader, d: Delimiters): string[] {
  return [
    h.authQualifier,
    h.authInfo,
    h.securityQualifier,
    h.securityInfo,
    h.senderQualifier,
    h.senderId,
    h.receiverQualifier,
    h.receiverId,
    h.date,
    h.time,
    h.standardsId,
    h.version,
    h.controlNumber,
    h.ackRequested,
    h.usage,
    d.component,
  ];
}

function checkDelimiters(where: string, values: readonly string[], d: Delimiters): void {
  const reserved = [d.element, d.segment, d.component];
  values.forEach((value, i) => {
    const bad = reserved.find((r) => value.includes(r));
    if (bad !== undefined) {
      const name = `${where}${String(i + 1).padStart(2, '0')}`;
      throw new FerryError(
        'payload_invalid',
        `X12 element ${name} "${value}" contains the delimiter "${bad}"`,
        {
          details: { element: name, value, delimiter: bad },
        },
      );
    }
  });
}

function addSegments(
  target: { addSegment(tag: string, elements: string[]): unknown },
  body: readonly Segment[],
  d: Delimiters,
): void {
  for (const seg of body) {
    checkDelimiters(seg.id, seg.elements, d);
    target.addSegment(seg.id, [...seg.elements]);
  }
}

/** Serialises an interchange; counts and trailers are derived, never taken from input. */
export function generateInterchange(ic: Interchange): string {
  const d = ic.delimiters;
  const jsen = new JSEDINotation(isaElements(ic.header, d));
  for (const group of ic.groups) {
    const h = group.header;
    const gs = [
      h.functionalId,
      h.senderCode,
      h.receiverCode,
      h.date,
      h.time,
      h.controlNumber,
      h.agency,
      h.version,
    ];
    checkDelimiters('GS', gs, d);
    const jsGroup = jsen.addFunctionalGroup(gs);
    for (const set of group.sets) {
      checkDelimiters('ST', [set.id, set.controlNumber], d);
      addSegments(jsGroup.addTransaction([set.id, set.controlNumber]), set.body, d);
    }
  }
  const generator = new X12Generator(jsen, {
    elementDelimiter: d.element,
    segmentTerminator: d.segment,
    subElementDelimiter: d.component,
    repetitionDelimiter: d.repetition,
    endOfLine: d.lineSuffix,
    format: d.lineSuffix !== '',
  });
  return generator.toString() + d.lineSuffix;
}
