// The AI table against the GS1 General Specifications' own figures: AI length
// by the first two digits (Figure 7.8.2-1), the predefined-length AIs that
// never need a GS (Figure 7.8.5-2), and the formats of the AIs a warehouse reads.
import { describe, expect, it } from 'vitest';
import { aiDecimals, aiLengthForPrefix, aiSpec, aiTitle } from '../../../shared/barcode/ai';

describe('GS1 AI table', () => {
  it.each([
    [['00', '01', '02', '10', '11', '17', '20', '21', '22', '30', '37', '90', '91', '99'], 2],
    [['23', '24', '25', '40', '41', '42', '71'], 3],
    [['31', '32', '33', '34', '35', '36', '39', '43', '70', '72', '80', '82'], 4],
  ])('AIs starting %j are %i digits long', (prefixes, length) => {
    for (const p of prefixes) expect(aiLengthForPrefix(Number(p))).toBe(length);
  });

  it('no AI starts with 03–09, 14, 18, 19, 26–29, 38, 44–69, 73–79, 83–89', () => {
    for (const p of [3, 9, 14, 18, 19, 26, 29, 38, 44, 50, 69, 73, 79, 83, 89]) expect(aiLengthForPrefix(p)).toBe(0);
  });

  it('the predefined-length AIs are exactly those of Figure 7.8.5-2 among the ones read here', () => {
    const predefined = [
      '00',
      '01',
      '02',
      '11',
      '12',
      '13',
      '15',
      '16',
      '17',
      '20',
      '3103',
      '3300',
      '3695',
      '410',
      '417',
    ];
    for (const ai of predefined) expect(aiSpec(ai)?.predefined, ai).toBe(true);
    for (const ai of ['10', '21', '30', '37', '400', '401', '403', '422', '8005', '3922', '90']) {
      expect(aiSpec(ai)?.predefined, ai).toBe(false);
    }
  });

  it.each([
    ['00', true, 18, 18],
    ['01', true, 14, 14],
    ['02', true, 14, 14],
    ['10', false, 1, 20],
    ['11', true, 6, 6],
    ['17', true, 6, 6],
    ['21', false, 1, 20],
    ['30', false, 1, 8],
    ['37', false, 1, 8],
    ['3103', true, 6, 6],
    ['400', false, 1, 30],
    ['401', false, 1, 30],
    ['403', false, 1, 30],
    ['410', true, 13, 13],
    ['414', true, 13, 13],
    ['253', false, 13, 30],
    ['421', false, 4, 12],
    ['8003', false, 14, 30],
  ])('(%s): fixed %s, %i to %i characters', (ai, fixed, min, max) => {
    expect(aiSpec(ai)).toMatchObject({ ai, fixed, min, max });
  });

  it('check digits are on SSCC, GTINs and GLNs', () => {
    for (const ai of [
      '00',
      '01',
      '02',
      '410',
      '411',
      '412',
      '413',
      '414',
      '415',
      '416',
      '417',
      '402',
      '8017',
      '8018',
    ]) {
      expect(aiSpec(ai)?.parts[0]?.csum, ai).toBe(true);
    }
    expect(aiSpec('10')?.parts[0]?.csum).toBe(false);
  });

  it('titles and decimals for people', () => {
    expect(aiTitle('10')).toBe('BATCH/LOT');
    expect(aiTitle('17')).toBe('USE BY OR EXPIRY');
    expect(aiTitle('88')).toBeNull();
    expect(aiDecimals('3103')).toBe(3);
    expect(aiDecimals('3925')).toBe(5);
    expect(aiDecimals('01')).toBeNull();
    expect(aiDecimals('4300')).toBeNull();
  });

  it('looks AIs up only by their exact digits', () => {
    expect(aiSpec('1')).toBeUndefined();
    expect(aiSpec('010')).toBeUndefined();
    expect(aiSpec('3106')).toBeUndefined();
    expect(aiSpec('1a')).toBeUndefined();
  });
});
