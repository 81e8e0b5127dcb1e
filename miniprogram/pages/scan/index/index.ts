import { toast } from '../../../utils/feedback';
import { parseScanResult, routeScanTarget } from '../../../utils/scan';
import { syncTabBar } from '../../../utils/tab-bar';

/**
 * 扫一扫 tab: scans a code and routes by what it carries (utils/scan.ts). Scanning starts on
 * a tap rather than on show, so returning to the tab after a cancel does not reopen the camera.
 */
Page({
  data: {
    scanning: false,
  },

  onShow() {
    syncTabBar(this, 'scan');
  },

  async onScanTap() {
    if (this.data.scanning) return;
    this.setData({ scanning: true });
    try {
      const res = await wx.scanCode({ onlyFromCamera: false, scanType: ['qrCode', 'wxCode'] });
      this.follow(parseScanResult(res));
    } catch (error) {
      const errMsg = (error as { errMsg?: string })?.errMsg ?? '';
      // The diner closed the camera: nothing to say.
      if (!/cancel/i.test(errMsg)) toast(this, '扫码失败，请重试', 'error');
    } finally {
      this.setData({ scanning: false });
    }
  },

  follow(target: ReturnType<typeof parseScanResult>) {
    const route = routeScanTarget(target);
    if (route.action === 'navigate') wx.navigateTo({ url: route.url });
    else if (route.action === 'switchTab') wx.switchTab({ url: route.url });
    else toast(this, route.message);
  },
});
