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
      /**
       * Roles that may register, refresh and delete catalog locations and
       * entities (and validate or analyze them). Default: [admin].
       */
      catalogManagers?: Array<'admin' | 'operator' | 'developer' | 'viewer'>;
      /**
       * Guarded sindri.yaml fields each role may set (admins may set all):
       * privileged, docker-in-docker, host-network, remote-docker-host,
       * devpod-ssh, kubernetes-namespace, kubernetes-context, local-cluster,
       * provider-organization. Default: none for every role.
       */
      allowedFields?: {
        operator?: string[];
        developer?: string[];
        viewer?: string[];
      };
    };
  };
}
