import type { StoreSummary } from '../../services/admin';
import { listMyStores } from '../../services/admin';
import { ROUTES, withQuery } from '../../../config/routes';
import { PAGED_LIST_DATA, pagedList } from '../../../utils/paged-list';
import { ROLE_LABELS } from '../../../utils/labels/member';
import { loadSession } from '../../../utils/session';
import { can, type StaffAction } from '../../../utils/permissions';
import type { SessionRole } from '../../../../typings/api/member';

interface Entry {
  key:
    | 'pos'
    | 'payments'
    | 'members'
    | 'staff'
    | 'newStore'
    | 'audit'
    | 'cabinetDevices'
    | 'cabinetProducts'
    | 'cabinetOrders'
    | 'cabinetManual'
    | 'kitchen'
    | 'dishes'
    | 'tables'
    | 'printJobs';
  title: string;
  description: string;
  icon: string;
  /** the action the entry's page needs: an entry is shown only to roles that may call it */
  action: StaffAction;
  route: string;
}

const ENTRIES: Entry[] = [
  {
    key: 'pos',
    title: '收银系统接入',
    description: '接入配置、菜单推送、同步日志与死信',
    icon: 'link',
    action: 'pos-interface.listIntegrations',
    route: ROUTES.posIntegrations,
  },
  {
    key: 'payments',
    title: '支付记录',
    description: '支付单、退款、现金确认与异常',
    icon: 'wallet',
    action: 'payment.listPayments',
    route: ROUTES.adminPayments,
  },
  {
    key: 'members',
    title: '会员查询',
    description: '按手机号查会员，调整积分、充值礼票',
    icon: 'user-search',
    action: 'member.lookupMemberByPhone',
    route: ROUTES.adminMemberLookup,
  },
  {
    key: 'staff',
    title: '员工与邀请',
    description: '邀请员工、改角色与门店、停用',
    icon: 'usergroup',
    action: 'admin.listStaff',
    route: ROUTES.adminStaff,
  },
  {
    key: 'newStore',
    title: '新建门店',
    description: '门店资料、营业时间、联系人',
    icon: 'shop',
    action: 'admin.createStore',
    route: ROUTES.adminStoreEdit,
  },
  {
    key: 'audit',
    title: '审计日志',
    description: '员工的每一次资金、会员、权限操作',
    icon: 'file-safety',
    action: 'admin.listAuditLogs',
    route: ROUTES.adminAudit,
  },
  {
    key: 'cabinetDevices',
    title: '智能柜设备',
    description: '在线状态、告警、小程序码、绑定门店、开门补货',
    icon: 'server',
    action: 'cabinet.listDevices',
    route: ROUTES.adminCabinetDevices,
  },
  {
    key: 'cabinetProducts',
    title: '智能柜商品',
    description: '门店柜内商品：SKU、价格、条码、图片',
    icon: 'shop',
    action: 'cabinet.listProducts',
    route: ROUTES.adminCabinetProducts,
  },
  {
    key: 'cabinetOrders',
    title: '智能柜订单',
    description: '按门店、设备、日期、状态、类型查询',
    icon: 'view-list',
    action: 'cabinet.listCabinetOrders',
    route: ROUTES.adminCabinetOrders,
  },
  {
    key: 'cabinetManual',
    title: '人工处理',
    description: '重试用尽的推送与调用、超限与异常订单',
    icon: 'error-circle',
    action: 'cabinet.listManualTasks',
    route: ROUTES.adminCabinetManual,
  },
  // 扫码点餐
  {
    key: 'kitchen',
    title: '后厨看板',
    description: '进行中的桌台订单，一键推进',
    icon: 'chart-bubble',
    action: 'ordering.listKitchenOrders',
    route: ROUTES.kitchenBoard,
  },
  { key: 'dishes', title: '菜品管理', description: '菜品、食材与碳足迹、售罄', icon: 'noodle', action: 'ordering.listDishes', route: ROUTES.adminDishes },
  { key: 'tables', title: '桌台与桌码', description: '桌台、桌码打印与密钥轮换', icon: 'qrcode', action: 'ordering.listTables', route: ROUTES.adminTables },
  {
    key: 'printJobs',
    title: '打印失败',
    description: '云打印机未打出的小票，重新打印',
    icon: 'print',
    action: 'ordering.listPrintJobs',
    route: ROUTES.printJobs,
  },
];

/** The entries a role may open; clerks do not see 收银系统接入 (managers and admins only). */
function entriesFor(role: SessionRole): Omit<Entry, 'action'>[] {
  return ENTRIES.filter((entry) => can(role, entry.action)).map(({ action: _action, ...entry }) => entry);
}

const list = pagedList({
  key: 'stores',
  // The first page comes with who the staff member is; a refused session (not staff) fails the page.
  fetch: async (page, pageNo, pageSize) => {
    if (pageNo > 1) return listMyStores(pageNo, pageSize);
    const [session, stores] = await Promise.all([loadSession(), listMyStores(1, pageSize)]);
    page.setData({ staffName: session.staff?.name ?? '', roleLabel: ROLE_LABELS[session.role], entries: entriesFor(session.role) });
    return stores;
  },
  toRow: (store: StoreSummary) => store,
});

/** Staff landing page (admin subpackage): who I am and the stores I manage. */
Page({
  data: {
    ...PAGED_LIST_DATA,
    staffName: '',
    roleLabel: '',
    entries: [] as Omit<Entry, 'action'>[],
    stores: [] as StoreSummary[],
  },

  ...list,

  onLoad() {
    void this.refresh();
  },

  onEntryTap(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { route: string }>) {
    wx.navigateTo({ url: e.currentTarget.dataset.route });
  },

  onStoreTap(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id: string }>) {
    wx.navigateTo({ url: withQuery(ROUTES.adminStore, { storeId: e.currentTarget.dataset.id }) });
  },
});
