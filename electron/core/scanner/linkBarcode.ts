// An unknown barcode scanned at a station can be linked to a product there and
// then by an authorised user; the next scan resolves.
import { isValidGtin } from '../../../shared/barcode/gtin';
import type { ProductView } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { recordAudit } from '../audit/audit';
import { listProducts } from '../catalogue/products';
import type { ServiceContext } from '../context';

export async function linkBarcode(
  ctx: ServiceContext,
  input: { code: string; productId: number; level: 'unit' | 'case' },
): Promise<ProductView> {
  if ([8, 12, 13, 14].includes(input.code.length) && !isValidGtin(input.code)) {
    throw new AppError('contract.invalidInput', {
      issues: [{ path: 'code', code: 'badCheckDigit', message: 'check digit' }],
    });
  }
  const product = await ctx.db
    .selectFrom('products')
    .select(['id', 'case_pack'])
    .where('id', '=', input.productId)
    .executeTakeFirst();
  if (!product) throw new AppError('products.notFound', { productId: input.productId });
  const owner = await ctx.db
    .selectFrom('barcodes as b')
    .innerJoin('products as p', 'p.id', 'b.product_id')
    .select(['p.code'])
    .where('b.code', '=', input.code)
    .executeTakeFirst();
  if (owner) throw new AppError('barcodes.taken', { code: input.code, productCode: owner.code });
  await ctx.db
    .insertInto('barcodes')
    .values({
      code: input.code,
      product_id: product.id,
      level: input.level,
      units: input.level === 'case' ? product.case_pack : 1,
    })
    .execute();
  const [after] = await listProducts(ctx.db, [product.id]);
  await recordAudit(ctx, {
    entity: 'barcode',
    entityId: input.code,
    after: { productId: product.id, level: input.level },
  });
  ctx.emit('products.changed', { productIds: [product.id] });
  return after!;
}
