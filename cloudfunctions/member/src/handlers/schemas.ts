import { z } from 'zod';
import { MAX_PAGE_SIZE } from '../../../shared/repositories/database';

/** Input pieces several member actions share. */
export const pageFields = {
  page: z.number().int().min(1).max(10000).default(1),
  pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
};

export const reasonField = z.string().trim().min(1, '请填写原因').max(100);

/** Chosen by the client once per user intent, reused on retry. */
export const idempotencyKeyField = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, '只能包含字母、数字、_ 和 -');

export const openidField = z.string().min(1).max(64);

export const mobileField = z.string().regex(/^1[3-9]\d{9}$/, '不是合法的手机号');
