export interface Config {
  app?: {
    signIn?: {
      /**
       * Sign-in providers offered on the sign-in page, in order:
       * `guest` (development only) and `github`.
       * @visibility frontend
       */
      providers?: Array<'guest' | 'github'>;
    };
  };
}
