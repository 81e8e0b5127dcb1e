import { cabinetContract } from '../../../typings/api/cabinet';
import { createFunction, pingHandler } from '../../shared/kit';

export const main = createFunction(cabinetContract, {
  actions: {
    ping: pingHandler(cabinetContract.name),
  },
});
