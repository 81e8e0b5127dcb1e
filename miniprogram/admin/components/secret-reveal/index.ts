/**
 * Shows a freshly issued API secret the one time it exists in plaintext (create / rotate),
 * with copy buttons and the warning that it cannot be shown again.
 */
Component({
  properties: {
    apiKey: { type: String, value: '' },
    secret: { type: String, value: '' },
    notice: { type: String, value: '密钥仅显示这一次，请立即复制并妥善保存。' },
  },
  methods: {
    copy(text: string, what: string) {
      wx.setClipboardData({ data: text, success: () => this.triggerEvent('copied', { what }) });
    },
    onCopySecret() {
      this.copy(this.data.secret, 'secret');
    },
    onCopyApiKey() {
      this.copy(this.data.apiKey, 'apiKey');
    },
    onDone() {
      this.triggerEvent('done');
    },
  },
});
