// The station's task and last scans are held in memory beside the database.
// The memory must follow commits only: a rolled-back scan leaves no trace in
// it, and a transaction sees its own changes before it commits.
import { afterEach, describe, expect, it } from 'vitest';
import { createServiceRunner } from '../../../electron/core/contract/dispatcher';
import { createEventBus } from '../../../electron/core/events';
import { StationMemory } from '../../../electron/core/scanner/stationMemory';
import { loadTask, saveTask } from '../../../electron/core/scanner/stationTasks';
import { openWarehouse, type Warehouse } from '../fixtures';

let w: Warehouse;
afterEach(async () => w?.core.close());

describe('station memory', () => {
  it('shows a transaction its own task at once, others only after commit, and forgets a rollback', async () => {
    w = await openWarehouse();
    const root = w.core.database.db;
    const run = createServiceRunner({
      root,
      bus: createEventBus(),
      timeZone: 'Asia/Shanghai',
      dataDir: w.core.dataDir,
      log: () => {},
    });
    const memory = new StationMemory();
    const caller = w.admin;
    const read = async () => {
      const r = await run(caller, 'test.read', false, (ctx) => memory.task(ctx, 'S1'));
      if (!r.ok) throw new Error(r.error.code);
      return r.value;
    };

    expect((await read()).kind).toBe('lookup');

    // Committed: everyone sees it.
    await run(caller, 'test.write', true, async (ctx) => {
      await memory.setTask(ctx, 'S1', {
        kind: 'receipt',
        state: { location: null, lines: [], applied: [] },
        owner: null,
      });
      expect((await memory.task(ctx, 'S1')).kind).toBe('receipt');
    });
    expect((await read()).kind).toBe('receipt');

    // Rolled back: the memory and the database both keep the committed task.
    const failed = await run(caller, 'test.write', true, async (ctx) => {
      await memory.setTask(ctx, 'S1', { kind: 'lookup', state: { productId: 7 }, owner: null });
      expect(await memory.task(ctx, 'S1')).toEqual({ kind: 'lookup', state: { productId: 7 }, owner: null });
      throw new Error('boom');
    });
    expect(failed.ok).toBe(false);
    expect((await read()).kind).toBe('receipt');
    expect((await loadTask(root, 'S1')).kind).toBe('receipt');
  });

  it('keeps the last scans newest first, a changed row in its place, and nothing of a rollback', async () => {
    w = await openWarehouse();
    const root = w.core.database.db;
    const run = createServiceRunner({
      root,
      bus: createEventBus(),
      timeZone: 'Asia/Shanghai',
      dataDir: w.core.dataDir,
      log: () => {},
    });
    const memory = new StationMemory();
    const scan = (id: number, outcome: 'accepted' | 'rejected' = 'accepted') => ({
      id,
      at: new Date().toISOString(),
      station: 'S1',
      sourceKind: 'manual' as const,
      sourceName: 'test',
      raw: `code-${id}`,
      symbology: null,
      decoded: null,
      outcome,
      reason: null,
      resolution: null,
      task: 'lookup',
      userName: 'admin',
    });
    await run(w.admin, 'test.write', true, async (ctx) => {
      for (let id = 1; id <= 14; id++) await memory.noteScan(ctx, scan(id));
      await memory.noteScan(ctx, scan(14, 'rejected'));
    });
    await run(w.admin, 'test.write', true, async (ctx) => {
      await memory.noteScan(ctx, scan(15));
      throw new Error('boom');
    });
    const r = await run(w.admin, 'test.read', false, (ctx) => memory.recent(ctx, 'S1'));
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.map((s) => s.id)).toEqual([14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3]);
    expect(r.value[0]!.outcome).toBe('rejected');
  });

  it('stores the task’s owner with its state, and reads a row stored before owners were as having none', async () => {
    w = await openWarehouse();
    const root = w.core.database.db;
    const owner = { userId: 3, displayName: '张仓管' };
    const receipt = { location: null, lines: [], applied: [] };
    await saveTask(root, 'S1', { kind: 'receipt', state: receipt, owner }, new Date().toISOString());
    expect(await loadTask(root, 'S1')).toEqual({ kind: 'receipt', state: receipt, owner });

    const legacy = { sessionId: 1, number: 'PD-1', userId: 3, location: null, applied: [] };
    await root
      .insertInto('station_tasks')
      .values({ station: 'S2', task: 'count', state: JSON.stringify(legacy), updated_at: new Date().toISOString() })
      .execute();
    expect(await loadTask(root, 'S2')).toEqual({ kind: 'count', state: legacy, owner: null });
  });
});
