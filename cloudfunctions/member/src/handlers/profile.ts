import { memberContract } from '../../../../typings/api/member';
import { implement, requireOpenid } from '../../../shared/kit';
import { toProfile } from '../domain/member-views';
import { phoneNumberFromCode } from '../gateways/phone-number';
import { findOrCreateMember, loadProgram, savePhone } from '../repositories/member-repository';

/** The caller's own membership, created on first call. The only reply carrying the full phone. */
export const getProfile = implement(memberContract.actions.getProfile, async (_input, ctx) => {
  const openid = requireOpenid(ctx.caller);
  const program = await loadProgram();
  return toProfile(await findOrCreateMember(openid, program), program);
});

/** Binds the number WeChat vouches for (code from `open-type="getPhoneNumber"`). */
export const bindPhone = implement(memberContract.actions.bindPhone, async (input, ctx) => {
  const openid = requireOpenid(ctx.caller);
  const [program, phone] = await Promise.all([loadProgram(), phoneNumberFromCode(input.code)]);
  const member = await findOrCreateMember(openid, program);
  await savePhone(openid, phone);
  ctx.log.info('phone bound', { openid });
  return toProfile({ ...member, phone }, program);
});
