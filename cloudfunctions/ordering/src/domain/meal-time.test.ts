import { mealTimeAt, servedAt } from './meal-time';

// Shanghai = UTC+8
const shanghai = (hour: number) => new Date(Date.UTC(2026, 11, 4, (hour - 8 + 24) % 24, 30));

describe('meal times', () => {
  it('maps Shanghai hours to meal times', () => {
    expect(mealTimeAt(shanghai(7))).toBe('breakfast');
    expect(mealTimeAt(shanghai(12))).toBe('lunch');
    expect(mealTimeAt(shanghai(15))).toBe('afternoon');
    expect(mealTimeAt(shanghai(18))).toBe('dinner');
    expect(mealTimeAt(shanghai(23))).toBe('late_night');
    expect(mealTimeAt(shanghai(1))).toBe('late_night');
    expect(mealTimeAt(shanghai(3))).toBeNull();
  });

  it('serves a dish without meal times all day and a limited one only in them', () => {
    expect(servedAt([], shanghai(3))).toBe(true);
    expect(servedAt(['breakfast'], shanghai(7))).toBe(true);
    expect(servedAt(['breakfast'], shanghai(12))).toBe(false);
  });
});
