import { describe, expect, it, onTestFinished } from 'vitest';
import {
  createTimClient,
  GroupWriteRefusedError,
  markGroupOwned,
  SlidingWindowPacer,
} from '../../test-utils/client/index.ts';
import { OK, startRecordingServer, targetFor, TEST_PREFIX } from './recording-server.ts';

async function setup(createdId = '@TGS#2SYSTEMID') {
  const server = await startRecordingServer((r) =>
    r.url.pathname.endsWith('/create_group') ? { ...OK, GroupId: createdId } : OK,
  );
  onTestFinished(() => server.close());
  const client = createTimClient(targetFor(server.url), { pacer: new SlidingWindowPacer() });
  onTestFinished(() => client.close());
  return { server, client };
}

describe('the write guard', () => {
  it('refuses a write to a group of someone else before sending anything', async () => {
    const { server, client } = await setup();
    for (const operationId of [
      'modify_group_attr',
      'set_group_attr',
      'delete_group_attr',
      'clear_group_attr',
      'update_group_counter',
      'delete_group_counter',
      'destroy_group',
    ]) {
      await expect(client.call(operationId, { GroupId: '@TGS#aCustomerGroup' })).rejects.toThrow(
        GroupWriteRefusedError,
      );
    }
    await expect(client.call('destroy_group', { GroupId: 'timc-otherrun-x' })).rejects.toThrow(
      /only writes to groups it created/,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('lets writes through to ids with the run prefix, Community ids included', async () => {
    const { server, client } = await setup();
    await client.call('modify_group_attr', { GroupId: `${TEST_PREFIX}a`, GroupAttr: [{ key: 'k', value: 'v' }] });
    await client.call('destroy_group', { GroupId: `@TGS#_${TEST_PREFIX}community` });
    await client.call('create_group', { Type: 'Public', Name: 'n', GroupId: `${TEST_PREFIX}b` });
    expect(server.requests).toHaveLength(3);
  });

  it('refuses to create a group with a custom id outside the run prefix', async () => {
    const { server, client } = await setup();
    await expect(client.call('create_group', { Type: 'Public', Name: 'n', GroupId: 'customer-id' })).rejects.toThrow(
      GroupWriteRefusedError,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('lets writes through to a system-assigned id its own create_group returned', async () => {
    const { server, client } = await setup('@TGS#2FRESHID');
    await expect(client.call('destroy_group', { GroupId: '@TGS#2FRESHID' })).rejects.toThrow(GroupWriteRefusedError);
    await client.call('create_group', { Type: 'Public', Name: 'n' });
    await client.call('destroy_group', { GroupId: '@TGS#2FRESHID' });
    expect(server.requests.map((r) => r.url.pathname.split('/').pop())).toEqual(['create_group', 'destroy_group']);
  });

  it('lets writes through to ids marked as owned', async () => {
    const { server, client } = await setup();
    markGroupOwned('@TGS#2MARKED');
    await client.call('clear_group_attr', { GroupId: '@TGS#2MARKED' });
    expect(server.requests).toHaveLength(1);
  });

  it('never stands in the way of reads', async () => {
    const { server, client } = await setup();
    await client.call('get_group_attr', { GroupId: '@TGS#aCustomerGroup' });
    await client.call('get_group_counter', { GroupId: '@TGS#aCustomerGroup' });
    await client.call('get_group_info', { GroupIdList: ['@TGS#aCustomerGroup'] });
    expect(server.requests).toHaveLength(3);
  });

  it('refuses a group id that is not a string, and a write hidden behind a read id', async () => {
    const { server, client } = await setup();
    await expect(client.call('modify_group_attr', { GroupId: 12345, GroupAttr: [] })).rejects.toThrow(
      GroupWriteRefusedError,
    );
    await expect(
      client.call(
        'get_group_attr',
        { GroupId: '@TGS#aCustomerGroup' },
        { path: '/v4/group_open_http_svc/destroy_group' },
      ),
    ).rejects.toThrow(/refusing destroy_group/);
    expect(server.requests).toHaveLength(0);
  });

  it('reads the group id of a raw body, even a broken one', async () => {
    const { server, client } = await setup();
    await expect(
      client.call('destroy_group', undefined, { rawBody: '{"GroupId":"@TGS#aCustomerGroup"}' }),
    ).rejects.toThrow(GroupWriteRefusedError);
    await expect(
      client.call('destroy_group', undefined, { rawBody: '{"GroupId":"@TGS#aCustomerGroup", oops' }),
    ).rejects.toThrow(GroupWriteRefusedError);
    await client.call('destroy_group', undefined, { rawBody: 'not json at all' });
    expect(server.requests).toHaveLength(1);
  });

  it('steps aside when a call asks for it explicitly', async () => {
    const { server, client } = await setup();
    await client.call('modify_group_attr', { GroupId: '', GroupAttr: [] }, { allowForeignGroup: true });
    await client.call('destroy_group', { GroupId: 'x'.repeat(49) }, { allowForeignGroup: true });
    expect(server.requests).toHaveLength(2);
  });
});
