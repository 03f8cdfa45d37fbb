// The direct PDF writer (electron/print/tablePdf.ts): what it draws can be read
// back, a row too low on a page moves whole to the next one under the header
// drawn again, and a character the shipped font lacks is refused before
// anything is written — never a box on paper.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeTablePdf, type TableDocument } from '../../../electron/print/tablePdf';
import { pageText } from '../../../electron/print/weeklyReportPdf';
import { tempDir } from '../../helpers/tempDirs';

const spec = (names: string[]): TableDocument => ({
  title: '测试报表',
  number: '2026-W49',
  meta: [{ label: '仓库', value: '中心仓' }],
  printed: { atLabel: '打印时间', at: '2026/12/04 08:00', byLabel: '打印人', by: '周主管' },
  landscape: false,
  columns: [
    { header: '商品代码', width: 2 },
    { header: '商品名称', width: 6 },
    { header: '数量\n金额', width: 2, align: 'right' },
  ],
  rows: [
    ...names.map((n, i) => ({ kind: 'line' as const, cells: [`P${1000 + i}`, [n, '500ml'], [`${i}`, `¥${i}.00`]] })),
    { kind: 'total', span: 2, cells: ['合计', ['999', '¥999.00']] },
  ],
  notesAfter: ['库存天数 = 期末金额 ÷（近 28 天出库金额 ÷ 28）'],
  pageText,
});

function text(pdf: Buffer, page?: number): string {
  const file = path.join(tempDir('table-pdf'), 'out.pdf');
  fs.writeFileSync(file, pdf);
  return execFileSync('pdftotext', [
    ...(page ? ['-f', String(page), '-l', String(page)] : []),
    '-layout',
    file,
    '-',
  ]).toString();
}

describe('the direct table PDF', () => {
  it('writes the title block, the rows, the total and page x of y, every row whole on one page', async () => {
    const names = Array.from({ length: 150 }, (_, i) => `测试商品${i}`);
    const pdf = await writeTablePdf(spec(names));
    const pages = Number(/\/Count (\d+)/.exec(pdf.toString('latin1'))![1]);
    expect(pages).toBeGreaterThan(1);
    const first = text(pdf, 1);
    expect(first).toContain('测试报表');
    expect(first).toContain('中心仓');
    expect(first).toContain('周主管');
    expect(first).toContain(`第 1 页 / 共 ${pages} 页`);
    let rows = 0;
    for (let p = 1; p <= pages; p++) {
      const t = text(pdf, p);
      expect(t).toContain('商品代码');
      const codes = t.match(/\bP1\d{3}\b/g)?.length ?? 0;
      expect(t.match(/测试商品\d+/g)?.length ?? 0).toBe(codes);
      rows += codes;
    }
    expect(rows).toBe(150);
    const last = text(pdf, pages);
    expect(last).toContain('合计');
    expect(last).toContain('¥999.00');
    expect(last).toContain('库存天数');
  });

  it('refuses a character the print font has no glyph for, naming it', async () => {
    await expect(writeTablePdf(spec(['正常商品', '罕见字𪚥']))).rejects.toMatchObject({
      code: 'print.failed',
      details: { reason: expect.stringContaining('U+2A6A5') },
    });
  });
});
