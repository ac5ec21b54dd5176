import { type DataType, DataTypes, type Model, type ModelAttributeColumnOptions, type ModelStatic, type Optional, type Sequelize } from 'sequelize';

/**
 * A DATE(3) column as rows read back raw: SQLite answers the stored text
 * ('2026-12-03 22:45:59.123 +00:00'), MySQL a Date. Written as a Date.
 */
export type DbDate = Date | string;
/** A BIGINT column as read back: a number, or from MySQL a string once past 2^53. */
export type DbBigint = number | string;
/** A BOOLEAN column: written as a boolean, read back raw as 0 or 1 on both databases. */
export type DbBool = boolean | number;

/** What each column type reads back as. */
interface ReadsAs {
  STRING: string;
  TEXT: string;
  INTEGER: number;
  FLOAT: number;
  BIGINT: DbBigint;
  DATE: DbDate;
  BOOLEAN: DbBool;
}
type Kind = keyof ReadsAs;
declare const kind: unique symbol;
/** A column's Sequelize options, tagged (in types only) with its column type. */
export type Column<K extends Kind> = ModelAttributeColumnOptions & { readonly [kind]?: K };
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type KindsReading<T> = { [K in Kind]: Same<ReadsAs[K], T> extends true ? K : never }[Kind];
/**
 * A table's columns: exactly one per field of its row type, of a column type that reads back as
 * the field's type, so the row interface and the model cannot drift apart.
 */
export type Columns<R> = { [F in keyof R]-?: Column<KindsReading<NonNullable<R[F]>>> };

// A fresh object per column: Sequelize writes the column name into it.
const column =
  <K extends Kind>(type: DataType) =>
  (): Column<K> => ({ type });
export const str = column<'STRING'>(DataTypes.STRING);
export const text = column<'TEXT'>(DataTypes.TEXT);
export const int = column<'INTEGER'>(DataTypes.INTEGER);
export const float = column<'FLOAT'>(DataTypes.FLOAT);
export const bigint = column<'BIGINT'>(DataTypes.BIGINT);
export const bool = column<'BOOLEAN'>(DataTypes.BOOLEAN);
export const date = column<'DATE'>(DataTypes.DATE(3));
/** The column as (part of) the primary key. */
export const key = <K extends Kind>(c: Column<K>): Column<K> => ({ ...c, primaryKey: true });

/**
 * A table's model. Its rows (`raw: true`) come back typed as R, `where` and `update` take R's
 * fields, and `create` takes R with D, the columns the migrations give a default, optional.
 */
export type Table<R extends object, D extends keyof R = never> = ModelStatic<Model<R, Optional<R, D>> & R>;

/** Defines the model of `tableName`, its columns checked against the row type R. */
export const table = <R extends object, D extends keyof R = never>(s: Sequelize, name: string, tableName: string, columns: Columns<R>): Table<R, D> =>
  s.define<Model<R, Optional<R, D>> & R, R>(name, columns, { tableName });
