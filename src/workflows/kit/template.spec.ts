import {
  MAX_RENDERED_TEMPLATE_CHARS,
  parseTemplate,
  renderTemplate,
  renderValue,
  templateIssues,
  TemplateTooLongError,
} from './template.js';

const scope = { stateKeys: new Set(['city', 'items']) };
const view = {
  state: { city: 'Paris', items: [{ name: 'a' }, { name: 'b' }], n: 3 },
  variables: { who: '<b>Ada</b>' },
};

describe('graph templates (Mustache, bounded)', () => {
  it('renders state and variables without HTML escaping, non-strings as JSON', () => {
    const text = renderTemplate(
      parseTemplate('{{variables.who}} in {{state.city}}: {{state.items}}'),
      view,
    );
    expect(text).toBe('<b>Ada</b> in Paris: [{"name":"a"},{"name":"b"}]');
  });

  it('iterates a section over a list, names resolving on the item first', () => {
    expect(renderTemplate(parseTemplate('{{#state.items}}[{{name}}]{{/state.items}}'), view)).toBe(
      '[a][b]',
    );
  });

  it('gives a lone tag its value with its type, anything else as text', () => {
    expect(renderValue(parseTemplate('{{state.n}}'), view)).toBe(3);
    expect(renderValue(parseTemplate('{{state.items}}'), view)).toEqual(view.state.items);
    expect(renderValue(parseTemplate('n={{state.n}}'), view)).toBe('n=3');
    expect(renderValue(parseTemplate('{{state.missing}}'), view)).toBeNull();
  });

  it('stops a rendering past MAX_RENDERED_TEMPLATE_CHARS, however it is nested', () => {
    const long = {
      state: { items: Array.from({ length: 1000 }, () => 'x'.repeat(1000)) },
      variables: {},
    };
    const nested = parseTemplate(
      '{{#state.items}}{{#state.items}}{{.}}{{/state.items}}{{/state.items}}',
    );
    expect(() => renderTemplate(nested, long)).toThrow(TemplateTooLongError);
    expect(MAX_RENDERED_TEMPLATE_CHARS).toBeLessThan(1000 * 1000 * 1000);
  });

  it('names undeclared keys, prototype paths, partials and triple braces', () => {
    const messages = (source: string) =>
      templateIssues(source, 'p', scope).map((issue) => issue.message);
    expect(
      messages('{{state.city}} {{variables.x.y}} {{#state.items}}{{name}}{{/state.items}}'),
    ).toEqual([]);
    expect(messages('{{state.mood}}')).toEqual([
      "'state.mood' names an undeclared state key 'mood'",
    ]);
    expect(messages('{{name}}')).toEqual(["'name' is neither state.<key> nor variables.<name>"]);
    expect(messages('{{state.city.constructor}}')).toEqual([
      "'state.city.constructor' reaches a prototype, not data",
    ]);
    expect(messages('{{> header}}')).toEqual(['partials ({{> name}}) are not supported']);
    expect(messages('{{{state.city}}}')).toEqual([
      'triple braces are not needed: values are never HTML-escaped',
    ]);
    expect(messages('{{#state.city}}')[0]).toMatch(/^not a valid template: Unclosed section/);
  });
});
