export interface Config {
  sindri?: {
    catalog?: {
      /**
       * Entity ref of the owner of the Sindri extension entities.
       * Default: group:default/sindri-maintainers
       */
      extensionOwner?: string;
      instances?: {
        /**
         * How often the full set of instance entities is re-read from the fleet
         * API (the backstop to the per-change deltas). Default: every minute.
         */
        schedule?: {
          frequencySeconds: number;
          timeoutSeconds?: number;
        };
      };
    };
  };
}
