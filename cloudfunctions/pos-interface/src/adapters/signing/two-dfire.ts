/**
 * 二维火 open API signature (public SDK rule, see FACTS.md):
 *   sign = UPPER( hex SHA-1( secret + Σ sorted(name + value) + secret ) )
 * over every form parameter except sign: method, v, timestamp (ms), appKey, entityId and the
 * business parameters.
 */
import { createHash } from 'node:crypto';
import { concatSortedParams, type SignParams } from './sorted-params';

export interface TwoDfireSignInput {
  params: SignParams;
}

export function buildTwoDfireStringToSign(input: TwoDfireSignInput, secret: string): string {
  return `${secret}${concatSortedParams(input.params, { skipEmpty: false })}${secret}`;
}

export function twoDfireSign(input: TwoDfireSignInput, secret: string): string {
  if (secret === '') throw new RangeError('二维火签名密钥不能为空');
  return createHash('sha1').update(buildTwoDfireStringToSign(input, secret), 'utf8').digest('hex').toUpperCase();
}
