import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'A Python ML environment on Fly.io from a profile plus extensions',
    example: yaml.stringify({
      steps: [
        {
          id: 'compose',
          action: 'sindri:config:compose',
          name: 'Compose sindri.yaml',
          input: {
            name: 'ml-lab',
            provider: 'fly',
            region: 'ams',
            profile: 'minimal',
            extensions: ['python', 'ollama'],
            resources: { memory: '8GB', cpus: 4 },
            secrets: [{ name: 'HF_TOKEN', source: 'env' }],
          },
        },
      ],
    }),
  },
  {
    description: 'A Docker environment from an explicit extension list',
    example: yaml.stringify({
      steps: [
        {
          id: 'compose',
          action: 'sindri:config:compose',
          name: 'Compose sindri.yaml',
          input: { name: 'rust-sys', provider: 'docker', extensions: ['rust'] },
        },
      ],
    }),
  },
];
