import { ConflictError, DigiCraftError, HTTP_STATUS_BY_KIND, isDigiCraftError, NotFoundError, ValidationError } from '@digicraft/errors';

describe('error classes', () => {
  it('carry a stable code, a kind and the offending fields', () => {
    const err = new ValidationError([{ field: 'tracks[0].capacity', message: 'must be at least 1' }]);
    expect(err).toBeInstanceOf(DigiCraftError);
    expect(err.code).toBe('DC_ERR_VALIDATION');
    expect(err.kind).toBe('invalid-argument');
    expect(err.fields).toEqual([{ field: 'tracks[0].capacity', message: 'must be at least 1' }]);
    expect(err.name).toBe('ValidationError');
  });

  it('map every kind to exactly one HTTP status', () => {
    expect(HTTP_STATUS_BY_KIND[new NotFoundError('competition', 'c1').kind]).toBe(404);
    expect(HTTP_STATUS_BY_KIND[new ConflictError('DC_ERR_DUPLICATE_REGISTRATION', 'already registered').kind]).toBe(409);
    expect(HTTP_STATUS_BY_KIND.unavailable).toBe(503);
    expect(Object.isFrozen(HTTP_STATUS_BY_KIND)).toBe(true);
  });

  it('tells our errors from anything else thrown', () => {
    expect(isDigiCraftError(new NotFoundError('track', 't1'))).toBe(true);
    expect(isDigiCraftError(new Error('boom'))).toBe(false);
  });
});
