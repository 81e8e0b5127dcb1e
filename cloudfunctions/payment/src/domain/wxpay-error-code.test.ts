import { wxPayErrCode } from './wxpay-error-code';
import { isDefiniteRefundRejection } from './refund-plan';

describe("WeChat Pay's err_code behind wx-server-sdk", () => {
  it('uses a real err_code when one survives', () => {
    expect(wxPayErrCode('ORDERPAID', '随便')).toBe('ORDERPAID');
  });

  it("recognises WeChat's descriptions when the SDK replaced errCode with its own 0", () => {
    expect(wxPayErrCode(0, '此交易订单号不存在')).toBe('ORDERNOTEXIST');
    expect(wxPayErrCode(0, '退款订单查询失败')).toBe('REFUNDNOTEXIST');
    expect(wxPayErrCode(0, '订单已支付，不能发起关单')).toBe('ORDERPAID');
    expect(wxPayErrCode(0, '订单已关闭')).toBe('ORDERCLOSED');
    expect(wxPayErrCode(0, '基本账户余额不足，请充值后重新发起')).toBe('NOTENOUGH');
    expect(wxPayErrCode('0', '系统超时')).toBe('SYSTEMERROR');
    expect(wxPayErrCode(undefined, '退款业务流程错误，需要商户触发重试来解决')).toBe('BIZERR_NEED_RETRY');
  });

  it('an unrecognised refusal is UNKNOWN, which never counts as a definite refund rejection', () => {
    expect(wxPayErrCode(0, '')).toBe('UNKNOWN');
    expect(wxPayErrCode(0, 'something new')).toBe('UNKNOWN');
    expect(isDefiniteRefundRejection('UNKNOWN')).toBe(false);
  });
});
