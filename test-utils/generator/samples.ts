/**
 * The documents' sample requests (schemas/samples/index.json) as cases: each is sent as printed
 * (after its group ids are replaced by the check's own group) and must succeed with a response
 * valid against the operation's response schema.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { EvidenceStatus, GroupType } from '../contract/types.ts';
import type { CaseBase } from './case-base.ts';

export interface SampleEntry {
  file: string;
  operation: string;
  kind: 'request' | 'response';
  source: string;
  origin: 'printed' | 'repaired' | 'reconstructed';
  note?: string;
}

export interface SampleCase extends CaseBase {
  kind: 'sample';
  file: string;
  origin: SampleEntry['origin'];
  /** The request exactly as the page prints it (group ids still the page's). */
  body: Record<string, unknown>;
}

export function sampleEntries(schemasDir: string): SampleEntry[] {
  const index = JSON.parse(readFileSync(resolve(schemasDir, 'samples', 'index.json'), 'utf8')) as {
    samples: SampleEntry[];
  };
  return index.samples;
}

/** A sample request as a case; a reconstructed sample is only as sure as our reading of the page. */
export function sampleCase(schemasDir: string, entry: SampleEntry, groupType: GroupType): SampleCase {
  const body = JSON.parse(readFileSync(resolve(schemasDir, 'samples', entry.file), 'utf8')) as Record<string, unknown>;
  const status: EvidenceStatus = entry.origin === 'reconstructed' ? 'inferred' : 'documented';
  return {
    kind: 'sample',
    operation: entry.operation,
    check: 'gen-sample-request',
    groupType,
    expected: { code: 0, status, docUrls: [entry.source] },
    tentative: status === 'inferred',
    docUrl: entry.source,
    file: entry.file,
    origin: entry.origin,
    body,
  };
}

/** The sample with every group id of the page replaced by `groupId` (GroupId and GroupIdList). */
export function substituteFixtureGroup(body: Record<string, unknown>, groupId: string): Record<string, unknown> {
  const copy = structuredClone(body);
  if (typeof copy.GroupId === 'string') copy.GroupId = groupId;
  if (Array.isArray(copy.GroupIdList)) copy.GroupIdList = [groupId];
  return copy;
}
