import { afterEach, describe, expect, it, vi } from 'vitest';
import { withinBudget } from '../../src/reply-budget.js';

describe('withinBudget', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('gives the value of work that settles in time', async () => {
    await expect(withinBudget(Promise.resolve('answer'), 1500)).resolves.toEqual({ value: 'answer' });
  });

  it('rejects when the work rejects in time', async () => {
    await expect(withinBudget(Promise.reject(new Error('broken')), 1500)).rejects.toThrow('broken');
  });

  it('gives the value of work that settles after this turn of the event loop but within the budget', async () => {
    vi.useFakeTimers();
    const work = new Promise<string>((resolve) => setTimeout(() => resolve('slow answer'), 1400));
    const result = withinBudget(work, 1500);
    await vi.advanceTimersByTimeAsync(1400);
    await expect(result).resolves.toEqual({ value: 'slow answer' });
  });

  it('says late when the budget runs out first, and leaves the work running', async () => {
    vi.useFakeTimers();
    let finish: (value: string) => void = () => {};
    const work = new Promise<string>((resolve) => (finish = resolve));
    const result = withinBudget(work, 1500);
    await vi.advanceTimersByTimeAsync(1500);
    await expect(result).resolves.toBe('late');
    finish('later');
    await expect(work).resolves.toBe('later');
  });

  it('ignores a rejection that comes after the budget ran out', async () => {
    vi.useFakeTimers();
    let fail: (error: Error) => void = () => {};
    const work = new Promise<string>((_, reject) => (fail = reject));
    const result = withinBudget(work, 10);
    await vi.advanceTimersByTimeAsync(10);
    await expect(result).resolves.toBe('late');
    fail(new Error('too late to matter'));
    await expect(work).rejects.toThrow('too late to matter');
  });
});
