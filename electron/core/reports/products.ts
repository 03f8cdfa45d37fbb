// Every product with its successor's code and name (an old code 旧编码 points at
// the product that replaced it through replaced_by_id): the one query the
// weekly stock report and the stock analysis read their product columns from.
import type { Db } from '../db/schema';

export function productsWithSuccessor(db: Db) {
  return db
    .selectFrom('products as p')
    .leftJoin('products as s', 's.id', 'p.replaced_by_id')
    .select([
      'p.id',
      'p.code',
      'p.name_zh',
      'p.name_en',
      'p.spec',
      'p.unit',
      'p.case_pack',
      'p.category',
      'p.replaced_by_id',
      's.code as successor_code',
      's.name_zh as successor_name',
    ])
    .execute();
}
