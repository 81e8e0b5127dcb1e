import { Hash } from 'wechatpay-axios-plugin';
import { payScoreUseExtraData, wxPayHmacSign } from './business-view';

// WeChat Pay's documented example key and fields (安全规范 · 签名算法).
const KEY = '192006250b4c09247ec02edce69f6a2d';

describe('wx.openBusinessView extraData signature', () => {
  it("reproduces WeChat's published HMAC-SHA256 example", () => {
    const fields = { appid: 'wxd930ea5d5a258f4f', mch_id: '10000100', device_info: '1000', body: 'test', nonce_str: 'ibuaiVcKdpRxkhJA' };
    expect(wxPayHmacSign(fields, KEY)).toBe('6A9AE1657590FD6257D693A078E1C3E4BB6BA4DC30B23E0EE2496E54170DACD6');
  });

  it('signs mch_id, nonce_str, package, sign_type and timestamp (hand-computed vector)', () => {
    // printf 'mch_id=1230000109&nonce_str=zyx53Nkey8o4bHpxTQvd8m7e92nG5mG2&package=XXXXXXXX&sign_type=HMAC-SHA256&timestamp=1530097563&key=<KEY>' \
    //   | openssl dgst -sha256 -hmac <KEY>
    const extraData = payScoreUseExtraData(
      { mchId: '1230000109', package: 'XXXXXXXX', timestamp: '1530097563', nonceStr: 'zyx53Nkey8o4bHpxTQvd8m7e92nG5mG2' },
      KEY,
    );
    expect(extraData).toEqual({
      mch_id: '1230000109',
      package: 'XXXXXXXX',
      timestamp: '1530097563',
      nonce_str: 'zyx53Nkey8o4bHpxTQvd8m7e92nG5mG2',
      sign_type: 'HMAC-SHA256',
      sign: '1B322799DA4A00E25DE0448667F76807D222A2A36312907CF579D4CF3A3836E6',
    });
    // the WeChat Pay library's own v2 helper agrees
    expect(Hash.sign('HMAC-SHA256', extraData, KEY)).toBe(extraData.sign);
  });

  it('leaves out empty fields and any sign already present, and depends on the key', () => {
    const base = { b: '2', a: '1' };
    expect(wxPayHmacSign({ ...base, c: '', sign: 'OLD' }, KEY)).toBe(wxPayHmacSign(base, KEY));
    expect(wxPayHmacSign(base, KEY)).not.toBe(wxPayHmacSign(base, `${KEY.slice(1)}0`));
  });
});
