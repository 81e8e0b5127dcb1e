import { completionTotalFen, payScoreCompletionFloorFen } from './payscore-completion';

describe('Pay Score completion rules', () => {
  it('totals unit price × count', () => {
    expect(completionTotalFen([{ amountFen: 1200, count: 2 }, { amountFen: 800 }])).toBe(3200);
  });

  it('floors the goods total at half the order amount, rounded up to the fen', () => {
    expect(payScoreCompletionFloorFen(5000)).toBe(2500);
    expect(payScoreCompletionFloorFen(3333)).toBe(1667);
    expect(payScoreCompletionFloorFen(1)).toBe(1);
  });
});
