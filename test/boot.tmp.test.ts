import { startTestApp } from './support/test-app.ts';
describe('boot', () => {
  it('sqlite', async () => {
    for (let i = 0; i < 4; i++) {
      const a = Date.now();
      const app = await startTestApp({});
      const b = Date.now();
      await app.stop();
      console.log('start', b - a, 'stop', Date.now() - b);
    }
  });
});
