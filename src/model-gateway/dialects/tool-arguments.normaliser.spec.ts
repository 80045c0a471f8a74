import { ToolArgumentsNormaliser } from './tool-arguments.normaliser.js';

describe('ToolArgumentsNormaliser', () => {
  it('passes fragments through, per tool call index', () => {
    const normaliser = new ToolArgumentsNormaliser();
    expect(['', '{"city":', '"Paris"}'].map((args) => normaliser.delta(0, args))).toEqual([
      '',
      '{"city":',
      '"Paris"}',
    ]);
    expect(normaliser.delta(1, '{"a":1}')).toBe('{"a":1}');
  });

  it('turns cumulative resends into their new tail', () => {
    const normaliser = new ToolArgumentsNormaliser();
    const sent = ['{"ci', '{"city":"Pa', '{"city":"Paris"}', '{"city":"Paris"}'];
    expect(sent.map((args) => normaliser.delta(0, args))).toEqual(['{"ci', 'ty":"Pa', 'ris"}', '']);
  });
});
