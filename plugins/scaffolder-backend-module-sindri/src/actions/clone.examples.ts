import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Clone an instance under a new name, with the same owner and provider',
    example: yaml.stringify({
      steps: [
        {
          id: 'clone',
          action: 'sindri:clone',
          name: 'Clone',
          input: { source: 'dev-alice', name: 'dev-alice-2' },
        },
      ],
    }),
  },
  {
    description:
      'Clone an instance to Fly.io in another region, for another team',
    example: yaml.stringify({
      steps: [
        {
          id: 'clone',
          action: 'sindri:clone',
          name: 'Clone to Fly.io',
          input: {
            source: 'dev-alice',
            name: 'dev-alice-fra',
            owner: 'group:default/platform',
            provider: 'fly',
            region: 'fra',
          },
        },
      ],
    }),
  },
];
