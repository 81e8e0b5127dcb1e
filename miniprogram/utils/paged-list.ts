import type { Page } from '../../typings/api/common';
import type { PageStatus } from '../components/page-state/index';
import { toastError } from './feedback';
import { errorState } from './page-error';

export const DEFAULT_PAGE_SIZE = 20;

/** What every paged list action of our functions answers (`Page<T>` of the contracts; `hasMore` may be derived). */
export type PagedReply<Item> = Pick<Page<Item>, 'items' | 'total'> & Partial<Pick<Page<Item>, 'hasMore'>>;

/** The page data a paged list keeps, besides the rows under its own key. */
export interface PagedListData {
  status: PageStatus;
  errorText: string;
  retryable: boolean;
  total: number;
  page: number;
  hasMore: boolean;
  loadingMore: boolean;
}

export const PAGED_LIST_DATA: PagedListData = {
  status: 'loading',
  errorText: '',
  retryable: true,
  total: 0,
  page: 0,
  hasMore: false,
  loadingMore: false,
};

type ListPage = WechatMiniprogram.Page.TrivialInstance;

export interface PagedListOptions<Item, Row> {
  /** the data key the rows are rendered from */
  key: string;
  /** one page (1-based) from the service; the page is passed for its filters */
  fetch: (page: ListPage, pageNo: number, pageSize: number) => Promise<PagedReply<Item>>;
  toRow: (item: Item) => Row;
  pageSize?: number;
  /** keep the rows on screen during a refresh instead of showing the spinner (tabs shown often) */
  keepRowsWhileRefreshing?: boolean;
  /** rows may shift onto the next page when new ones arrive meanwhile: drop repeats by this key */
  rowId?: (row: Row) => string;
}

/** Spread into `Page({...})`: pull-down refresh, load more at the bottom, retry from page-state. */
export interface PagedListHandlers {
  refresh(this: ListPage): Promise<void>;
  loadMore(this: ListPage): Promise<void>;
  onPullDownRefresh(this: ListPage): void;
  onReachBottom(this: ListPage): void;
  onRetry(this: ListPage): void;
}

/**
 * Refresh and load-more for a page that shows one paged list with the page-state component:
 * loading, empty, error (no retry when the backend says the caller is not allowed), and a toast
 * when a further page fails while the rows already shown stay.
 */
export function pagedList<Item, Row>(options: PagedListOptions<Item, Row>): PagedListHandlers {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  const hasMore = (reply: PagedReply<Item>, shown: number) => reply.hasMore ?? shown < reply.total;

  return {
    async refresh() {
      const shown = (this.data[options.key] as Row[] | undefined)?.length ?? 0;
      if (!(options.keepRowsWhileRefreshing && shown)) this.setData({ status: 'loading', errorText: '' });
      try {
        const reply = await options.fetch(this, 1, pageSize);
        const rows = reply.items.map(options.toRow);
        this.setData({ [options.key]: rows, total: reply.total, page: 1, hasMore: hasMore(reply, rows.length), status: rows.length ? 'ready' : 'empty' });
      } catch (error) {
        this.setData({ [options.key]: [], ...errorState(error) });
      }
    },

    async loadMore() {
      const data = this.data as PagedListData & Record<string, unknown>;
      if (!data.hasMore || data.loadingMore || data.status !== 'ready') return;
      this.setData({ loadingMore: true });
      try {
        const next = data.page + 1;
        const reply = await options.fetch(this, next, pageSize);
        const shown = data[options.key] as Row[];
        const incoming = reply.items.map(options.toRow);
        const rows = shown.concat(options.rowId ? withoutRepeats(shown, incoming, options.rowId) : incoming);
        this.setData({ [options.key]: rows, total: reply.total, page: next, hasMore: hasMore(reply, rows.length) });
      } catch (error) {
        toastError(this, error);
      } finally {
        this.setData({ loadingMore: false });
      }
    },

    onPullDownRefresh() {
      void this.refresh().then(() => wx.stopPullDownRefresh());
    },

    onReachBottom() {
      void this.loadMore();
    },

    onRetry() {
      void this.refresh();
    },
  };
}

function withoutRepeats<Row>(shown: Row[], incoming: Row[], rowId: (row: Row) => string): Row[] {
  const seen = new Set(shown.map(rowId));
  return incoming.filter((row) => !seen.has(rowId(row)));
}
