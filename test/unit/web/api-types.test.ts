import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { WEB_API_TYPES, webApiTypes } from '../../../scripts/generate-web-types.ts';

describe('web: API types generated from the declared schemas', () => {
  it('the committed src/web/api-types.generated.ts is what the schemas give now (run scripts/generate-web-types.ts)', function () {
    this.timeout(20_000);
    expect(readFileSync(WEB_API_TYPES, 'utf8') === webApiTypes(), 'src/web/api-types.generated.ts is stale').to.equal(true);
  });
});
