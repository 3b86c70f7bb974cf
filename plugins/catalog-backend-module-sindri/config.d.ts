export interface Config {
  sindri?: {
    catalog?: {
      /**
       * Entity ref of the owner of the Sindri extension entities.
       * Default: group:default/sindri-maintainers
       */
      extensionOwner?: string;
      /**
       * The portal's search indexes a newly registered instance within seconds
       * by triggering the search backend's catalog index task once the
       * catalog holds its entity.
       */
      search?: {
        /** Default: true. */
        indexOnRegistration?: boolean;
        /** The search backend's catalog index task. Default: search_index_software_catalog */
        indexTask?: string;
      };
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
