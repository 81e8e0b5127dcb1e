import Toast from 'tdesign-miniprogram/toast/index';
import { errorMessage } from '../services/errors';

type ToastContext = WechatMiniprogram.Page.TrivialInstance | WechatMiniprogram.Component.TrivialInstance;

/** Every page renders `<t-toast id="t-toast" />`; this shows messages in it. */
export function toast(context: ToastContext, message: string, theme?: 'success' | 'warning' | 'error'): void {
  Toast({ context, selector: '#t-toast', message, ...(theme ? { theme } : {}), direction: 'column' });
}

export function toastError(context: ToastContext, error: unknown): void {
  toast(context, errorMessage(error), 'error');
}
