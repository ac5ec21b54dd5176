import type { Attributes, Model, ModelStatic, Order, Transaction, WhereOptions } from 'sequelize';
import type { Page } from '../../../ports/correspondence-repositories.ts';

export interface PageQuery<R> {
  where?: WhereOptions<R>;
  order: Order;
  /** From 1. */
  page: number;
  limit: number;
  transaction?: Transaction | undefined;
}

/**
 * One page of the rows `where` selects, in `order` (which should end in a unique column, so a row
 * never shows on two pages), and how many rows it selects in all: how every list pages.
 */
export const pagedRows = async <M extends Model, T>(model: ModelStatic<M>, q: PageQuery<Attributes<M>>, map: (row: M) => T): Promise<Page<T>> => {
  const { rows, count } = await model.findAndCountAll({
    ...(q.where ? { where: q.where } : {}),
    order: q.order,
    offset: (q.page - 1) * q.limit,
    limit: q.limit,
    raw: true,
    transaction: q.transaction ?? null,
  });
  return { items: rows.map(map), total: count };
};
