import { mockServices } from '@backstage/backend-test-utils';
import { ReplicaLease } from './ReplicaLease';
import { ReplicaStore } from './ReplicaStore';

/** A store whose database can be taken away; every other replica's lease is out. */
function outageStore() {
  const state = { down: false };
  const failWhenDown = async <T>(value: T) => {
    if (state.down) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    return value;
  };
  const store = {
    register: () => failWhenDown(undefined),
    renew: () => failWhenDown(true),
    expired: () => failWhenDown(['other']),
  } as unknown as ReplicaStore;
  return { store, state };
}

describe('ReplicaLease', () => {
  it('judges no other replica until it has held its own lease for a lease period, again after a database outage', async () => {
    let now = 1_000_000;
    const { store, state } = outageStore();
    const lease = new ReplicaLease(store, {
      leaseMs: 30_000,
      logger: mockServices.logger.mock(),
      now: () => now,
    });
    await lease.register();
    expect(await lease.gone()).toEqual([]);
    now += 30_000;
    expect(await lease.gone()).toEqual(['other']);

    state.down = true;
    now += 10_000;
    await expect(lease.renew()).rejects.toThrow(/ECONNREFUSED/);
    expect(await lease.gone()).toEqual([]);

    // the database is back: every lease ran out meanwhile, the others are renewing theirs
    state.down = false;
    now += 30_000;
    await lease.renew();
    expect(await lease.gone()).toEqual([]);
    now += 29_000;
    expect(await lease.gone()).toEqual([]);
    now += 1_000;
    expect(await lease.gone()).toEqual(['other']);
  });
});
