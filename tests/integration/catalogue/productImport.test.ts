import { afterEach, describe, expect, it } from 'vitest';
import { call, openWarehouse, refusal, type Warehouse } from '../fixtures';

let w: Warehouse;
afterEach(async () => w?.core.close());

const header =
  'code,name_zh,name_en,spec,unit,case_pack,unit_cost,category,active,unit_barcode,case_barcode,replaced_by';

describe('product import', () => {
  it('reports every bad row with its line number and reason and imports nothing', async () => {
    w = await openWarehouse();
    const before = (await call(w.core, w.admin, 'products.list', {})).length;
    const csv = [
      header,
      'N001,好商品,Good,1L,瓶,12,3.50,饮料,1,,,',
      'N002,,Missing name,1L,瓶,12,3.50,饮料,1,,,',
      'N003,坏箱规,Bad pack,1L,瓶,0,3.50,饮料,1,,,',
      '"N004","多行',
      '名称",Multi-line,1L,瓶,12,3.505,饮料,1,,,',
      'N001,重复,Dup,1L,瓶,12,3.50,饮料,1,,,',
      'N006,条码被占,Taken,1L,瓶,12,3.50,饮料,1,6901234567892,,',
      'N007,换码,Replaced,1L,瓶,12,3.50,饮料,1,,,NOPE',
      'N008,校验位错,Bad check digit,1L,瓶,12,3.50,饮料,1,6901234567893,,',
    ].join('\n');
    const err = await refusal(w.core, w.admin, 'products.import', { csv });
    expect(err.code).toBe('import.invalidRows');
    const errors = (err.details as { errors: { line: number; reason: string; field?: string }[] }).errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 3, reason: 'required', field: 'name_zh' }),
        expect.objectContaining({ line: 4, reason: 'notPositiveInteger', field: 'case_pack' }),
        expect.objectContaining({ line: 5, reason: 'notMoney', field: 'unit_cost' }),
        expect.objectContaining({ line: 7, reason: 'duplicateCode' }),
        expect.objectContaining({ line: 8, reason: 'barcodeTaken', field: 'unit_barcode' }),
        expect.objectContaining({ line: 9, reason: 'unknownReplacement', field: 'replaced_by' }),
        expect.objectContaining({ line: 10, reason: 'badBarcode', field: 'unit_barcode' }),
      ]),
    );
    expect(errors.some((e) => e.line === 2)).toBe(false);
    expect((await call(w.core, w.admin, 'products.list', {})).length).toBe(before);
  });

  it('imports new products with unit and case barcodes, updates existing ones, and links an old code to its successor (R13)', async () => {
    w = await openWarehouse();
    const csv = [
      header,
      'N010,新品,New,1L,瓶,6,12.00,饮料,yes,6909999999996,16909999999993,',
      'P003,海天生抽 新,Haday,500ml,瓶,12,7.00,调味品,1,,,',
      'N011,旧品,Old,1L,瓶,6,12.00,饮料,0,,,N010',
    ].join('\r\n');
    expect(await call(w.core, w.admin, 'products.import', { csv: `\uFEFF${csv}` })).toEqual({
      imported: 2,
      updated: 1,
      errors: [],
    });
    const list = await call(w.core, w.admin, 'products.list', {});
    expect(list.find((p) => p.code === 'N010')).toMatchObject({
      casePack: 6,
      unitCostFen: 1200,
      unitBarcode: '6909999999996',
      caseBarcode: '16909999999993',
      active: true,
    });
    expect(list.find((p) => p.code === 'P003')).toMatchObject({ nameZh: '海天生抽 新', unitCostFen: 700 });
    expect(list.find((p) => p.code === 'N011')).toMatchObject({ replacedByCode: 'N010', active: false });
  });

  it('refuses a file without the required columns or without rows', async () => {
    w = await openWarehouse();
    expect(await refusal(w.core, w.admin, 'products.import', { csv: 'code,name\nX,Y\n' })).toMatchObject({
      code: 'import.invalidRows',
      details: { errors: expect.arrayContaining([{ line: 1, reason: 'missingColumn', field: 'unit' }]) },
    });
    expect((await refusal(w.core, w.admin, 'products.import', { csv: '  \n' })).code).toBe('import.emptyFile');
  });
});
