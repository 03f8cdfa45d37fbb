import { describe, expect, it } from 'vitest';
import { classify } from '../../../electron/core/counts/abc';

const classes = (values: number[]) => {
  const ids = values.map((_, i) => i + 1);
  const out = classify(ids, new Map(ids.map((id, i) => [id, values[i]!])));
  return ids.map((id) => out.get(id)!.abcClass).join('');
};

describe('ABC classification', () => {
  it('puts a product in the class where its value starts: exactly 80 % before it is B, exactly 95 % is C', () => {
    expect(classes([8000, 1500, 500, 0])).toBe('ABCC');
  });

  it('keeps the product that crosses 80 % in A, even one carrying most of the value alone', () => {
    expect(classes([85, 10, 5])).toBe('ABC');
    // 79 → A; 14 starts at 79 % → A; 5 starts at 93 % → B; 2 starts at 98 % → C.
    expect(classes([79, 2, 14, 5])).toBe('ACAB');
  });

  it('ranks by value, ties by product id, and leaves what never moved in C', () => {
    expect(classes([0, 50, 50, 0])).toBe('CAAC');
    expect(classes([0, 0])).toBe('CC');
  });
});
