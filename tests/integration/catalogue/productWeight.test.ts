// A product's weight per unit (unit_weight_kg in the import, grams in the
// catalogue): orders and vehicle loads are weighed with it.
import { afterEach, describe, expect, it } from 'vitest';
import { call, openWarehouse, refusal, type Warehouse } from '../fixtures';

let w: Warehouse;
afterEach(async () => w?.core.close());

const header = 'code,name_zh,unit,case_pack,unit_cost,unit_weight_kg';
const weightOf = async (code: string) =>
  (await call(w.core, w.admin, 'products.list', {})).find((p) => p.code === code)?.unitWeightG;

describe('product weight', () => {
  it('imports kilograms per unit as grams, keeps it when a later file has no weight column, and clears it when empty', async () => {
    w = await openWarehouse();
    await call(w.core, w.admin, 'products.import', { csv: `${header}\nW001,称重商品,瓶,12,3.50,0.575\n` });
    expect(await weightOf('W001')).toBe(575);
    await call(w.core, w.admin, 'products.import', {
      csv: 'code,name_zh,unit,case_pack,unit_cost\nW001,称重商品,瓶,12,3.60\n',
    });
    expect(await weightOf('W001')).toBe(575);
    await call(w.core, w.admin, 'products.import', { csv: `${header}\nW001,称重商品,瓶,12,3.60,\n` });
    expect(await weightOf('W001')).toBeNull();
  });

  it('refuses a weight that is not kilograms above zero, naming the line, importing nothing', async () => {
    w = await openWarehouse();
    const err = await refusal(w.core, w.admin, 'products.import', {
      csv: `${header}\nW002,好,瓶,12,3.50,1.2\nW003,负,瓶,12,3.50,-1\nW004,零,瓶,12,3.50,0\nW005,太细,瓶,12,3.50,0.0001\n`,
    });
    expect(err.code).toBe('import.invalidRows');
    expect((err.details as { errors: unknown[] }).errors).toEqual([
      { line: 3, reason: 'notWeight', field: 'unit_weight_kg' },
      { line: 4, reason: 'notWeight', field: 'unit_weight_kg' },
      { line: 5, reason: 'notWeight', field: 'unit_weight_kg' },
    ]);
    expect(await weightOf('W002')).toBeUndefined();
  });

  it('lets an operator set or clear the weight of one product', async () => {
    w = await openWarehouse();
    const p = w.products[0]!;
    const op = await w.as('operator');
    expect((await call(w.core, op, 'products.update', { id: p.id, unitWeightG: 1250 })).unitWeightG).toBe(1250);
    expect((await call(w.core, op, 'products.update', { id: p.id, unitWeightG: null })).unitWeightG).toBeNull();
    expect((await refusal(w.core, op, 'products.update', { id: p.id, unitWeightG: 0 })).code).toBe(
      'contract.invalidInput',
    );
  });
});
