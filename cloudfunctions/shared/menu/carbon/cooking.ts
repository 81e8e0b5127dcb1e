/**
 * Cooking energy, kg CO₂e added per kg of dish (raw ingredient mass). These are stated
 * estimates, not measurements: no public dataset gives per-method energy for Chinese commercial
 * kitchens. Each value is fuel energy per kg × an emission factor, rounded to one decimal
 * because the inputs are not known better than that.
 *
 * Emission factors used:
 * - natural gas: 0.056 kg CO₂/MJ — IPCC 2006 Guidelines, Vol. 2, default 56 100 kg CO₂/TJ
 *   (combustion only; upstream methane leakage not included);
 * - electricity: 0.57 kg CO₂/kWh — 2022 national grid average 0.5703 t CO₂/MWh published by the
 *   Ministry of Ecology and Environment (生态环境部).
 * Gas wok/steamer burner efficiency ≈ 30 % (estimate; commercial Chinese burners commonly 20–40 %).
 *
 * Arithmetic (fuel MJ or kWh per kg of dish → × factor → rounded):
 * - stir_fried: heat 20→100 °C at 3.5 kJ/(kg·K) = 0.28 MJ + evaporate ~10 % water 0.1 × 2.26 = 0.23 MJ
 *   ≈ 0.5 MJ useful ÷ 0.3 ≈ 1.7 MJ → × 0.056 = 0.095 → 0.1
 * - pan_fried: longer contact than stir-frying, ≈ 2 MJ → 0.112 → 0.1
 * - steamed: steam raised for 15–20 min, ≈ 3 MJ → 0.168 → 0.2
 * - boiled: ~3 kg water per kg food 20→100 °C = 1.0 MJ + food 0.28 MJ, ÷ 0.3 ≈ 4 MJ → 0.224 → 0.2
 * - deep_fried: ~3 kg oil per kg food heated 160 K at 2.0 kJ/(kg·K) ≈ 1.0 MJ + moisture 0.3 × 2.26 = 0.7 MJ
 *   = 1.7 MJ useful ÷ 0.3 ≈ 5.7 MJ → 0.319 → 0.3 (oil absorbed by the food is an ingredient, not counted here)
 * - braised: 30–45 min simmer ≈ 5 MJ → 0.28 → 0.3
 * - stewed: 1–2 h simmer ≈ 7 MJ → 0.392 → 0.4
 * - grilled / baked: electric oven ≈ 3 kW × 1 h incl. preheat for a 4–5 kg batch ≈ 0.7 kWh/kg
 *   → × 0.57 = 0.399 → 0.4
 * - raw: no heat → 0
 * - unspecified: a dish whose method is not given gets 0.2, the middle of the heated methods,
 *   so that leaving the field empty never makes a dish look better than stir-frying it.
 */
import { CarbonCalculationError } from './errors';
import { lookupKey } from './lookup-key';

export const COOKING_METHODS = [
  'raw',
  'stir_fried',
  'pan_fried',
  'steamed',
  'boiled',
  'deep_fried',
  'braised',
  'stewed',
  'grilled',
  'baked',
  'unspecified',
] as const;
export type CookingMethod = (typeof COOKING_METHODS)[number];

export interface CookingFactor {
  method: CookingMethod;
  name: string;
  /** kg CO₂e per kg of dish */
  factor: number;
  aliases: readonly string[];
}

const GAS = '估计：燃气 0.056 kg CO₂/MJ（IPCC 2006 缺省值），炉具热效率约 30%';
const ELECTRIC = '估计：电网 0.57 kg CO₂/kWh（生态环境部 2022 年全国电网平均排放因子 0.5703）';
export const COOKING_SOURCE: Readonly<Record<CookingMethod, string>> = {
  raw: '不加热',
  stir_fried: `${GAS}；约 1.7 MJ/kg`,
  pan_fried: `${GAS}；约 2 MJ/kg`,
  steamed: `${GAS}；约 3 MJ/kg`,
  boiled: `${GAS}；约 4 MJ/kg`,
  deep_fried: `${GAS}；约 5.7 MJ/kg`,
  braised: `${GAS}；约 5 MJ/kg`,
  stewed: `${GAS}；约 7 MJ/kg`,
  grilled: `${ELECTRIC}；约 0.7 kWh/kg`,
  baked: `${ELECTRIC}；约 0.7 kWh/kg`,
  unspecified: '未提供烹饪方式：取加热方式的中间值，避免空缺使菜品显得更低碳',
};

export const COOKING_FACTORS: readonly CookingFactor[] = [
  { method: 'raw', name: '生食/凉拌', factor: 0, aliases: ['生食', '凉拌', '生', '冷盘'] },
  { method: 'stir_fried', name: '炒', factor: 0.1, aliases: ['炒', '清炒', '爆炒', '小炒', '干煸'] },
  { method: 'pan_fried', name: '煎', factor: 0.1, aliases: ['煎', '香煎', '生煎'] },
  { method: 'steamed', name: '蒸', factor: 0.2, aliases: ['蒸', '清蒸', '粉蒸'] },
  { method: 'boiled', name: '煮', factor: 0.2, aliases: ['煮', '水煮', '白灼', '汆', '涮'] },
  { method: 'deep_fried', name: '炸', factor: 0.3, aliases: ['炸', '油炸', '干炸', '酥炸'] },
  { method: 'braised', name: '红烧/焖', factor: 0.3, aliases: ['红烧', '焖', '烧', '干烧', '黄焖'] },
  { method: 'stewed', name: '炖/煲', factor: 0.4, aliases: ['炖', '煲', '卤', '煨', '清炖'] },
  { method: 'grilled', name: '烤', factor: 0.4, aliases: ['烤', '烧烤', '炭烤', '铁板'] },
  { method: 'baked', name: '烘焙/焗', factor: 0.4, aliases: ['烘焙', '焗', '烘烤'] },
  { method: 'unspecified', name: '未注明', factor: 0.2, aliases: ['未注明', '未知'] },
];

const UNSPECIFIED = COOKING_FACTORS[COOKING_FACTORS.length - 1];

const INDEX: ReadonlyMap<string, CookingFactor> = new Map(
  COOKING_FACTORS.flatMap((row) => [row.method, row.name, ...row.aliases].map((key) => [lookupKey(key), row] as const)),
);

/** Resolves an English id ("stir_fried") or Chinese name ("清炒"); `undefined` means not given. */
export function getCookingFactor(method: string | undefined): CookingFactor {
  if (method === undefined || method.trim() === '') return UNSPECIFIED;
  const row = INDEX.get(lookupKey(method));
  if (!row) throw new CarbonCalculationError('UNKNOWN_COOKING_METHOD', `未知的烹饪方式「${method}」，支持：${COOKING_METHODS.join('、')}`);
  return row;
}
