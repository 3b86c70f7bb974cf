export * from './regionLocations';
