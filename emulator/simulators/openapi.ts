import type { SimulatorDefinition, WxServiceHandler } from '../types';
import { answerOpenApi, decodeOpenApiParams, encodeOpenApiReply } from '../wechat/openapi-simulator';

function asBuffer(value: unknown): Buffer {
  if (Buffer.isBuffer(value)) return value;
  if (typeof value === 'string') return Buffer.from(value, 'latin1');
  return Buffer.alloc(0);
}

/** `cloud.openapi.*` as the SDK sends it: the `wx.openApi` admin action; replies are protobuf bytes (see http/admin-wire.ts). */
export const openApiHandler: WxServiceHandler = async (body, identity, emulator) => {
  const params = decodeOpenApiParams(asBuffer(body.requestData));
  return encodeOpenApiReply(await answerOpenApi(String(body.apiName ?? ''), params, identity?.appid ?? emulator.appId));
};

/** WeChat's cloud-call openapi (engine: wechat/openapi-simulator.ts). */
export const openApi: SimulatorDefinition = {
  name: 'openapi',
  summary: '微信云调用 openapi（获取手机号、小程序码 wxacode.getUnlimited 等）',
  adminActions: { 'wx.openApi': openApiHandler },
};
