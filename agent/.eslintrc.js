module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  // the bundle yarn agent:bundle writes: generated and minified
  ignorePatterns: ['dist-bundle/'],
});
