export interface Config {
  sindri?: {
    permissions?: {
      /**
       * Catalog entity refs (groups or users) per role. A user takes the
       * strongest role any of their ownership refs maps to.
       */
      roles?: {
        admin?: string[];
        operator?: string[];
        developer?: string[];
        viewer?: string[];
      };
      /** Role of a signed-in user in no mapped group: a role or "none". Default: viewer. */
      defaultRole?: 'admin' | 'operator' | 'developer' | 'viewer' | 'none';
    };
  };
}
