import { describe, expect, it } from 'vitest';
import { resolveField } from './conflict.ts';

const plain = { protectedField: false, appendOnly: false };
const guarded = { protectedField: true, appendOnly: false };

describe('resolveField', () => {
  it('applies a change made on top of the current version without a conflict', () => {
    const current = { seq: 5, value: 'a', role: 'worker' as const, deviceId: 'A' };
    expect(resolveField(current, { baseSeq: 5, value: 'b', role: 'worker', deviceId: 'B' }, plain)).toEqual({ conflict: false, winner: 'incoming' });
  });

  it('records a conflict for a concurrent change and lets the last to arrive win', () => {
    const current = { seq: 7, value: 'a', role: 'worker' as const, deviceId: 'A' };
    expect(resolveField(current, { baseSeq: 3, value: 'b', role: 'worker', deviceId: 'B' }, plain)).toEqual({ conflict: true, winner: 'incoming' });
  });

  it('sees no conflict when both sides wrote the same value, or the same device wrote twice', () => {
    const current = { seq: 7, value: 'a', role: 'worker' as const, deviceId: 'A' };
    expect(resolveField(current, { baseSeq: 3, value: 'a', role: 'worker', deviceId: 'B' }, plain).conflict).toBe(false);
    expect(resolveField(current, { baseSeq: 0, value: 'c', role: 'worker', deviceId: 'A' }, plain).conflict).toBe(false);
  });

  it("keeps a manager's value on a protected field against a worker's concurrent change", () => {
    const current = { seq: 9, value: 'u1', role: 'manager' as const, deviceId: 'M' };
    expect(resolveField(current, { baseSeq: 2, value: 'u2', role: 'worker', deviceId: 'W' }, guarded)).toEqual({ conflict: true, winner: 'current' });
    expect(resolveField({ ...current, role: 'worker' }, { baseSeq: 2, value: 'u2', role: 'manager', deviceId: 'W' }, guarded).winner).toBe('incoming');
  });

  it('lets the last updated_at through without a conflict (edits of different fields touch it both)', () => {
    const current = { seq: 9, value: '2026-11-23T10:00:00Z', role: 'worker' as const, deviceId: 'A' };
    const incoming = { baseSeq: 2, value: '2026-11-23T10:05:00Z', role: 'worker' as const, deviceId: 'B' };
    expect(resolveField(current, incoming, { protectedField: false, appendOnly: false, bookkeeping: true })).toEqual({ conflict: false, winner: 'incoming' });
    expect(resolveField(current, incoming, plain).conflict).toBe(true);
  });

  it('never raises a conflict on append-only records', () => {
    const current = { seq: 9, value: 'x', role: 'worker' as const, deviceId: 'A' };
    expect(resolveField(current, { baseSeq: 0, value: 'y', role: 'worker', deviceId: 'B' }, { protectedField: false, appendOnly: true }).conflict).toBe(false);
  });
});
