import { memberContract } from '../../../../typings/api/member';
import { masterKeyFromEnv } from '../../../shared/domain/secret-box';
import { implement, requireOpenid } from '../../../shared/kit';
import { revealPhone } from '../../../shared/members/phone-vault';
import { toProfile } from '../domain/member-views';
import { phoneNumberFromCode } from '../gateways/phone-number';
import { findOrCreateMember, loadProgram } from '../repositories/member-repository';
import { bindPhoneToMember } from '../repositories/phone-repository';

/** The caller's own membership, created on first call. The only reply carrying the full phone. */
export const getProfile = implement(memberContract.actions.getProfile, async (_input, ctx) => {
  const openid = requireOpenid(ctx.caller);
  const program = await loadProgram();
  const member = await findOrCreateMember(openid, program);
  return toProfile(
    member,
    program,
    revealPhone(member, () => masterKeyFromEnv()),
  );
});

/**
 * Binds the number WeChat vouches for (code from `open-type="getPhoneNumber"`). A number another
 * member holds is refused (PHONE_ALREADY_BOUND); the number is stored sealed and never logged.
 */
export const bindPhone = implement(memberContract.actions.bindPhone, async (input, ctx) => {
  const openid = requireOpenid(ctx.caller);
  const [program, phone] = await Promise.all([loadProgram(), phoneNumberFromCode(input.code)]);
  const member = await bindPhoneToMember(openid, phone, program);
  ctx.log.info('phone bound', { openid });
  return toProfile(member, program, phone);
});
