import type { Emulator } from '../types';

/** A simulator that serves a port of its own, closed when the emulator closes. */
export interface PortSimulator {
  close(): Promise<void>;
}

/**
 * One simulator per data folder (the POS, the cabinet vendor, the printer): `functionEnv` makes it
 * and opens its port before the emulator exists, the control routes and tests find the same one
 * through the emulator, and the emulator's close also closes the simulator's port.
 */
export function perDataDir<S extends PortSimulator>(make: (dataDir: string, emulator?: Emulator) => S) {
  const byDataDir = new Map<string, S>();
  const closesWrapped = new WeakSet<object>();

  function forDataDir(dataDir: string, emulator?: Emulator): S {
    let simulator = byDataDir.get(dataDir);
    if (!simulator) {
      simulator = make(dataDir, emulator);
      byDataDir.set(dataDir, simulator);
    }
    return simulator;
  }

  function forEmulator(emulator: Emulator): S {
    const simulator = forDataDir(emulator.dataDir, emulator);
    if (typeof emulator.close === 'function' && !closesWrapped.has(emulator)) {
      closesWrapped.add(emulator);
      const close = emulator.close.bind(emulator);
      emulator.close = async () => {
        await simulator.close();
        byDataDir.delete(emulator.dataDir);
        await close();
      };
    }
    return simulator;
  }

  return { forDataDir, forEmulator };
}

/** `envVar` when set, else the emulator's port + `offset`; undefined when the emulator's port is not known yet. */
export function simulatorPort(envVar: string, offset: number, emulatorUrl: string): number | undefined {
  if (process.env[envVar]) return Number(process.env[envVar]);
  const port = Number(new URL(emulatorUrl).port);
  return port > 0 ? port + offset : undefined;
}
