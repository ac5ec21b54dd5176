import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * The signer may return an approved draft with a comment, as a reviewer does (issue 13). A
 * reviewer's comment lives on their review step; the signer has no step, so the letter keeps
 * the last such return: who returned it and what they asked for.
 */
export const up = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  await qi.addColumn('outgoing_letters', 'signer_returned_at', { type: DataTypes.DATE(3), allowNull: true });
  await qi.addColumn('outgoing_letters', 'signer_return_comment', { type: DataTypes.TEXT, allowNull: true });
};

export const down = async ({ context: qi }: { context: QueryInterface }): Promise<void> => {
  for (const c of ['signer_return_comment', 'signer_returned_at']) await qi.removeColumn('outgoing_letters', c);
};
