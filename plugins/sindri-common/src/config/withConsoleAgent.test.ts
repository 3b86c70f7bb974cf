import { withConsoleAgent } from './withConsoleAgent';

const base = { version: '3.0', name: 'dev-1', deployment: { provider: 'fly' } };

describe('withConsoleAgent', () => {
  it("adds console-agent to a profile's additional extensions and its environment as secrets by reference", () => {
    const out = withConsoleAgent({
      ...base,
      extensions: { profile: 'minimal', additional: ['rust'] },
      secrets: [{ name: 'API_TOKEN', source: 'env' }],
    });
    expect(out.extensions).toEqual({
      profile: 'minimal',
      additional: ['rust', 'console-agent'],
    });
    expect(out.secrets).toEqual([
      { name: 'API_TOKEN', source: 'env' },
      { name: 'SINDRI_CONSOLE_URL', source: 'env', required: true },
      { name: 'SINDRI_AGENT_TOKEN', source: 'env', required: true },
      { name: 'SINDRI_INSTANCE_NAME', source: 'env', required: true },
    ]);
    // never a value: the token reaches the CLI in its environment only
    expect(JSON.stringify(out)).not.toMatch(/sindri_[0-9a-f]{32}/);
  });

  it('adds it to an explicit active list, once, and leaves the input alone', () => {
    const input = { ...base, extensions: { active: ['python'] } };
    const once = withConsoleAgent(input);
    expect(once.extensions).toEqual({ active: ['python', 'console-agent'] });
    expect(withConsoleAgent(once)).toEqual(once);
    expect(input.extensions.active).toEqual(['python']);
  });
});
