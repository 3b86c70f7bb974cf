import crypto from 'node:crypto';
import { AgentFrame } from '@internal/plugin-sindri-common';
import { Outbox } from './outbox';

const hb = (): AgentFrame => ({
  type: 'heartbeat',
  heartbeat: {
    id: crypto.randomUUID(),
    at: new Date().toISOString(),
    uptimeSeconds: 1,
  },
});

describe('Outbox', () => {
  it('drops the oldest sample when full and counts the drops', () => {
    const drops: number[] = [];
    const outbox = new Outbox(3, n => drops.push(n));
    const frames = [hb(), hb(), hb(), hb(), hb()];
    frames.forEach(f => outbox.push(f));

    expect(outbox.size).toBe(3);
    expect(drops).toEqual([1, 2]);
    expect(outbox.takeUnsent()).toEqual(frames.slice(2));
  });

  it('keeps what was sent until acked, and sends it again after a reset', () => {
    const outbox = new Outbox(10);
    const [a, b] = [hb(), hb()];
    outbox.push(a);
    outbox.push(b);
    expect(outbox.takeUnsent()).toEqual([a, b]);
    expect(outbox.takeUnsent()).toEqual([]);

    outbox.ack((a as any).heartbeat.id);
    outbox.resetSent();
    expect(outbox.takeUnsent()).toEqual([b]);
  });
});

describe('Outbox, as the portal refuses frames', () => {
  it('sends a frame refused for now again, not before its wait, and gives up an invalid one, counting it', () => {
    let now = 1000;
    const outbox = new Outbox(
      10,
      () => {},
      () => now,
    );
    const [a, b] = [hb(), hb()];
    outbox.push(a);
    outbox.push(b);
    expect(outbox.takeUnsent()).toEqual([a, b]);
    expect(outbox.retryLater((a as any).heartbeat.id, 500)).toBe(true);
    expect(outbox.giveUp((b as any).heartbeat.id)).toBe(true);
    expect(outbox.invalid).toBe(1);
    expect(outbox.takeUnsent()).toEqual([]);
    expect(outbox.nextDue()).toBe(1500);
    now = 1500;
    expect(outbox.takeUnsent()).toEqual([a]);
    expect(outbox.size).toBe(1);
  });

  it('takes batches that fit a byte budget, and leaves what cannot fit any batch out', () => {
    const outbox = new Outbox(10);
    const big: AgentFrame = {
      type: 'event',
      event: {
        id: crypto.randomUUID(),
        at: new Date().toISOString(),
        type: 'deploy',
        message: 'x'.repeat(1000),
      },
    };
    const frames = [hb(), hb(), big, hb()];
    frames.forEach(f => outbox.push(f));
    const size = (f: AgentFrame) => JSON.stringify(f).length;
    const budget = { maxBytes: size(frames[0]) * 2 + 2, size };
    expect(outbox.takeUnsent(Infinity, budget)).toEqual([frames[0], frames[1]]);
    // the big one would never fit: it is passed over, the rest goes on
    expect(outbox.takeUnsent(Infinity, budget)).toEqual([frames[3]]);
    expect(outbox.giveUpWhere(f => size(f) + 1 > budget.maxBytes)).toBe(1);
    expect(outbox.invalid).toBe(1);
  });
});
