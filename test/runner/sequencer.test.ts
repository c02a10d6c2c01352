// The suites' sequencer starts the rate-bound file first and keeps the others in their order.
import { describe, expect, test } from 'vitest';
import { rateBoundFirst } from '../../test-utils/runner/sequencer.ts';

describe('rateBoundFirst', () => {
  test('moves paced.check.ts to the front, keeping the order of the rest', () => {
    const files = ['/r/suites/a.check.ts', '/r/suites/generated/paced.check.ts', '/r/suites/b.check.ts'].map(
      (moduleId) => ({ moduleId }),
    );
    expect(rateBoundFirst(files).map((f) => f.moduleId)).toEqual([
      '/r/suites/generated/paced.check.ts',
      '/r/suites/a.check.ts',
      '/r/suites/b.check.ts',
    ]);
  });

  test('leaves files alone when none is rate-bound (a name merely containing paced is not)', () => {
    const files = ['/r/x.check.ts', '/r/unpaced.check.ts'].map((moduleId) => ({ moduleId }));
    expect(rateBoundFirst(files)).toEqual(files);
  });
});
