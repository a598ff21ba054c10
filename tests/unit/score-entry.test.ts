import { describe, expect, it } from 'vitest';
import { noteRequired, parseScoreText, scoreEntryError } from '../../src/shared/domain/score-entry';

const score = { kind: 'score', max: 1000, name: '入户走访' } as const;
const deduction = { kind: 'deduction', max: 500, name: '参加例会' } as const;

describe('parseScoreText', () => {
  it('reads what a Chinese keyboard types: the IME full stop, full-width digits and spaces', () => {
    expect(parseScoreText(score, '8.5')).toBe(850);
    expect(parseScoreText(score, '8。5')).toBe(850);
    expect(parseScoreText(score, '８．５')).toBe(850);
    expect(parseScoreText(score, '８。５')).toBe(850);
    expect(parseScoreText(score, '\u3000９\u3000')).toBe(900);
    expect(parseScoreText(deduction, '３次')).toBe(3);
    expect(parseScoreText(deduction, '2 次')).toBe(2);
  });

  it('takes empty as no value and refuses what is not a number', () => {
    expect(parseScoreText(score, '')).toBeNull();
    expect(parseScoreText(score, '\u3000')).toBeNull();
    expect(parseScoreText(score, '八')).toBeUndefined();
    expect(parseScoreText(score, '8。5。')).toBeUndefined();
    expect(parseScoreText(deduction, '1.5')).toBeUndefined();
  });

  it('asks a note for every occurrence of a deduction, never for a score', () => {
    expect(noteRequired(deduction, 1)).toBe(true);
    expect(noteRequired(deduction, 0)).toBe(false);
    expect(noteRequired(score, 800)).toBe(false);
    expect(scoreEntryError(deduction, 2, ' ')).toContain('请填写说明');
    expect(scoreEntryError(score, 1100, '')).toBe('“入户走访”最高10分，不能填11');
  });
});
