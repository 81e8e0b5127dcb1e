import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One HTTP access mapping: requests under `path` go to the function `functionName`. */
export interface HttpAccessRoute {
  path: string;
  functionName: string;
  /** CloudBase `enablePathTransmission`: true passes the full path on, false only what follows `path`. */
  fullPath: boolean;
}

interface GatewayRouteConfig {
  path: string;
  target: string;
  enablePathTransmission?: boolean;
}

/**
 * The HTTP access table is the `gateway.routes` list of cloudbaserc.json: the same entries
 * `tcb deploy` creates in the cloud (`target: "function:<name>"`), so local routing and the
 * deployed gateway cannot drift apart. Static-hosting targets are not served by the emulator.
 */
export function readHttpAccessRoutes(projectRoot: string): HttpAccessRoute[] {
  const config = JSON.parse(readFileSync(join(projectRoot, 'cloudbaserc.json'), 'utf8')) as { gateway?: { routes?: GatewayRouteConfig[] } };
  return (config.gateway?.routes ?? [])
    .filter((route) => route.target.startsWith('function:'))
    .map((route) => ({ path: route.path, functionName: route.target.slice('function:'.length), fullPath: route.enablePathTransmission === true }))
    .sort((a, b) => b.path.length - a.path.length);
}

export function matchHttpAccessRoute(routes: HttpAccessRoute[], path: string): HttpAccessRoute | undefined {
  return routes.find((route) => path === route.path || path.startsWith(route.path.endsWith('/') ? route.path : `${route.path}/`));
}

/** The path the function sees in its HTTP access event. */
export function upstreamPath(route: HttpAccessRoute, path: string): string {
  if (route.fullPath) return path;
  const rest = path.slice(route.path.replace(/\/$/, '').length);
  return rest.startsWith('/') ? rest : `/${rest}`;
}
