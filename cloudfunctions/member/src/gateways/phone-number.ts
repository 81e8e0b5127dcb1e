import { AppError } from '../../../shared/kit/errors';
import { getCloud } from '../../../shared/kit/cloud';
import { Errors } from '../errors';

/** WeChat errcodes meaning "this code is unusable" (invalid, expired or already used). */
const INVALID_CODE_ERRCODES = new Set([40029, 40163, 40226, 41008, 45011]);

interface PhoneNumberReply {
  phoneInfo?: { phoneNumber?: string; purePhoneNumber?: string; countryCode?: string };
}

/**
 * Exchanges the code from `<button open-type="getPhoneNumber">` for the number, through the
 * cloud-call openapi (no access_token handling; permission declared in config.json).
 */
export async function phoneNumberFromCode(code: string): Promise<string> {
  let reply: PhoneNumberReply;
  try {
    const openapi = getCloud().openapi as unknown as { phonenumber: { getPhoneNumber(data: { code: string }): Promise<PhoneNumberReply> } };
    reply = await openapi.phonenumber.getPhoneNumber({ code });
  } catch (error) {
    const errCode = Number((error as { errCode?: unknown })?.errCode);
    if (INVALID_CODE_ERRCODES.has(errCode)) throw new AppError(Errors.PHONE_CODE_INVALID, { details: { field: 'code' } });
    throw new AppError(Errors.PHONE_LOOKUP_FAILED, { details: { errCode: Number.isFinite(errCode) ? errCode : undefined } });
  }
  const phone = reply.phoneInfo?.purePhoneNumber ?? reply.phoneInfo?.phoneNumber;
  if (!phone || !/^\d{5,20}$/.test(phone)) throw new AppError(Errors.PHONE_LOOKUP_FAILED, { message: '微信未返回手机号' });
  return phone;
}
