import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ControlRoute, EndpointContext, SimulatorDefinition } from '../types';
import { readBody, sendJson } from './body';

/**
 * `/_emulator/*`: the emulator's own endpoints (health, stats, timers) and the control routes
 * of the simulated outside services (simulators/registry.ts), the longest prefix first.
 */
export async function handleControl(req: IncomingMessage, res: ServerResponse, { emulator }: EndpointContext, url: URL): Promise<void> {
  const path = url.pathname;
  const method = req.method ?? 'GET';
  // Read (capped) before anything answers, so no endpoint here takes an unbounded body.
  const body = await readBody(req);
  if (path === '/_emulator/health')
    return sendJson(res, 200, {
      ok: true,
      envId: emulator.envId,
      functions: emulator.runtime.list().map((f) => f.name),
      simulators: emulator.simulators.map((s) => s.name),
    });
  if (path === '/_emulator/stats' && method === 'GET') return sendJson(res, 200, { admin: emulator.stats() });
  if (path === '/_emulator/stats/reset' && method === 'POST') {
    emulator.resetStats();
    return sendJson(res, 200, { ok: true });
  }
  if (path === '/_emulator/watch/drop' && method === 'POST') return sendJson(res, 200, { dropped: emulator.live.dropAll() });
  if (path === '/_emulator/watch/stats' && method === 'GET') return sendJson(res, 200, { listeners: emulator.live.size() });
  const timer = /^\/_emulator\/timers\/([\w-]+)$/.exec(path);
  if (timer && method === 'POST') {
    const outcome = await emulator.timers.fire(timer[1]);
    return sendJson(res, outcome.ok ? 200 : 502, outcome);
  }
  const route = controlRouteFor(emulator.simulators, path);
  if (route) return route.handle({ req, method, path, url, body }, res, emulator);
  return sendJson(res, 404, { code: 'NOT_FOUND', message: `unknown emulator endpoint ${path}` });
}

export function controlRouteFor(simulators: readonly SimulatorDefinition[], path: string): ControlRoute | undefined {
  let best: ControlRoute | undefined;
  for (const route of simulators.flatMap((s) => s.controlRoutes ?? [])) {
    if (path.startsWith(route.prefix) && (!best || route.prefix.length > best.prefix.length)) best = route;
  }
  return best;
}
