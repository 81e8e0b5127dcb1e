/**
 * Contract of the `cabinet` context (smart cabinets: scan to open, door and order callbacks).
 * Only `ping` so far; the smart-cabinet issue adds the diner's flow here.
 */
import { defineContract, pingSpec } from './contract';

export const cabinetContract = defineContract({
  name: 'cabinet',
  errors: { from: 90, to: 94 },
  actions: {
    ping: pingSpec,
  },
});
export type CabinetContract = typeof cabinetContract;
