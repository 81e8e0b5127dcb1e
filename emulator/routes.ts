import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One HTTP access mapping: requests under `path` go to `function`. */
export interface HttpAccessRoute {
  path: string;
  function: string;
}

/**
 * The HTTP access table lives in cloudbaserc.json (`httpAccess`), the same file the deploy
 * script reads to create CloudBase HTTP access services (`tcb service create -p … -f …`).
 */
export function readHttpAccessRoutes(projectRoot: string): HttpAccessRoute[] {
  const config = JSON.parse(readFileSync(join(projectRoot, 'cloudbaserc.json'), 'utf8')) as { httpAccess?: HttpAccessRoute[] };
  return [...(config.httpAccess ?? [])].sort((a, b) => b.path.length - a.path.length);
}

export function matchHttpAccessRoute(routes: HttpAccessRoute[], path: string): HttpAccessRoute | undefined {
  return routes.find((route) => path === route.path || path.startsWith(route.path.endsWith('/') ? route.path : `${route.path}/`));
}
