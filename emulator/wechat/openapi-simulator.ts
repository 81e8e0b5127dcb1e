/**
 * WeChat's cloud-call openapi (`cloud.openapi.*`), run locally. The SDK sends it as the
 * `wx.openApi` admin action: multipart fields `apiName` (e.g. `phonenumber.getPhoneNumber`) and
 * `requestData`, a protobuf `CommApiData` whose `openapiData.pairs` carry each snake_case
 * parameter as JSON bytes. It expects a protobuf `CommOpenApiResp` back whose `respData` is
 * WeChat's JSON reply (or, for wxacode, the image bytes). Only the APIs the product uses are answered; others get WeChat's
 * "api unauthorized" errcode, as an undeclared permission would in the cloud. Registered in
 * simulators/openapi.ts.
 */

import { getUnlimited } from './wxacode';

/** Any code yields this number unless the code names one (`test-phone-13912345678`). */
export const SIMULATED_PHONE = '13800138000';
/** Codes WeChat refuses (expired / used): errcode 40029. */
export const INVALID_PHONE_CODE = 'invalid-code';

/** WeChat's JSON answer, or a binary one (wxacode's image/png) the SDK hands over as `{buffer, contentType}`. */
type OpenApiReply = Record<string, unknown> | { binary: Buffer; contentType: string };
type OpenApi = (params: Record<string, unknown>, context: { appId: string }) => OpenApiReply | Promise<OpenApiReply>;

const OPEN_APIS: Record<string, OpenApi> = {
  'phonenumber.getPhoneNumber': (params, { appId }) => {
    const code = typeof params.code === 'string' ? params.code : '';
    if (!code || code === INVALID_PHONE_CODE) return { errcode: 40029, errmsg: 'invalid code' };
    const phone = /^test-phone-(1[3-9]\d{9})$/.exec(code)?.[1] ?? SIMULATED_PHONE;
    return {
      errcode: 0,
      errmsg: 'ok',
      phone_info: { phoneNumber: phone, purePhoneNumber: phone, countryCode: '86', watermark: { timestamp: Math.floor(Date.now() / 1000), appid: appId } },
    };
  },
  'wxacode.getUnlimited': async (params) => {
    const answer = await getUnlimited(params);
    return answer.ok ? { binary: answer.png, contentType: 'image/png' } : { errcode: answer.errcode, errmsg: answer.errmsg };
  },
};

// ---- minimal protobuf wire format (varint + length-delimited), enough for these two messages

function readVarint(buffer: Buffer, offset: number): [number, number] {
  let value = 0;
  let shift = 0;
  let position = offset;
  for (;;) {
    const byte = buffer[position++];
    if (byte === undefined) throw new Error('truncated varint');
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, position];
    shift += 7;
  }
}

/** Field number → raw values (Buffers for length-delimited fields, numbers for varints). */
function readFields(buffer: Buffer): Map<number, (Buffer | number)[]> {
  const fields = new Map<number, (Buffer | number)[]>();
  let offset = 0;
  while (offset < buffer.length) {
    const [tag, afterTag] = readVarint(buffer, offset);
    const field = Math.floor(tag / 8);
    const wireType = tag & 7;
    let value: Buffer | number;
    if (wireType === 0) [value, offset] = readVarint(buffer, afterTag);
    else if (wireType === 2) {
      const [length, start] = readVarint(buffer, afterTag);
      value = buffer.subarray(start, start + length);
      offset = start + length;
    } else if (wireType === 5) [value, offset] = [buffer.readUInt32LE(afterTag), afterTag + 4];
    else if (wireType === 1) [value, offset] = [Number(buffer.readBigUInt64LE(afterTag)), afterTag + 8];
    else throw new Error(`unsupported protobuf wire type ${wireType}`);
    fields.set(field, [...(fields.get(field) ?? []), value]);
  }
  return fields;
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value >>> 0;
  while (rest >= 0x80) {
    bytes.push((rest & 0x7f) | 0x80);
    rest >>>= 7;
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

function lengthDelimited(field: number, bytes: Buffer): Buffer {
  return Buffer.concat([varint((field << 3) | 2), varint(bytes.length), bytes]);
}

/** CommApiData → {key: decoded JSON value} of its openapiData pairs. */
export function decodeOpenApiParams(requestData: Buffer): Record<string, unknown> {
  const openapiData = readFields(requestData).get(2)?.[0];
  if (!Buffer.isBuffer(openapiData)) return {};
  const params: Record<string, unknown> = {};
  for (const pair of readFields(openapiData).get(1) ?? []) {
    if (!Buffer.isBuffer(pair)) continue;
    const fields = readFields(pair);
    const key = fields.get(1)?.[0];
    const value = fields.get(2)?.[0];
    if (!Buffer.isBuffer(key)) continue;
    const text = Buffer.isBuffer(value) ? value.toString('utf8') : '';
    try {
      params[key.toString('utf8')] = JSON.parse(text);
    } catch {
      params[key.toString('utf8')] = text;
    }
  }
  return params;
}

function isBinary(reply: OpenApiReply): reply is { binary: Buffer; contentType: string } {
  return Buffer.isBuffer((reply as { binary?: unknown }).binary);
}

/** CommOpenApiResp{respData, contentType, httpCode}. */
export function encodeOpenApiReply(reply: OpenApiReply): Buffer {
  const binary = isBinary(reply);
  return Buffer.concat([
    lengthDelimited(1, binary ? reply.binary : Buffer.from(JSON.stringify(reply))),
    lengthDelimited(2, Buffer.from(binary ? reply.contentType : 'application/json')),
    varint((4 << 3) | 0),
    varint(200),
  ]);
}

/** WeChat's JSON reply to one openapi call; APIs not simulated get the "api unauthorized" errcode. */
export async function answerOpenApi(apiName: string, params: Record<string, unknown>, appId: string): Promise<OpenApiReply> {
  const api = Object.hasOwn(OPEN_APIS, apiName) ? OPEN_APIS[apiName] : undefined;
  return api ? await api(params, { appId }) : { errcode: 48001, errmsg: `api unauthorized: ${apiName} is not simulated locally` };
}
