/**
 * Ingredient emission factors, kg CO₂e per kg of product as bought (retail weight).
 *
 * Primary source: Poore & Nemecek 2018, "Reducing food's environmental impacts through
 * producers and consumers", Science 360:987–992 (global mean per product), as published by
 * Our World in Data in the dataset "ghg-per-kg-poore" (CC BY). Vegetable oils are not in that
 * dataset; their values come from the OWID chart "food-emissions-supply-chain", built on the
 * same study, which shows them to two significant figures.
 *
 * Chinese-kitchen ingredients the study does not list get the closest study category and are
 * marked `basis: 'proxy'` with the category named in `source`. A few values are derived
 * (cooked rice from raw rice) or plain order-of-magnitude estimates (salt, water); those say so.
 * No value here has more precision than its source. SU-EATABLE LIFE (Petersson et al. 2021,
 * Scientific Data, doi 10.1038/s41597-021-00909-8) is the documented next source for refining
 * proxies; no value below is taken from it yet.
 */
import { lookupKey } from './lookup-key';

export type IngredientCategory =
  'meat' | 'poultry' | 'seafood' | 'egg_dairy' | 'grain' | 'legume' | 'vegetable' | 'fruit' | 'nut_seed' | 'oil' | 'condiment' | 'beverage' | 'other';

/** direct: the study's own category; proxy: a neighbouring category; derived: arithmetic on a study value; estimate: no study value. */
export type FactorBasis = 'direct' | 'proxy' | 'derived' | 'estimate';

export interface EmissionFactor {
  /** English slug, stable across renames of the Chinese name */
  id: string;
  name: string;
  aliases: readonly string[];
  /** kg CO₂e per kg of product */
  factor: number;
  category: IngredientCategory;
  basis: FactorBasis;
  source: string;
  /** kitchen estimates used only for the 个 / 份 units; absent → those units are refused */
  typicalWeightGrams?: { piece?: number; serving?: number };
  /** kg per litre for ml / l units; absent → 1 (water-like) */
  densityKgPerL?: number;
}

const PN = 'Poore & Nemecek 2018 (Science 360:987), OWID ghg-per-kg-poore';
const PN_CHART = 'Poore & Nemecek 2018 (Science 360:987), OWID 图表 food-emissions-supply-chain（图中保留两位有效数字）';
const direct = (category: string): string => `${PN}: ${category}`;
const proxy = (category: string, why: string): string => `${PN}: 代理类别 proxy "${category}"，${why}`;

// Study values used below (kg CO₂e/kg), copied once so a typo cannot hide in a row.
const PIG_MEAT = 12.31;
const BEEF_BEEF_HERD = 99.48;
const LAMB_MUTTON = 39.72;
const POULTRY_MEAT = 9.87;
const PRAWNS_FARMED = 26.87;
const FISH_FARMED = 13.63;
const EGGS = 4.67;
const MILK = 3.15;
const CHEESE = 23.88;
const RICE = 4.45;
const WHEAT_RYE = 1.57;
const MAIZE = 1.7;
const OATMEAL = 2.48;
const TOFU = 3.16;
const SOY_MILK = 0.98;
const PEAS = 0.98;
const OTHER_PULSES = 1.79;
const GROUNDNUTS = 3.23;
const NUTS = 0.43;
const TOMATOES = 2.09;
const BRASSICAS = 0.51;
const ONIONS_LEEKS = 0.5;
const POTATOES = 0.46;
const ROOT_VEGETABLES = 0.43;
const OTHER_VEGETABLES = 0.53;
const APPLES = 0.43;
const BANANAS = 0.86;
const CITRUS = 0.39;
const BERRIES_GRAPES = 1.53;
const OTHER_FRUIT = 1.05;
const CANE_SUGAR = 3.2;
const WINE = 1.79;
const COFFEE = 28.53;
const DARK_CHOCOLATE = 46.65;
const SUNFLOWER_OIL = 3.6;
const OLIVE_OIL = 5.7;

/**
 * Steamed white rice absorbs water: 1 kg raw gives about 2.5 kg cooked (kitchen range 2.2–2.8,
 * an estimate). Dividing keeps a menu that lists "米饭 200 g" from being counted as 200 g of raw rice.
 */
const COOKED_RICE_YIELD = 2.5;

export const EMISSION_FACTORS: readonly EmissionFactor[] = [
  // ── meat ──
  {
    id: 'pork',
    name: '猪肉',
    aliases: ['五花肉', '猪里脊', '里脊肉', '瘦肉', '肉丝', '肉片', '肉末', '猪肉末', '猪肉馅', '肉馅', '排骨', '猪排骨', '猪蹄'],
    factor: PIG_MEAT,
    category: 'meat',
    basis: 'direct',
    source: `${direct('Pig Meat')}（排骨、猪蹄含骨按肉重计，偏保守）`,
    typicalWeightGrams: { serving: 100 },
  },
  {
    id: 'beef',
    name: '牛肉',
    aliases: ['牛腩', '牛里脊', '肥牛', '牛肉片', '牛肉粒', '牛腱', '牛肉馅'],
    factor: BEEF_BEEF_HERD,
    category: 'meat',
    basis: 'direct',
    source: `${direct('Beef (beef herd)')}；奶牛群牛肉为 33.3，可由供应商按 L3 覆盖`,
    typicalWeightGrams: { serving: 100 },
  },
  {
    id: 'lamb',
    name: '羊肉',
    aliases: ['羊排', '羊肉片', '羊腿肉', '羊肉串'],
    factor: LAMB_MUTTON,
    category: 'meat',
    basis: 'direct',
    source: direct('Lamb & Mutton'),
    typicalWeightGrams: { serving: 100 },
  },
  // ── poultry ──
  {
    id: 'chicken',
    name: '鸡肉',
    aliases: ['鸡胸肉', '鸡腿肉', '鸡腿', '鸡翅', '鸡丁', '鸡块', '整鸡', '鸡'],
    factor: POULTRY_MEAT,
    category: 'poultry',
    basis: 'direct',
    source: direct('Poultry Meat'),
    typicalWeightGrams: { serving: 150 },
  },
  {
    id: 'duck',
    name: '鸭肉',
    aliases: ['鸭子', '鸭腿', '鸭'],
    factor: POULTRY_MEAT,
    category: 'poultry',
    basis: 'proxy',
    source: proxy('Poultry Meat', '研究的禽肉类别以鸡肉为主，鸭肉无单列数据'),
    typicalWeightGrams: { serving: 150 },
  },
  // ── seafood ──
  {
    id: 'shrimp',
    name: '虾',
    aliases: ['虾仁', '大虾', '基围虾', '对虾', '鲜虾'],
    factor: PRAWNS_FARMED,
    category: 'seafood',
    basis: 'direct',
    source: direct('Prawns (farmed)'),
    typicalWeightGrams: { piece: 15, serving: 150 },
  },
  {
    id: 'fish',
    name: '鱼',
    aliases: ['鱼肉', '鱼片', '鱼柳', '草鱼', '鲈鱼', '鲫鱼', '鲤鱼', '罗非鱼', '鱼块'],
    factor: FISH_FARMED,
    category: 'seafood',
    basis: 'direct',
    source: `${direct('Fish (farmed)')}（国内食用鱼以养殖为主）`,
    typicalWeightGrams: { piece: 500, serving: 200 },
  },
  // ── eggs & dairy ──
  {
    id: 'egg',
    name: '鸡蛋',
    aliases: ['蛋', '土鸡蛋', '蛋液', '全蛋'],
    factor: EGGS,
    category: 'egg_dairy',
    basis: 'direct',
    source: direct('Eggs'),
    typicalWeightGrams: { piece: 50, serving: 100 },
  },
  {
    id: 'milk',
    name: '牛奶',
    aliases: ['鲜奶', '纯牛奶', '全脂牛奶', '鲜牛奶'],
    factor: MILK,
    category: 'egg_dairy',
    basis: 'direct',
    source: direct('Milk'),
    typicalWeightGrams: { serving: 250 },
    densityKgPerL: 1.03,
  },
  {
    id: 'yogurt',
    name: '酸奶',
    aliases: ['酸牛奶'],
    factor: MILK,
    category: 'egg_dairy',
    basis: 'proxy',
    source: proxy('Milk', '原味酸奶约 1 kg 牛奶制 1 kg 酸奶，研究未单列'),
    typicalWeightGrams: { serving: 150 },
    densityKgPerL: 1.05,
  },
  {
    id: 'cheese',
    name: '奶酪',
    aliases: ['芝士', '干酪', '马苏里拉'],
    factor: CHEESE,
    category: 'egg_dairy',
    basis: 'direct',
    source: direct('Cheese'),
  },
  // ── grains ──
  {
    id: 'rice',
    name: '大米',
    aliases: ['生米', '白米', '粳米', '籼米', '糯米', '米'],
    factor: RICE,
    category: 'grain',
    basis: 'direct',
    source: direct('Rice'),
    typicalWeightGrams: { serving: 100 },
  },
  {
    id: 'cooked_rice',
    name: '米饭',
    aliases: ['白米饭', '熟米饭', '白饭'],
    factor: RICE / COOKED_RICE_YIELD,
    category: 'grain',
    basis: 'derived',
    source: `${direct('Rice')} ÷ 2.5（估计：1 kg 生米约蒸成 2.5 kg 米饭，厨房经验范围 2.2–2.8）`,
    typicalWeightGrams: { serving: 200 },
  },
  {
    id: 'wheat_flour',
    name: '面粉',
    aliases: ['小麦粉', '中筋面粉', '高筋面粉', '低筋面粉', '面条', '挂面', '干面条', '生面条', '面皮', '饺子皮', '馄饨皮'],
    factor: WHEAT_RYE,
    category: 'grain',
    basis: 'direct',
    source: `${direct('Wheat & Rye')}（面条、面皮按面粉重量计，湿面含水会被高估，偏保守）`,
    typicalWeightGrams: { serving: 100 },
  },
  {
    id: 'corn',
    name: '玉米',
    aliases: ['玉米粒', '甜玉米', '玉米棒'],
    factor: MAIZE,
    category: 'grain',
    basis: 'direct',
    source: direct('Maize'),
    typicalWeightGrams: { piece: 200, serving: 150 },
  },
  {
    id: 'starch',
    name: '淀粉',
    aliases: ['生粉', '玉米淀粉', '芡粉', '土豆淀粉'],
    factor: MAIZE,
    category: 'grain',
    basis: 'proxy',
    source: proxy('Maize', '研究无淀粉类别；用量通常不足 10 g'),
  },
  {
    id: 'oats',
    name: '燕麦',
    aliases: ['燕麦片', '燕麦米'],
    factor: OATMEAL,
    category: 'grain',
    basis: 'direct',
    source: direct('Oatmeal'),
    typicalWeightGrams: { serving: 50 },
  },
  // ── legumes ──
  {
    id: 'tofu',
    name: '豆腐',
    aliases: ['嫩豆腐', '老豆腐', '北豆腐', '南豆腐', '内酯豆腐'],
    factor: TOFU,
    category: 'legume',
    basis: 'direct',
    source: direct('Tofu'),
    typicalWeightGrams: { piece: 300, serving: 200 },
  },
  {
    id: 'soy_milk',
    name: '豆浆',
    aliases: ['豆奶'],
    factor: SOY_MILK,
    category: 'legume',
    basis: 'direct',
    source: direct('Soymilk'),
    typicalWeightGrams: { serving: 250 },
  },
  {
    id: 'peas',
    name: '豌豆',
    aliases: ['青豆', '豌豆粒', '荷兰豆'],
    factor: PEAS,
    category: 'legume',
    basis: 'direct',
    source: `${direct('Peas')}（荷兰豆为豆荚，按豌豆计）`,
    typicalWeightGrams: { serving: 150 },
  },
  {
    id: 'soybean',
    name: '黄豆',
    aliases: ['大豆', '毛豆', '黑豆'],
    factor: OTHER_PULSES,
    category: 'legume',
    basis: 'proxy',
    source: proxy('Other Pulses', '研究未单列整粒大豆'),
    typicalWeightGrams: { serving: 100 },
  },
  {
    id: 'other_pulses',
    name: '绿豆',
    aliases: ['红豆', '赤小豆', '蚕豆', '芸豆', '鹰嘴豆'],
    factor: OTHER_PULSES,
    category: 'legume',
    basis: 'direct',
    source: direct('Other Pulses'),
    typicalWeightGrams: { serving: 50 },
  },
  {
    id: 'bean_sprouts',
    name: '豆芽',
    aliases: ['绿豆芽', '黄豆芽'],
    factor: OTHER_VEGETABLES,
    category: 'vegetable',
    basis: 'proxy',
    source: proxy('Other Vegetables', '豆芽含水 90% 以上，按鲜菜计'),
    typicalWeightGrams: { serving: 200 },
  },
  // ── vegetables ──
  {
    id: 'potato',
    name: '土豆',
    aliases: ['马铃薯', '洋芋', '土豆丝', '土豆片'],
    factor: POTATOES,
    category: 'vegetable',
    basis: 'direct',
    source: direct('Potatoes'),
    typicalWeightGrams: { piece: 200, serving: 200 },
  },
  {
    id: 'tomato',
    name: '番茄',
    aliases: ['西红柿', '圣女果', '小番茄'],
    factor: TOMATOES,
    category: 'vegetable',
    basis: 'direct',
    source: direct('Tomatoes'),
    typicalWeightGrams: { piece: 150, serving: 200 },
  },
  {
    id: 'chinese_cabbage',
    name: '白菜',
    aliases: ['大白菜', '娃娃菜', '卷心菜', '包菜', '圆白菜', '甘蓝'],
    factor: BRASSICAS,
    category: 'vegetable',
    basis: 'direct',
    source: direct('Brassicas'),
    typicalWeightGrams: { serving: 250 },
  },
  {
    id: 'leafy_greens',
    name: '青菜',
    aliases: ['小白菜', '上海青', '油菜', '菜心', '芥兰', '芥蓝'],
    factor: BRASSICAS,
    category: 'vegetable',
    basis: 'direct',
    source: `${direct('Brassicas')}（均为芸薹属）`,
    typicalWeightGrams: { serving: 250 },
  },
  {
    id: 'broccoli',
    name: '西兰花',
    aliases: ['西蓝花', '花椰菜', '菜花', '花菜'],
    factor: BRASSICAS,
    category: 'vegetable',
    basis: 'direct',
    source: direct('Brassicas'),
    typicalWeightGrams: { piece: 400, serving: 250 },
  },
  {
    id: 'onion',
    name: '洋葱',
    aliases: ['紫洋葱', '白洋葱', '圆葱'],
    factor: ONIONS_LEEKS,
    category: 'vegetable',
    basis: 'direct',
    source: direct('Onions & Leeks'),
    typicalWeightGrams: { piece: 200 },
  },
  {
    id: 'scallion',
    name: '大葱',
    aliases: ['葱', '小葱', '香葱', '葱花', '葱段', '京葱', '韭菜'],
    factor: ONIONS_LEEKS,
    category: 'vegetable',
    basis: 'direct',
    source: `${direct('Onions & Leeks')}（韭菜同属葱属，按此类别计）`,
    typicalWeightGrams: { piece: 100 },
  },
  {
    id: 'garlic',
    name: '大蒜',
    aliases: ['蒜', '蒜头', '蒜末', '蒜蓉', '蒜瓣', '蒜苗', '蒜薹'],
    factor: ONIONS_LEEKS,
    category: 'vegetable',
    basis: 'proxy',
    source: proxy('Onions & Leeks', '同为葱属，研究未单列大蒜'),
    // "个" means a whole bulb; cloves have no unit here on purpose (瓣 is refused).
    typicalWeightGrams: { piece: 40 },
  },
  {
    id: 'ginger',
    name: '姜',
    aliases: ['生姜', '姜片', '姜丝', '姜末', '老姜'],
    factor: ROOT_VEGETABLES,
    category: 'vegetable',
    basis: 'proxy',
    source: proxy('Root Vegetables', '姜为根茎，研究未单列'),
    typicalWeightGrams: { piece: 20 },
  },
  {
    id: 'carrot',
    name: '胡萝卜',
    aliases: ['红萝卜'],
    factor: ROOT_VEGETABLES,
    category: 'vegetable',
    basis: 'direct',
    source: direct('Root Vegetables'),
    typicalWeightGrams: { piece: 150, serving: 200 },
  },
  {
    id: 'radish',
    name: '白萝卜',
    aliases: ['萝卜', '青萝卜'],
    factor: ROOT_VEGETABLES,
    category: 'vegetable',
    basis: 'direct',
    source: direct('Root Vegetables'),
    typicalWeightGrams: { serving: 250 },
  },
  {
    id: 'sweet_potato',
    name: '红薯',
    aliases: ['地瓜', '番薯', '紫薯'],
    factor: ROOT_VEGETABLES,
    category: 'vegetable',
    basis: 'proxy',
    source: proxy('Root Vegetables', '研究未单列甘薯'),
    typicalWeightGrams: { piece: 250, serving: 200 },
  },
  {
    id: 'lotus_root',
    name: '莲藕',
    aliases: ['藕', '藕片'],
    factor: ROOT_VEGETABLES,
    category: 'vegetable',
    basis: 'proxy',
    source: proxy('Root Vegetables', '藕为根茎，研究未单列'),
    typicalWeightGrams: { serving: 200 },
  },
  {
    id: 'eggplant',
    name: '茄子',
    aliases: ['长茄子', '圆茄子', '紫茄子'],
    factor: OTHER_VEGETABLES,
    category: 'vegetable',
    basis: 'proxy',
    source: proxy('Other Vegetables', '研究未单列茄子'),
    typicalWeightGrams: { piece: 250, serving: 250 },
  },
  {
    id: 'cucumber',
    name: '黄瓜',
    aliases: ['青瓜'],
    factor: OTHER_VEGETABLES,
    category: 'vegetable',
    basis: 'proxy',
    source: proxy('Other Vegetables', '研究未单列黄瓜；温室种植时会被低估'),
    typicalWeightGrams: { piece: 200, serving: 200 },
  },
  {
    id: 'bell_pepper',
    name: '青椒',
    aliases: ['彩椒', '甜椒', '灯笼椒', '尖椒', '红椒', '杭椒'],
    factor: OTHER_VEGETABLES,
    category: 'vegetable',
    basis: 'proxy',
    source: proxy('Other Vegetables', '研究未单列辣椒类'),
    typicalWeightGrams: { piece: 100, serving: 200 },
  },
  {
    id: 'chili',
    name: '辣椒',
    aliases: ['小米辣', '朝天椒', '小辣椒', '鲜辣椒', '红辣椒'],
    factor: OTHER_VEGETABLES,
    category: 'vegetable',
    basis: 'proxy',
    source: proxy('Other Vegetables', '按鲜辣椒计；干辣椒失水后每千克排放更高，请按克另列'),
    typicalWeightGrams: { piece: 10 },
  },
  {
    id: 'mushroom',
    name: '蘑菇',
    aliases: ['香菇', '鲜香菇', '平菇', '口蘑', '金针菇', '杏鲍菇', '菌菇'],
    factor: OTHER_VEGETABLES,
    category: 'vegetable',
    basis: 'proxy',
    source: proxy('Other Vegetables', '研究未单列食用菌'),
    typicalWeightGrams: { piece: 20, serving: 200 },
  },
  {
    id: 'wood_ear',
    name: '木耳',
    aliases: ['黑木耳', '泡发木耳'],
    factor: OTHER_VEGETABLES,
    category: 'vegetable',
    basis: 'proxy',
    source: proxy('Other Vegetables', '按泡发后重量计；研究未单列食用菌'),
    typicalWeightGrams: { serving: 100 },
  },
  {
    id: 'spinach',
    name: '菠菜',
    aliases: [],
    factor: OTHER_VEGETABLES,
    category: 'vegetable',
    basis: 'proxy',
    source: proxy('Other Vegetables', '研究未单列叶菜'),
    typicalWeightGrams: { serving: 250 },
  },
  {
    id: 'lettuce',
    name: '生菜',
    aliases: ['油麦菜', '莴苣叶', '球生菜'],
    factor: OTHER_VEGETABLES,
    category: 'vegetable',
    basis: 'proxy',
    source: proxy('Other Vegetables', '研究未单列叶菜'),
    typicalWeightGrams: { serving: 200 },
  },
  {
    id: 'celery',
    name: '芹菜',
    aliases: ['西芹', '香芹'],
    factor: OTHER_VEGETABLES,
    category: 'vegetable',
    basis: 'proxy',
    source: proxy('Other Vegetables', '研究未单列芹菜'),
    typicalWeightGrams: { serving: 200 },
  },
  {
    id: 'green_beans',
    name: '四季豆',
    aliases: ['豆角', '长豆角', '扁豆', '芸豆角'],
    factor: OTHER_VEGETABLES,
    category: 'vegetable',
    basis: 'proxy',
    source: proxy('Other Vegetables', '鲜豆荚按蔬菜计，不按干豆计'),
    typicalWeightGrams: { serving: 250 },
  },
  {
    id: 'pumpkin',
    name: '南瓜',
    aliases: ['老南瓜', '贝贝南瓜'],
    factor: OTHER_VEGETABLES,
    category: 'vegetable',
    basis: 'proxy',
    source: proxy('Other Vegetables', '研究未单列瓜类'),
    typicalWeightGrams: { serving: 250 },
  },
  // ── fruit ──
  {
    id: 'apple',
    name: '苹果',
    aliases: [],
    factor: APPLES,
    category: 'fruit',
    basis: 'direct',
    source: direct('Apples'),
    typicalWeightGrams: { piece: 200 },
  },
  {
    id: 'banana',
    name: '香蕉',
    aliases: [],
    factor: BANANAS,
    category: 'fruit',
    basis: 'direct',
    source: direct('Bananas'),
    typicalWeightGrams: { piece: 120 },
  },
  {
    id: 'citrus',
    name: '橙子',
    aliases: ['橙', '橘子', '柑橘', '柠檬', '柚子', '青柠'],
    factor: CITRUS,
    category: 'fruit',
    basis: 'direct',
    source: direct('Citrus Fruit'),
    typicalWeightGrams: { piece: 150 },
  },
  {
    id: 'berries_grapes',
    name: '葡萄',
    aliases: ['草莓', '蓝莓', '提子'],
    factor: BERRIES_GRAPES,
    category: 'fruit',
    basis: 'direct',
    source: direct('Berries & Grapes'),
  },
  {
    id: 'other_fruit',
    name: '其他水果',
    aliases: ['西瓜', '哈密瓜', '芒果', '菠萝', '梨', '桃子', '猕猴桃'],
    factor: OTHER_FRUIT,
    category: 'fruit',
    basis: 'direct',
    source: direct('Other Fruit'),
  },
  // ── nuts & seeds ──
  {
    id: 'peanut',
    name: '花生',
    aliases: ['花生米', '花生仁'],
    factor: GROUNDNUTS,
    category: 'nut_seed',
    basis: 'direct',
    source: direct('Groundnuts'),
  },
  {
    id: 'sesame',
    name: '芝麻',
    aliases: ['白芝麻', '黑芝麻', '芝麻酱'],
    factor: GROUNDNUTS,
    category: 'nut_seed',
    basis: 'proxy',
    source: proxy('Groundnuts', '同为油料作物，研究未单列芝麻'),
  },
  {
    id: 'tree_nuts',
    name: '坚果',
    aliases: ['核桃', '杏仁', '腰果', '松子', '开心果', '榛子'],
    factor: NUTS,
    category: 'nut_seed',
    basis: 'direct',
    source: direct('Nuts'),
  },
  // ── oils (not in ghg-per-kg-poore; see header) ──
  {
    id: 'cooking_oil',
    name: '食用油',
    aliases: ['花生油', '大豆油', '菜籽油', '色拉油', '植物油', '调和油', '玉米油', '葵花籽油', '油'],
    factor: SUNFLOWER_OIL,
    category: 'oil',
    basis: 'proxy',
    source: `${PN_CHART}: 代理类别 proxy "Sunflower Oil" 3.6，国内常用油（大豆/菜籽/花生油）无同口径数值`,
    densityKgPerL: 0.92,
  },
  {
    id: 'sesame_oil',
    name: '香油',
    aliases: ['芝麻油', '麻油'],
    factor: SUNFLOWER_OIL,
    category: 'oil',
    basis: 'proxy',
    source: `${PN_CHART}: 代理类别 proxy "Sunflower Oil" 3.6，研究未单列芝麻油`,
    densityKgPerL: 0.92,
  },
  {
    id: 'olive_oil',
    name: '橄榄油',
    aliases: [],
    factor: OLIVE_OIL,
    category: 'oil',
    basis: 'direct',
    source: `${PN_CHART}: Olive Oil 5.7`,
    densityKgPerL: 0.91,
  },
  // ── condiments ──
  {
    id: 'soy_sauce',
    name: '酱油',
    aliases: ['生抽', '老抽', '味极鲜', '蒸鱼豉油'],
    factor: SOY_MILK,
    category: 'condiment',
    basis: 'proxy',
    source: proxy('Soymilk', '酱油为大豆小麦酿造的稀释液体，取同为稀释豆制品的豆浆；密度 1.15 为估计'),
    densityKgPerL: 1.15,
  },
  {
    id: 'doubanjiang',
    name: '豆瓣酱',
    aliases: ['郫县豆瓣', '辣豆瓣酱', '黄豆酱', '豆豉'],
    factor: OTHER_PULSES,
    category: 'condiment',
    basis: 'proxy',
    source: proxy('Other Pulses', '豆瓣酱以蚕豆发酵而成'),
  },
  {
    id: 'sugar',
    name: '白糖',
    aliases: ['糖', '白砂糖', '冰糖', '绵白糖', '红糖', '砂糖'],
    factor: CANE_SUGAR,
    category: 'condiment',
    basis: 'direct',
    source: `${direct('Cane Sugar')}（国产食糖以甘蔗糖为主；甜菜糖为 1.81）`,
  },
  {
    id: 'vinegar',
    name: '醋',
    aliases: ['陈醋', '香醋', '米醋', '白醋'],
    factor: WINE,
    category: 'condiment',
    basis: 'proxy',
    source: proxy('Wine', '醋为粮食发酵液体，研究未单列'),
  },
  {
    id: 'cooking_wine',
    name: '料酒',
    aliases: ['黄酒', '绍兴酒', '花雕酒'],
    factor: WINE,
    category: 'condiment',
    basis: 'proxy',
    source: proxy('Wine', '黄酒为粮食酿造酒，研究只有葡萄酒'),
  },
  {
    id: 'salt',
    name: '盐',
    aliases: ['食盐', '精盐', '海盐'],
    factor: 0.2,
    category: 'condiment',
    basis: 'estimate',
    source: '估计值（数量级）：研究未覆盖食盐；制盐主要为蒸发/开采能耗。每份用量通常 ≤5 g，对结果影响 <0.001 kg',
  },
  // ── beverages & others ──
  {
    id: 'coffee',
    name: '咖啡豆',
    aliases: ['咖啡', '咖啡粉'],
    factor: COFFEE,
    category: 'beverage',
    basis: 'direct',
    source: `${direct('Coffee')}（按咖啡豆重量计，不按冲好的咖啡液计）`,
  },
  {
    id: 'wine',
    name: '葡萄酒',
    aliases: ['红酒', '白葡萄酒'],
    factor: WINE,
    category: 'beverage',
    basis: 'direct',
    source: direct('Wine'),
    densityKgPerL: 0.99,
  },
  {
    id: 'dark_chocolate',
    name: '巧克力',
    aliases: ['黑巧克力'],
    factor: DARK_CHOCOLATE,
    category: 'other',
    basis: 'direct',
    source: direct('Dark Chocolate'),
  },
  {
    id: 'water',
    name: '水',
    aliases: ['清水', '开水', '饮用水', '冰块'],
    factor: 0,
    category: 'other',
    basis: 'estimate',
    source: '估计值：自来水供水排放约 0.0003 kg CO₂e/kg，可忽略，记为 0（加热能耗计入烹饪方式）',
  },
];

const INDEX: ReadonlyMap<string, EmissionFactor> = buildIndex(EMISSION_FACTORS);

function buildIndex(rows: readonly EmissionFactor[]): Map<string, EmissionFactor> {
  const index = new Map<string, EmissionFactor>();
  for (const row of rows) {
    for (const key of [row.id, row.name, ...row.aliases].map(lookupKey)) {
      // A name shared by two rows would make the result depend on table order: refuse at load.
      const existing = index.get(key);
      if (existing && existing !== row) throw new Error(`emission factor key "${key}" is used by both ${existing.id} and ${row.id}`);
      index.set(key, row);
    }
  }
  return index;
}

/** Finds a row by Chinese name, alias or English id; tolerant of blanks and full-width forms. */
export function findEmissionFactor(name: string): EmissionFactor | undefined {
  return INDEX.get(lookupKey(name));
}
