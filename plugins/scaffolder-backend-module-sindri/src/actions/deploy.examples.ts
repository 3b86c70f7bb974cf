import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Deploy the sindri.yaml a previous step composed, owned by the chosen group',
    example: yaml.stringify({
      steps: [
        {
          id: 'deploy',
          action: 'sindri:deploy',
          name: 'Deploy',
          input: {
            name: '${{ parameters.name }}',
            owner: '${{ parameters.owner }}',
            config: '${{ steps.compose.output.config }}',
            driver: '${{ parameters.driver }}',
          },
        },
      ],
    }),
  },
  {
    description:
      "Plan only: run the driver's dry run (the Sindri CLI's `deploy --dry-run`) and log it",
    example: yaml.stringify({
      steps: [
        {
          id: 'plan',
          action: 'sindri:deploy',
          name: 'Plan',
          input: {
            name: 'dev-plan',
            owner: 'group:default/platform',
            config:
              'version: "3.0"\nname: dev-plan\ndeployment:\n  provider: docker\nextensions:\n  profile: minimal\n',
            dryRun: true,
          },
        },
      ],
    }),
  },
];
