/**
 * 客如云 open API signature (public SDK rule, see FACTS.md):
 *   sign = lowercase hex SHA-256( Σ sorted(name + value) of the public query parameters
 *          except sign (appKey, shopIdenty | brandId, timestamp, version)
 *          + "body" + exact JSON body + token )
 * Business calls use the shop token as the key; the token request itself uses the app's
 * secretKey in the same position.
 */
import { createHash } from 'node:crypto';
import { concatSortedParams, type SignParams } from './sorted-params';

export interface KeruyunSignInput {
  params: SignParams;
  /** the exact JSON body sent */
  body: string;
}

export function buildKeruyunStringToSign(input: KeruyunSignInput, token: string): string {
  return `${concatSortedParams(input.params, { skipEmpty: false })}body${input.body}${token}`;
}

export function keruyunSign(input: KeruyunSignInput, token: string): string {
  if (token === '') throw new RangeError('客如云签名 token 不能为空');
  return createHash('sha256').update(buildKeruyunStringToSign(input, token), 'utf8').digest('hex');
}
