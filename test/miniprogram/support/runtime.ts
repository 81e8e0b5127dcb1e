/**
 * State shared by the setup file and the harness within one test file. Kept on globalThis so
 * it survives the jest.resetModules() the harness does before every mount.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { WxMock } from './wx-mock';

export interface MiniprogramRuntime {
  wxMock: WxMock;
  app: Record<string, any> | null;
  pageStack: any[];
  nextPageQuery: Record<string, string>;
  nextPageRoute: string;
  /** what onLoad/onShow returned (async pages return promises): mountPage awaits them */
  lifecyclePromises: Promise<unknown>[];
  /** unmount callbacks of everything the harness rendered, run before the next mount and after each test */
  mounted: (() => void)[];
}

const KEY = '__miniprogramTestRuntime__';

export function getRuntime(): MiniprogramRuntime {
  const holder = globalThis as unknown as Record<string, MiniprogramRuntime | undefined>;
  holder[KEY] ??= {
    wxMock: undefined as unknown as WxMock,
    app: null,
    pageStack: [],
    nextPageQuery: {},
    nextPageRoute: '',
    lifecyclePromises: [],
    mounted: [],
  };
  return holder[KEY]!;
}
