import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Destroy an instance, typing its name again to confirm',
    example: yaml.stringify({
      steps: [
        {
          id: 'destroy',
          action: 'sindri:destroy',
          name: 'Destroy',
          input: { name: 'dev-alice-2', confirm: 'dev-alice-2' },
        },
      ],
    }),
  },
  {
    description: 'Destroy an instance and its volumes',
    example: yaml.stringify({
      steps: [
        {
          id: 'destroy',
          action: 'sindri:destroy',
          name: 'Destroy',
          input: { name: 'dev-old', confirm: 'dev-old', volumes: true },
        },
      ],
    }),
  },
];
