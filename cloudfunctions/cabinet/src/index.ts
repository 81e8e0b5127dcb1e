import { createFunction, pingAction } from '../../shared/kit';

export const main = createFunction({
  name: 'cabinet',
  actions: {
    ping: pingAction('cabinet'),
  },
});
