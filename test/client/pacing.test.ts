import { describe, expect, it, onTestFinished } from 'vitest';
import {
  createTimClient,
  PACING_WINDOW_MS,
  rateSlot,
  SlidingWindowPacer,
  type PacerClock,
} from '../../test-utils/client/index.ts';
import { getOperation } from '../../test-utils/contract/index.ts';
import { startRecordingServer, targetFor, TEST_PREFIX } from './recording-server.ts';
import { busiestWindow } from './arrivals.ts';

/** A clock that only moves when the test moves it; sleepers wake in time order. */
class ManualClock implements PacerClock {
  time = 0;
  #sleepers: { at: number; wake: () => void }[] = [];

  now(): number {
    return this.time;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((wake) => this.#sleepers.push({ at: this.time + ms, wake }));
  }

  get sleeping(): number {
    return this.#sleepers.length;
  }

  async advanceTo(target: number): Promise<void> {
    for (;;) {
      await new Promise((r) => setImmediate(r));
      this.#sleepers.sort((a, b) => a.at - b.at);
      const next = this.#sleepers[0];
      if (!next || next.at > target) break;
      this.#sleepers.shift();
      this.time = next.at;
      next.wake();
    }
    this.time = target;
    await new Promise((r) => setImmediate(r));
  }
}

describe('SlidingWindowPacer (fake clock)', () => {
  it('admits a burst of concurrent calls no faster than the limit per sliding window', async () => {
    const clock = new ManualClock();
    const pacer = new SlidingWindowPacer({ clock });
    const slot = rateSlot('api:1:op', 5);
    const admitted: number[] = [];
    // Each call gets its response at once (done() right after admission).
    const burst = Array.from({ length: 12 }, () =>
      pacer.acquire([slot]).then((ticket) => {
        admitted.push(clock.now());
        ticket.done();
      }),
    );
    await clock.advanceTo(0);
    expect(admitted).toEqual([0, 0, 0, 0, 0]);
    await clock.advanceTo(PACING_WINDOW_MS - 1);
    expect(admitted).toHaveLength(5);
    await clock.advanceTo(PACING_WINDOW_MS);
    expect(admitted).toHaveLength(10);
    await clock.advanceTo(10 * PACING_WINDOW_MS);
    await Promise.all(burst);
    expect(admitted).toHaveLength(12);
    expect(busiestWindow(admitted, PACING_WINDOW_MS)).toBeLessThanOrEqual(5);
  });

  it('keeps calls spread over time inside the window too (where a token bucket would burst twice)', async () => {
    const clock = new ManualClock();
    const pacer = new SlidingWindowPacer({ clock });
    const slot = rateSlot('k', 5);
    const admitted: number[] = [];
    // One call every 100 ms for 3 s, each waiting for its slot.
    const calls: Promise<void>[] = [];
    for (let t = 0; t < 3000; t += 100) {
      await clock.advanceTo(t);
      calls.push(
        pacer.acquire([slot]).then((ticket) => {
          admitted.push(clock.now());
          ticket.done();
        }),
      );
    }
    await clock.advanceTo(20_000);
    await Promise.all(calls);
    expect(admitted).toHaveLength(30);
    expect(busiestWindow(admitted, 1000)).toBeLessThanOrEqual(5);
  });

  it('waits for every slot of a call and records all of them at once', async () => {
    const clock = new ManualClock();
    const pacer = new SlidingWindowPacer({ clock });
    const api = rateSlot('api', 200);
    const group = rateSlot('group', 2);
    (await pacer.acquire([api, group])).done();
    (await pacer.acquire([api, group])).done();
    let third = false;
    void pacer.acquire([api, group]).then(() => {
      third = true;
    });
    await clock.advanceTo(500);
    expect(third).toBe(false);
    expect(pacer.admissions('api')).toHaveLength(2);
    await clock.advanceTo(PACING_WINDOW_MS);
    expect(third).toBe(true);
    // The first two left the window; the third is in flight.
    expect(pacer.admissions('api')).toEqual([Number.POSITIVE_INFINITY]);
    expect(pacer.admissions('group')).toEqual([Number.POSITIVE_INFINITY]);
  });

  it('counts bypassing calls toward the calls that follow', async () => {
    const clock = new ManualClock();
    const pacer = new SlidingWindowPacer({ clock });
    const slot = rateSlot('k', 3);
    for (let i = 0; i < 3; i += 1) pacer.record([slot]).done();
    expect(pacer.waitTime([slot])).toBe(PACING_WINDOW_MS);
  });

  it('counts a call in flight until its response, however long it takes', async () => {
    const clock = new ManualClock();
    const pacer = new SlidingWindowPacer({ clock });
    const slot = rateSlot('k', 1);
    const slow = await pacer.acquire([slot]);
    let admittedAt = -1;
    const next = pacer.acquire([slot]).then((ticket) => {
      admittedAt = clock.now();
      ticket.done();
    });
    await clock.advanceTo(10 * PACING_WINDOW_MS);
    expect(admittedAt).toBe(-1);
    // The slow call's response arrives now: the server saw it at the latest now, so the next
    // call waits one window from here.
    slow.done();
    await clock.advanceTo(11 * PACING_WINDOW_MS - 1);
    expect(admittedAt).toBe(-1);
    await clock.advanceTo(11 * PACING_WINDOW_MS);
    await next;
    expect(admittedAt).toBe(11 * PACING_WINDOW_MS);
  });

  it('divides a budget between workers, widening the window below one call', () => {
    expect(rateSlot('k', 200, 1 / 4)).toEqual({ key: 'k', limit: 50, windowMs: PACING_WINDOW_MS });
    expect(rateSlot('k', 200, 1 / 3)).toEqual({ key: 'k', limit: 66, windowMs: PACING_WINDOW_MS });
    expect(rateSlot('k', 1, 1 / 3)).toEqual({ key: 'k', limit: 1, windowMs: 3 * PACING_WINDOW_MS });
  });
});

describe('client pacing (real server, arrival times)', () => {
  async function setup(workerShare = 1) {
    const server = await startRecordingServer();
    onTestFinished(() => server.close());
    const client = createTimClient(targetFor(server.url), { pacer: new SlidingWindowPacer(), workerShare });
    onTestFinished(() => client.close());
    return { server, client };
  }

  it('keeps attribute writes to one group under its write rate, whatever the operation', async () => {
    const { server, client } = await setup();
    const perSecond = getOperation('modify_group_attr')['x-tim-group-write-rate']?.perSecond as number;
    const group = `${TEST_PREFIX}paced`;
    const writes = Array.from({ length: perSecond + 3 }, (_, i) =>
      i % 2 === 0
        ? client.call('modify_group_attr', { GroupId: group, GroupAttr: [{ key: 'k', value: String(i) }] })
        : client.call('set_group_attr', { GroupId: group, GroupAttr: [{ key: 'k', value: String(i) }] }),
    );
    // Another group's writes do not wait for this one.
    const other = client.call('modify_group_attr', {
      GroupId: `${TEST_PREFIX}other`,
      GroupAttr: [{ key: 'k', value: 'v' }],
    });
    await Promise.all([...writes, other]);
    const arrivals = server.requests.filter((r) => r.body.includes(`"${group}"`)).map((r) => r.at);
    expect(arrivals).toHaveLength(perSecond + 3);
    expect(busiestWindow(arrivals, 1000)).toBeLessThanOrEqual(perSecond);
    // It arrives before the group's first write that had to wait for the window (arrival order
    // among the calls sent at once is up to the scheduler, so compare with the waiting one).
    const otherAt = server.requests.find((r) => r.body.includes('other'))!.at;
    expect(otherAt).toBeLessThan([...arrivals].sort((a, b) => a - b)[perSecond]!);
  });

  it('keeps one API under its share of the call rate', async () => {
    const share = 0.02; // 200/s -> 4 per window for this worker
    const { server, client } = await setup(share);
    await Promise.all(Array.from({ length: 9 }, () => client.call('get_group_info', { GroupIdList: ['g'] })));
    expect(
      busiestWindow(
        server.requests.map((r) => r.at),
        1000,
      ),
    ).toBeLessThanOrEqual(4);
  });

  it('lets a call bypass pacing when it says so', async () => {
    const { server, client } = await setup(0.02);
    await Promise.all(
      Array.from({ length: 9 }, () => client.call('get_group_info', { GroupIdList: ['g'] }, { pacing: false })),
    );
    expect(server.requests).toHaveLength(9);
    expect(
      busiestWindow(
        server.requests.map((r) => r.at),
        1000,
      ),
    ).toBe(9);
  });
});
