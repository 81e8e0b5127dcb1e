import { createFunction, pingAction } from '../../shared/kit';

export const main = createFunction({
  name: 'ordering',
  actions: {
    ping: pingAction('ordering'),
  },
});
