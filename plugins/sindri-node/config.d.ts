export interface Config {
  /** Settings of the Sindri fleet plugins. */
  sindri?: {
    registry?: {
      /**
       * Directory of a Sindri v3 extension registry: `registry.yaml`,
       * `profiles.yaml` and `extensions/<name>/extension.yaml`. A relative path
       * is resolved from the backend's working directory (packages/backend when
       * started with `yarn start`). The repository ships the v3 registry in
       * `registry/sindri-v3`.
       */
      path: string;
    };
  };
}
