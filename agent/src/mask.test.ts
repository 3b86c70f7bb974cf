import { maskSecrets, maskText } from './mask';

describe('maskSecrets', () => {
  it('masks secret-looking keys and assignments at any depth, and nothing else', () => {
    expect(
      maskSecrets({
        message: 'deploy with GITHUB_TOKEN=ghp_abc and REGION=ams',
        data: {
          AWS_SECRET_ACCESS_KEY: 'x',
          DB_PASSWORD: 'y',
          api_key: 'z',
          user: 'alice',
          count: 3,
        },
        list: ['OPENAI_API_KEY="sk-1"'],
      }),
    ).toEqual({
      message: 'deploy with GITHUB_TOKEN=*** and REGION=ams',
      data: {
        AWS_SECRET_ACCESS_KEY: '***',
        DB_PASSWORD: '***',
        api_key: '***',
        user: 'alice',
        count: 3,
      },
      list: ['OPENAI_API_KEY=***'],
    });
    expect(maskText('MONKEY=banana')).toBe('MONKEY=banana');
  });
});
