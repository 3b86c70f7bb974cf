export interface Config {
  sindri?: {
    catalog?: {
      /**
       * Entity ref of the owner of the Sindri extension entities.
       * Default: group:default/sindri-maintainers
       */
      extensionOwner?: string;
    };
  };
}
