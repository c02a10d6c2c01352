// The control API: loopback only, answers only under its random token, validates rules with the
// scenario schema, and lapses pending rules on DELETE.
import { describe, expect, it } from 'vitest';
import { startControlServer } from '../../test-utils/sdk-gate/control-server.ts';
import { ScenarioEngine } from '../../test-utils/sdk-gate/scenario.ts';

describe('control API', () => {
  it('is guarded by the token in its URL and scripts the scenario engine', async () => {
    const engine = new ScenarioEngine();
    const control = await startControlServer(engine, () => 7);
    try {
      const url = new URL(control.url);
      expect(url.hostname).toBe('127.0.0.1');
      expect(url.pathname).toMatch(/^\/[0-9a-f]{32}$/);
      expect((await fetch(`${url.origin}/rules`)).status).toBe(404);
      expect((await fetch(`${url.origin}/${'0'.repeat(32)}/rules`)).status).toBe(404);

      const bad = await fetch(`${control.url}/rules`, {
        method: 'POST',
        body: JSON.stringify({ operation: 'get_group_attr', answer: { errorCode: 'soon' } }),
      });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { error: string }).error).toMatch(/\/rules\/0\/answer/);
      expect((await fetch(`${control.url}/rules`, { method: 'POST', body: 'not json' })).status).toBe(400);

      const one = await fetch(`${control.url}/rules`, {
        method: 'POST',
        body: JSON.stringify({ operation: 'get_group_attr', times: 2, answer: { errorCode: 10002 } }),
      });
      expect(one.status).toBe(201);
      expect(await one.json()).toEqual({ ids: ['rule-1'] });
      const many = await fetch(`${control.url}/rules`, {
        method: 'POST',
        body: JSON.stringify({
          rules: [
            { id: 'slow', delayMs: 3500 },
            { id: 'cut', drop: 'after-apply' },
          ],
        }),
      });
      expect(await many.json()).toEqual({ ids: ['slow', 'cut'] });

      const listed = (await (await fetch(`${control.url}/rules`)).json()) as { rules: unknown[] };
      expect(listed.rules).toEqual([
        { id: 'rule-1', description: 'the next 2 calls of get_group_attr: answer 10002', remaining: 2, fired: 0 },
        { id: 'slow', description: 'the next call of any operation: delay 3500 ms', remaining: 1, fired: 0 },
        {
          id: 'cut',
          description: 'the next call of any operation: drop the connection after applying',
          remaining: 1,
          fired: 0,
        },
      ]);
      expect(await (await fetch(`${control.url}/exchanges`)).json()).toEqual({ requests: 7 });
      const cleared = (await (await fetch(`${control.url}/rules`, { method: 'DELETE' })).json()) as {
        rules: Array<{ remaining: number }>;
      };
      expect(cleared.rules.map((r: { remaining: number }) => r.remaining)).toEqual([0, 0, 0]);
    } finally {
      await control.close();
    }
  });
});
