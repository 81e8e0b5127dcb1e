import { FairSelection } from './fair-share';

const records = (integrationId: string, count: number) => Array.from({ length: count }, (_, i) => ({ _id: `${integrationId}_${i}`, integrationId }));

describe('FairSelection', () => {
  it('caps each integration and sends round-robin, so a backlog cannot crowd out the others', () => {
    const selection = new FairSelection(10, 3);
    selection.offer([...records('A', 20), ...records('B', 2), ...records('C', 1)]);
    const ids = selection.ordered().map((r) => r._id);
    expect(ids.slice(0, 6)).toEqual(['A_0', 'B_0', 'C_0', 'A_1', 'B_1', 'A_2']);
    // nobody else is waiting: the rest of the run goes to the integration passed over
    expect(ids.slice(6)).toEqual(['A_3', 'A_4', 'A_5', 'A_6']);
  });

  it('reports integrations at their share so the next page can skip them; ignores records seen before', () => {
    const selection = new FairSelection(10, 2);
    selection.offer(records('A', 5));
    expect(selection.capped()).toEqual(['A']);
    expect(selection.full).toBe(false);
    selection.offer([...records('A', 1), ...records('B', 3)]);
    expect(selection.ordered().map((r) => r._id)).toEqual(['A_0', 'B_0', 'A_1', 'B_1', 'A_2', 'A_3', 'A_4', 'B_2']);
  });

  it('never returns more than the limit', () => {
    const selection = new FairSelection(4, 10);
    selection.offer(records('A', 10));
    expect(selection.full).toBe(true);
    expect(selection.ordered()).toHaveLength(4);
  });
});
