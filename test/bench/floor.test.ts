import { describe, expect, it } from 'vitest';
import { rateFloor } from '../../bench/lib/floor.ts';

describe('rateFloor (bench/lib/floor.ts)', () => {
  it('is the largest of calls per API over its rate and writes per group over theirs', () => {
    const floor = rateFloor(
      [
        { key: '1/get_group_attr', count: 300, perSecond: 200 },
        { key: '1/set_group_attr', count: 100, perSecond: 200 },
      ],
      [
        { key: '1/g1', count: 6, perSecond: 5 },
        { key: '1/g2', count: 2, perSecond: 5 },
      ],
    );
    expect(floor).toEqual({ seconds: 1.5, bindingKey: 'api 1/get_group_attr', apiSeconds: 1.5, groupSeconds: 1.2 });
  });

  it('names the group when a group imposes the floor', () => {
    const floor = rateFloor(
      [{ key: '1/modify_group_attr', count: 20, perSecond: 200 }],
      [{ key: '1/g1', count: 20, perSecond: 5 }],
    );
    expect(floor.seconds).toBe(4);
    expect(floor.bindingKey).toBe('group 1/g1');
  });

  it('is zero with nothing counted, and refuses a rate that is not positive', () => {
    expect(rateFloor([], [])).toEqual({ seconds: 0, bindingKey: 'none', apiSeconds: 0, groupSeconds: 0 });
    expect(() => rateFloor([{ key: '1/x', count: 1, perSecond: 0 }], [])).toThrow(/must be positive/);
  });
});
