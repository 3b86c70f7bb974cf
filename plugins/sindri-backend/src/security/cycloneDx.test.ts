describe('cycloneDxBom', () => {
  it('loads the CycloneDX library with the first export, not with the plugin', async () => {
    let loaded = false;
    jest.doMock('@cyclonedx/cyclonedx-library', () => {
      loaded = true;
      return jest.requireActual('@cyclonedx/cyclonedx-library');
    });
    await jest.isolateModulesAsync(async () => {
      // the plugin and everything it imports
      require('../index');
      expect(loaded).toBe(false);

      const { cycloneDxBom } = require('./cycloneDx');
      const bom = JSON.parse(
        await cycloneDxBom({
          subject: 'dev-1',
          components: [
            {
              component: {
                source: 'dpkg',
                name: 'curl',
                version: '7.88.1-10+deb12u8',
                purl: 'pkg:deb/debian/curl@7.88.1-10%2Bdeb12u8?arch=amd64',
              },
              instances: ['dev-1'],
            },
          ],
          portalVersion: '0.1.0',
        }),
      );
      expect(loaded).toBe(true);
      expect(bom).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.6' });
      expect(bom.components.map((c: { name: string }) => c.name)).toEqual([
        'curl',
      ]);
    });
  });
});
