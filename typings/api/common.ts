/**
 * The vocabulary every context contract shares: the reply envelope, pages, staff roles, instants
 * and the zod pieces most inputs are made of. Defined once here; the kit, the functions and the
 * mini-program (type-only) all take them from this file.
 */
import { z } from 'zod';

/** ISO-8601 instant (UTC), e.g. `2024-05-01T04:00:00.000Z`: what a `Date` becomes in a JSON reply. */
export type IsoInstant = string;

/** Staff roles, widest first. `admin` sees every store; others only their storeIds. */
export const STAFF_ROLES = ['admin', 'manager', 'clerk'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
/** Roles that manage a store (refunds, integrations, configuration). */
export const MANAGER_ROLES = ['admin', 'manager'] as const satisfies readonly StaffRole[];

/** What a failed call carries beside its code and message. */
export interface ErrorDetails {
  field?: string;
  issues?: { path: string; message: string }[];
  [key: string]: unknown;
}

/** The one reply body every action and HTTP route returns. */
export interface Envelope<T = unknown> {
  code: number;
  message: string;
  data: T | null;
  details?: ErrorDetails;
  requestId?: string;
}

/** CloudBase returns at most 100 records per server-side get: one page is one database read. */
export const MAX_PAGE_SIZE = 100;
/** The page size when a caller does not ask for one. */
export const DEFAULT_PAGE_SIZE = 20;

/** One page of a list, newest first unless the action says otherwise. */
export interface Page<T> {
  items: T[];
  total: number;
  /** 1-based */
  page: number;
  pageSize: number;
  hasMore: boolean;
}

/** The paging part of every list action's input (`page` 1-based, `pageSize` ≤ 100). */
export const pageInputShape = {
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
};
export const pageInputSchema = z.object(pageInputShape).strict();
export type PageInput = z.input<typeof pageInputSchema>;

/**
 * A document id as callers send it: printable ASCII without spaces, at most 64 characters. The
 * character set keeps control characters, newlines and line separators out of every query and log.
 */
export const ID_PATTERN = /^[\x21-\x7e]{1,64}$/;
export const idSchema = z.string().regex(ID_PATTERN, '不是合法的编号');
