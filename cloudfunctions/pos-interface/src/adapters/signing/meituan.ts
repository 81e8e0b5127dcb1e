/**
 * 美团餐饮开放平台 signature (public SDK rule, see FACTS.md):
 *   sign = lowercase hex SHA-1( signKey + Σ sorted(name + value) )
 * over every parameter except sign, skipping empty values; system parameters are developerId,
 * businessId, timestamp (s), charset, version, appAuthToken, plus biz (a JSON string).
 */
import { createHash } from 'node:crypto';
import { concatSortedParams, type SignParams } from './sorted-params';

export interface MeituanSignInput {
  params: SignParams;
}

export function buildMeituanStringToSign(input: MeituanSignInput, signKey: string): string {
  return `${signKey}${concatSortedParams(input.params, { skipEmpty: true })}`;
}

export function meituanSign(input: MeituanSignInput, signKey: string): string {
  if (signKey === '') throw new RangeError('美团签名 signKey 不能为空');
  return createHash('sha1').update(buildMeituanStringToSign(input, signKey), 'utf8').digest('hex');
}
