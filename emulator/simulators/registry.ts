import type { CliVerb, SimulatorDefinition } from '../types';
import { cloudPay } from './cloudpay';
import { openApi } from './openapi';
import { payScore } from './payscore';
import { posSystem } from './pos';
import { cloudPrinter } from './printer';

/**
 * Every simulated outside service, one row each. A row brings all the emulator wires for it:
 * its `/admin` actions (`wx.*`), its control routes under `/_emulator/`, its CLI verbs, its
 * fault-injection hooks and the function configuration `npm start` needs. Adding a simulator
 * (the cabinet vendor, printers…) = one file in this folder exporting a SimulatorDefinition
 * (see types.ts) + one row here; server.ts, the endpoints and cli.ts need no change.
 */
export const SIMULATORS: readonly SimulatorDefinition[] = [cloudPay, payScore, openApi, posSystem, cloudPrinter];

/** Function configuration for every simulator (`npm start` passes it to all functions). */
export function simulatorFunctionEnv(dataDir: string, emulatorUrl: string, simulators = SIMULATORS): Record<string, string> {
  const env: Record<string, string> = {};
  for (const part of simulators.map((s) => s.functionEnv?.(dataDir, emulatorUrl) ?? {})) {
    for (const [key, value] of Object.entries(part)) {
      // Several simulators listen on their own ports: the outbound allowlist holds all of them.
      if (key === 'OUTBOUND_ALLOW_HOSTS' && env[key]) env[key] = [...new Set([...env[key].split(','), ...value.split(',')])].join(',');
      else env[key] = value;
    }
  }
  return env;
}

export function simulatorCliVerbs(simulators = SIMULATORS): CliVerb[] {
  return simulators.flatMap((s) => s.cliVerbs ?? []);
}

/** The emulator's own verbs (cli.ts) and control paths (http/control.ts), which no simulator may take. */
export const BUILT_IN_CLI_VERBS = ['start', 'fire-timer', 'stats'] as const;
const BUILT_IN_CONTROL_PATHS = ['/_emulator/health', '/_emulator/stats', '/_emulator/timers/', '/_emulator/watch'];

/** What two rows must not share: a name, an `/admin` action, a control prefix, a CLI verb. Empty when the table is sound. */
export function registryConflicts(simulators = SIMULATORS): string[] {
  const seen = new Map<string, string>();
  const conflicts: string[] = [];
  const claim = (key: string, owner: string) => {
    const previous = seen.get(key);
    if (previous !== undefined && previous !== owner) conflicts.push(`${key}: ${previous} and ${owner}`);
    else seen.set(key, owner);
  };
  for (const verb of BUILT_IN_CLI_VERBS) claim(`CLI verb ${verb}`, 'the emulator');
  for (const simulator of simulators) {
    claim(`name ${simulator.name}`, `#${simulators.indexOf(simulator)}`);
    for (const action of Object.keys(simulator.adminActions ?? {})) claim(`admin action ${action}`, simulator.name);
    for (const route of simulator.controlRoutes ?? []) {
      if (!route.prefix.startsWith('/_emulator/') || !route.prefix.endsWith('/')) conflicts.push(`control prefix ${route.prefix} of ${simulator.name}`);
      const shadowed = BUILT_IN_CONTROL_PATHS.find((path) => path.startsWith(route.prefix) || route.prefix.startsWith(path));
      if (shadowed) conflicts.push(`control prefix ${route.prefix} of ${simulator.name}: the emulator's ${shadowed}`);
      claim(`control prefix ${route.prefix}`, simulator.name);
    }
    for (const verb of simulator.cliVerbs ?? []) claim(`CLI verb ${verb.verb}`, simulator.name);
  }
  return conflicts;
}
