/** Pieces of response schemas shared by every area. */
import { z } from 'zod';

/** A moment as the API writes it (`Date.toISOString()`). */
export const timestamp = z.iso.datetime();
/** A calendar day, YYYY-MM-DD. */
export const day = z.iso.date();
/** A file part of a multipart form. */
export const binary = z.string().meta({ format: 'binary' });

/** One page of a list as the API answers it (`?page=&limit=`). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), limit: z.number().int() });

/** A user's id in a path or a body. */
export const userId = z.string().uuid('not a user id');
