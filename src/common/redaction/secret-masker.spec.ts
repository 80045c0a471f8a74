import { SECRET_MASK } from './mask-secrets.js';
import { SecretMasker } from './secret-masker.js';

describe('SecretMasker', () => {
  it('masks registered secrets, raw and JSON-escaped, until released', () => {
    const masker = new SecretMasker();
    const release = masker.register(['s3cret-value', 'quo"ted\\secret']);
    const line = JSON.stringify({ msg: 'failed with s3cret-value', detail: 'quo"ted\\secret' });
    expect(masker.mask(line)).toBe(
      JSON.stringify({ msg: `failed with ${SECRET_MASK}`, detail: SECRET_MASK }),
    );
    release();
    expect(masker.mask('s3cret-value')).toBe('s3cret-value');
  });

  it('keeps a secret masked while another run still holds it', () => {
    const masker = new SecretMasker();
    const first = masker.register(['shared-key']);
    masker.register(['shared-key']);
    first();
    expect(masker.mask('shared-key')).toBe(SECRET_MASK);
  });

  it('ignores values too short to tell apart from ordinary text', () => {
    const masker = new SecretMasker();
    masker.register(['abc', '']);
    expect(masker.mask('abc')).toBe('abc');
  });

  it('masks the longest needle first, whichever run registered it', () => {
    const masker = new SecretMasker();
    masker.register(['part']);
    const release = masker.register(['the-whole-part']);
    masker.register([], ['a message with the-whole-part inside']);
    expect(masker.mask('x the-whole-part y')).toBe(`x ${SECRET_MASK} y`);
    expect(masker.mask('a message with the-whole-part inside')).toBe(SECRET_MASK);
    release();
    expect(masker.mask('x the-whole-part y')).toBe(`x the-whole-${SECRET_MASK} y`);
  });
});
