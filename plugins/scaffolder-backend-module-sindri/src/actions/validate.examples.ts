import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Validate the sindri.yaml a previous step composed',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'sindri:config:validate',
          name: 'Validate sindri.yaml',
          input: { config: '${{ steps.compose.output.config }}' },
        },
      ],
    }),
  },
  {
    description:
      'Validate a pasted sindri.yaml, reporting errors without failing the step',
    example: yaml.stringify({
      steps: [
        {
          id: 'validate',
          action: 'sindri:config:validate',
          name: 'Validate sindri.yaml',
          input: {
            config:
              'version: "3.0"\nname: my-env\ndeployment:\n  provider: docker\nextensions:\n  profile: minimal\n',
            failOnInvalid: false,
          },
        },
      ],
    }),
  },
];
