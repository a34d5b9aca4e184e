import { bestGradedSource, Source, statementText } from './source';

describe('bestGradedSource', () => {
  it('ranks by reliability first (A best), then credibility (1 best)', () => {
    const sources: Source[] = [
      { name: 'c1', reliability: 'C', credibility: 1 },
      { name: 'b4', reliability: 'B', credibility: 4 },
      { name: 'b3', reliability: 'B', credibility: 3 },
    ];
    expect(bestGradedSource(sources)?.name).toBe('b3');
  });

  it('ranks a source graded on one scale only below every graded one on that scale', () => {
    expect(
      bestGradedSource([
        { name: 'only credibility', credibility: 1 },
        { name: 'F6', reliability: 'F', credibility: 6 },
      ])?.name,
    ).toBe('F6');
    expect(
      bestGradedSource([
        { name: 'only reliability', reliability: 'A' },
        { name: 'A2', reliability: 'A', credibility: 2 },
      ])?.name,
    ).toBe('A2');
    expect(bestGradedSource([{ name: 'plain' }, { name: 'only credibility', credibility: 5 }])?.name).toBe('only credibility');
  });

  it('is null when no source is graded (sources recorded before grades existed)', () => {
    expect(bestGradedSource([{ name: 'AP', url: 'https://example.org/' }])).toBeNull();
    expect(bestGradedSource([])).toBeNull();
  });
});

describe('statementText', () => {
  it('reads both forms of a statement', () => {
    expect(statementText('A provocation.')).toBe('A provocation.');
    expect(statementText({ text: 'Провокация.', language: 'ru' })).toBe('Провокация.');
  });
});
