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
      /**
       * Directory of the organisation's own extensions, laid out as the
       * registry's: `<name>/extension.yaml`, each checked against Sindri's
       * extension.schema.json. Those that pass join the registry's (entities,
       * graph, pickers, compose) marked as custom; those that do not are
       * listed with their errors on the Extensions page and not loaded. Their
       * dependencies may name registry extensions.
       */
      customExtensions?: string;
    };
  };
}
