import { isNotFound } from './database';

describe('isNotFound', () => {
  it('recognises the SDK rejection for a missing document, whatever characters the id holds', () => {
    for (const id of ['order_1', 'a\nb', 'a\r\nb', 'a\u2028b', 'a\u2029b']) {
      expect(isNotFound(`document with _id ${id} does not exist`)).toBe(true);
      expect(isNotFound(new Error(`document with _id ${id} does not exist`))).toBe(true);
    }
  });

  it('does not treat a missing collection or another failure as a missing document', () => {
    expect(isNotFound(new Error('[ResourceNotFound] Db or Table not exist: orders.'))).toBe(false);
    expect(isNotFound({ errMsg: 'document.get:fail -502001 database request fail' })).toBe(false);
    expect(isNotFound(undefined)).toBe(false);
  });
});
