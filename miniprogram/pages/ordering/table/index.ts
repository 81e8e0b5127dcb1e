import type { PageStatus } from '../../../components/page-state/index';
import { ROUTES, withQuery } from '../../../config/routes';
import { errorMessage, isApiError } from '../../../services/errors';
import { watchTableCart, type LiveSubscription } from '../../../services/ordering-live';
import {
  addDishes,
  addToCart,
  getMenu,
  getTableCart,
  newCheckoutKey,
  placeTableOrder,
  resolveTable,
  setCartLineQuantity,
  type CartLine,
  type DinerMenu,
  type MenuDish,
  type PayMode,
  type TableCart,
  type TableSession,
} from '../../../services/ordering-table';
import { toast, toastError } from '../../../utils/feedback';
import { formatFen } from '../../../utils/format';
import { CARBON_LEVEL_LABELS, CARBON_LEVEL_THEMES, formatKg, formatQty, PAY_MODE_DESCRIPTIONS, PAY_MODE_LABELS } from '../../../utils/labels/ordering';
import { errorState } from '../../../utils/page-error';
import { parseScanResult, routeScanTarget } from '../../../utils/scan';
import { rememberTable, sceneOf } from '../../../utils/table-code';

interface DishRow {
  dishId: string;
  name: string;
  description: string;
  image: string;
  price: string;
  memberPrice: string;
  unit: string;
  carbonText: string;
  carbonLevel: string;
  carbonTheme: string;
  carbonIcon: string;
  soldOut: boolean;
  unavailable: boolean;
  weighed: boolean;
  inCart: string;
}

interface LineRow {
  lineId: string;
  dishId: string;
  name: string;
  qty: number;
  qtyText: string;
  mine: boolean;
  subtotal: string;
  who: string;
}

const PAY_MODES: PayMode[] = ['now', 'counter', 'after_meal'];

/** Everything the page keeps outside `data` (not rendered): the menu, the cart, the live subscription. */
interface PageState {
  table: TableSession | null;
  menu: DinerMenu | null;
  cart: TableCart | null;
  live: LiveSubscription | null;
  liveRound: number;
}

const emptyState = (): PageState => ({ table: null, menu: null, cart: null, live: null, liveRound: -1 });

function dishRow(dish: MenuDish, inCart: number): DishRow {
  const carbon = dish.carbon;
  const computed = carbon.status === 'computed' ? carbon : null;
  return {
    dishId: dish.dishId,
    name: dish.name,
    description: dish.description,
    image: dish.imageFileID,
    price: formatFen(dish.priceFen),
    memberPrice: dish.memberPriceFen < dish.priceFen ? formatFen(dish.memberPriceFen) : '',
    unit: dish.soldByWeight ? dish.unitText : '',
    carbonText: computed ? formatKg(computed.kgCo2e) : '',
    carbonLevel: computed ? CARBON_LEVEL_LABELS[computed.level] : '',
    carbonTheme: computed ? CARBON_LEVEL_THEMES[computed.level] : 'default',
    carbonIcon: computed?.level === 'low' ? 'radish' : 'cloud',
    soldOut: dish.soldOut,
    unavailable: !dish.available,
    weighed: dish.soldByWeight,
    inCart: inCart ? formatQty(inCart) : '',
  };
}

function lineRow(line: CartLine): LineRow {
  return {
    lineId: line.lineId,
    dishId: line.dishId,
    name: line.name,
    qty: line.quantity,
    qtyText: formatQty(line.quantity),
    mine: line.mine,
    subtotal: line.soldByWeight ? '称重后计价' : formatFen(line.unitPriceFen * line.quantity),
    who: line.mine ? '我' : line.addedBy || '桌友',
  };
}

/** The checkout's quote from the menu: member prices and the dishes' footprints × portions. */
function quoteOf(menu: DinerMenu, cart: TableCart) {
  let memberFen = 0;
  let kg = 0;
  let baseline = 0;
  let pending = 0;
  for (const line of cart.lines) {
    const dish = menu.dishes.find((candidate) => candidate.dishId === line.dishId);
    if (!line.soldByWeight) memberFen += (dish?.memberPriceFen ?? line.unitPriceFen) * line.quantity;
    if (dish?.carbon.status === 'computed') {
      kg += dish.carbon.kgCo2e * line.quantity;
      baseline += dish.carbon.baselineKg * line.quantity;
    } else pending += 1;
  }
  const discountFen = Math.max(0, cart.estimatedFen - memberFen);
  const reduction = baseline > 0 ? Math.round(((baseline - kg) / baseline) * 1000) / 10 : 0;
  return {
    total: formatFen(cart.estimatedFen) + (cart.hasWeighedDishes ? ' 起（称重菜另计）' : ''),
    discount: discountFen ? formatFen(discountFen) : '',
    discountLabel: menu.memberLevelName ? `${menu.memberLevelName}优惠` : '会员优惠',
    payable: formatFen(cart.estimatedFen - discountFen),
    carbon: formatKg(kg),
    reduction:
      reduction > 0 ? `比常规做法少 ${reduction}%（基准 ${formatKg(baseline)}）` : `基准 ${formatKg(baseline)}` + (pending ? ` · ${pending} 道菜待计算` : ''),
  };
}

/**
 * 扫码点餐 (`?scene=` from the table's 小程序码): the store's menu by category and the table's one
 * shared cart, kept live (services/ordering-live.ts) so every diner at the table sees every line
 * and who added it; checkout with party size, remarks, the member discount, the order's footprint
 * and how to pay. With an active order of the table, checkout is 加菜 to it.
 */
Page({
  data: {
    status: 'loading' as PageStatus,
    errorTitle: '加载失败',
    errorText: '',
    retryable: true,
    storeName: '',
    tableId: '',
    tableName: '',
    additionMode: false,
    categories: [] as { categoryId: string; name: string; badge: { count: number } | null }[],
    activeCategory: '',
    dishes: [] as DishRow[],
    cartLines: [] as LineRow[],
    cartCount: '0',
    cartTotal: formatFen(0),
    cartOpen: false,
    checkoutOpen: false,
    quote: { total: '', discount: '', discountLabel: '', payable: '', carbon: '', reduction: '' },
    partySize: 2,
    remarks: '',
    payMode: 'now' as PayMode,
    payModes: PAY_MODES.map((value) => ({ value, label: PAY_MODE_LABELS[value], description: PAY_MODE_DESCRIPTIONS[value] })),
    placing: false,
  },

  state: emptyState(),
  scene: '',
  /** the idempotency key of the checkout on screen (kept across retries of the same tap) */
  checkoutKey: '',

  onLoad(query: Record<string, string | undefined>) {
    this.state = emptyState();
    this.scene = sceneOf(query);
    void this.load();
  },

  onShow() {
    // back from 订单状态 / 支付: a new cart round may have started
    if (this.state.table) void this.refreshCart();
  },

  onUnload() {
    this.state.live?.close();
  },

  onRetry() {
    this.setData({ status: 'loading' });
    void this.load();
  },

  /** Opened without a code (首页 扫码点餐): scan one here and open what it leads to in place of this page. */
  async onScanTap() {
    try {
      const route = routeScanTarget(parseScanResult(await wx.scanCode({ onlyFromCamera: false, scanType: ['qrCode', 'wxCode'] })));
      if (route.action === 'navigate') wx.redirectTo({ url: route.url });
      else if (route.action === 'switchTab') wx.switchTab({ url: route.url });
      else toast(this, route.message);
    } catch (error) {
      const errMsg = (error as { errMsg?: string })?.errMsg ?? '';
      if (!/cancel/i.test(errMsg)) toast(this, '扫码失败，请重试', 'error');
    }
  },

  async load() {
    if (!this.scene) {
      this.setData({ status: 'empty' });
      return;
    }
    try {
      const table = await resolveTable(this.scene);
      this.state.table = table;
      rememberTable(this.scene, table.tableId);
      this.setData({ storeName: table.storeName, tableId: table.tableId, tableName: table.tableName, additionMode: table.activeOrderIds.length > 0 });
      const [menu, cart] = await Promise.all([getMenu(table.storeId), getTableCart(this.scene)]);
      this.state.menu = menu;
      this.setData({ status: 'ready', activeCategory: this.data.activeCategory || menu.categories[0]?._id || '' });
      this.showCart(cart);
    } catch (error) {
      // a rotated or forged code (any refusal of the request) is final: no retry, a new scan helps
      const refused = isApiError(error) && error.code >= 40000 && error.code < 50000;
      this.setData({ ...errorState(error), ...(refused ? { retryable: false } : {}), errorTitle: '无法打开这张桌台的菜单' });
    }
  },

  async reloadCart() {
    this.showCart(await getTableCart(this.scene));
  },

  async refreshCart() {
    try {
      this.showCart(await getTableCart(this.scene));
    } catch {
      // the next change or tap reads again; a live refresh is never worth an error toast
    }
  },

  showCart(cart: TableCart) {
    this.state.cart = cart;
    const count = cart.lines.reduce((sum, line) => sum + line.quantity, 0);
    this.setData({
      cartLines: cart.lines.map(lineRow),
      cartCount: formatQty(count),
      cartTotal: formatFen(cart.estimatedFen) + (cart.hasWeighedDishes ? ' 起' : ''),
    });
    this.showDishes();
    // each cart round is watched on its own (placing an order opens the next round)
    if (this.state.liveRound !== cart.cartRound) {
      this.state.live?.close();
      this.state.liveRound = cart.cartRound;
      this.state.live = watchTableCart(cart.tableId, cart.cartRound, () => void this.refreshCart());
    }
  },

  showDishes() {
    const menu = this.state.menu;
    if (!menu) return;
    const perDish = new Map<string, number>();
    const perCategory = new Map<string, number>();
    for (const line of this.state.cart?.lines ?? []) {
      perDish.set(line.dishId, (perDish.get(line.dishId) ?? 0) + line.quantity);
      const category = menu.dishes.find((dish) => dish.dishId === line.dishId)?.categoryId;
      if (category) perCategory.set(category, (perCategory.get(category) ?? 0) + line.quantity);
    }
    this.setData({
      categories: menu.categories.map((category) => {
        const count = perCategory.get(category._id) ?? 0;
        return { categoryId: category._id, name: category.name, badge: count ? { count } : null };
      }),
      dishes: menu.dishes.filter((dish) => dish.categoryId === this.data.activeCategory).map((dish) => dishRow(dish, perDish.get(dish.dishId) ?? 0)),
    });
  },

  onCategoryChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ activeCategory: e.detail.value });
    this.showDishes();
  },

  async onAddDish(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id: string }>) {
    try {
      await addToCart(this.scene, e.currentTarget.dataset.id);
      // an edit answers which line changed, not the cart: read it (the live view follows too)
      await this.reloadCart();
    } catch (error) {
      toastError(this, error);
    }
  },

  async onLineQty(e: WechatMiniprogram.CustomEvent<{ value: number }, WechatMiniprogram.IAnyObject, { id: string }>) {
    await this.changeLine(e.currentTarget.dataset.id, Number(e.detail.value));
  },

  async onRemoveLine(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id: string }>) {
    await this.changeLine(e.currentTarget.dataset.id, 0);
  },

  async changeLine(lineId: string, quantity: number) {
    try {
      await setCartLineQuantity(this.scene, lineId, quantity);
      await this.reloadCart();
    } catch (error) {
      toastError(this, error);
      void this.refreshCart();
    }
  },

  onOpenCart() {
    this.setData({ cartOpen: true });
  },

  onCartVisible(e: WechatMiniprogram.CustomEvent<{ visible: boolean }>) {
    this.setData({ cartOpen: e.detail.visible });
  },

  onOpenCheckout() {
    const { menu, cart } = this.state;
    if (!menu || !cart || !cart.lines.length) return;
    this.checkoutKey = newCheckoutKey();
    this.setData({ cartOpen: false, checkoutOpen: true, quote: quoteOf(menu, cart) });
  },

  onCheckoutVisible(e: WechatMiniprogram.CustomEvent<{ visible: boolean }>) {
    this.setData({ checkoutOpen: e.detail.visible });
  },

  onPartySize(e: WechatMiniprogram.CustomEvent<{ value: number }>) {
    this.setData({ partySize: Number(e.detail.value) });
  },

  onRemarks(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ remarks: e.detail.value });
  },

  onPayMode(e: WechatMiniprogram.CustomEvent<{ value: PayMode }>) {
    this.setData({ payMode: e.detail.value });
  },

  async onPlace() {
    if (this.data.placing) return;
    const { table, cart } = this.state;
    if (!table || !cart) return;
    this.setData({ placing: true });
    try {
      const common = { scene: this.scene, cartRound: cart.cartRound, requestId: this.checkoutKey || newCheckoutKey() };
      const openOrderId = table.activeOrderIds[table.activeOrderIds.length - 1];
      const placed = openOrderId
        ? await addDishes({ ...common, orderId: openOrderId })
        : await placeTableOrder({ ...common, partySize: this.data.partySize, remarks: this.data.remarks.trim(), payMode: this.data.payMode });
      this.checkoutKey = '';
      const order = placed.orders[0];
      if (!openOrderId) table.activeOrderIds = placed.orders.map((placedOrder) => placedOrder.orderId);
      this.setData({ checkoutOpen: false, remarks: '', additionMode: true });
      if (placed.addition) toast(this, '已加菜，后厨马上制作', 'success');
      // pay now goes through the one checkout (member price, WeChat Pay / 礼票); the others wait for staff
      const payNow = !placed.addition && order.payable && this.data.payMode === 'now';
      wx.navigateTo({ url: withQuery(payNow ? ROUTES.paymentCheckout : ROUTES.tableOrder, { orderId: order.orderId }) });
      void this.refreshCart();
    } catch (error) {
      toast(this, errorMessage(error), 'error');
    } finally {
      this.setData({ placing: false });
    }
  },
});
