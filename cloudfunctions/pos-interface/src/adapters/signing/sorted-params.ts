/**
 * The "sort by parameter name, concatenate name+value" step that 客如云, 二维火 and 美团 all
 * use. Names are compared by UTF-16 code unit, which for the ASCII names these vendors use is
 * exactly the ASCII order their documents ask for (upper case before lower case).
 */
export type SignParams = Readonly<Record<string, string | number | null | undefined>>;

export function concatSortedParams(params: SignParams, options: { skipEmpty: boolean }): string {
  return Object.keys(params)
    .filter((name) => name !== 'sign')
    .filter((name) => !options.skipEmpty || !isEmpty(params[name]))
    .sort()
    .map((name) => `${name}${params[name] ?? ''}`)
    .join('');
}

function isEmpty(value: string | number | null | undefined): boolean {
  return value === undefined || value === null || value === '';
}
