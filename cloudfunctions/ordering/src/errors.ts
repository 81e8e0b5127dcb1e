import type { ErrorCodeSpec } from '../../shared/kit/errors';

/** Ordering context codes (last two digits 80–89). */
export const Errors = {
  ORDER_NOT_FOUND: { code: 40480, message: '订单不存在', description: '按 orderId 找不到调用者自己的订单（他人的订单同样报告为不存在）' },
  TABLE_CODE_INVALID: {
    code: 40381,
    message: '桌码已失效，请扫描桌上最新的二维码',
    description: '桌码 scene 无法解析、桌台不存在或已停用，或桌台密钥不符（伪造或已轮换的桌码）',
  },
  TABLE_NOT_FOUND: { code: 40481, message: '桌台不存在', description: '该门店没有这个桌台' },
  DISH_NOT_FOUND: { code: 40482, message: '菜品不存在', description: '该门店没有这个菜品（或已下架）' },
  CATEGORY_NOT_FOUND: { code: 40483, message: '分类不存在', description: '该门店没有这个菜品分类' },
  CART_EMPTY: { code: 40081, message: '购物车是空的', description: '下单或加菜时本轮购物车没有菜品' },
  DISH_UNAVAILABLE: { code: 40082, message: '菜品暂不可点', description: '菜品已售罄、已下架或不在当前餐段供应；details.dishes 列出菜品' },
  CART_ROUND_STALE: {
    code: 40981,
    message: '购物车已被同桌提交，请刷新',
    description: '下单或加菜时 cartRound 已不是本桌当前轮次（同桌其他人刚刚下单）；刷新购物车后重试',
  },
  ORDER_STEP_REFUSED: {
    code: 40982,
    message: '订单当前状态不能执行该操作',
    description: '状态流转不允许（如未确认就上菜、未支付就完成、称重菜未称重就确认）；details.status 为当前状态',
  },
  CANCEL_NOT_ALLOWED: {
    code: 40983,
    message: '订单当前不能取消',
    description: '取消规则不允许（顾客仅能取消待确认且未支付的订单；已支付订单须先全额退款）；details.reason 说明原因',
  },
  ADDITION_NOT_ALLOWED: { code: 40984, message: '该订单不能加菜', description: '订单已完成、已取消或不属于本桌' },
  TABLE_IN_USE: { code: 40985, message: '桌台有进行中的订单', description: '删除桌台时该桌还有未完成的订单' },
  CATEGORY_IN_USE: { code: 40986, message: '分类下还有菜品', description: '删除分类前须先移走或下架其中的菜品' },
  CODE_SHEET_UNAVAILABLE: {
    code: 40987,
    message: '桌码打印页暂不可用',
    description: '门店全部桌码的打印页尚未提供（图中写桌名需要字体渲染）；请在桌台与桌码页逐个保存桌码（getTableCode）',
  },
  NOT_WEIGHED_DISH: { code: 40083, message: '该菜品不是称重菜', description: '称重只适用于按重量售卖的菜品行' },
} as const satisfies Record<string, ErrorCodeSpec>;
