/**
 * CloudBase database security rules ("安全规则", JSON form) as the emulator enforces them for
 * what the mini-program reads directly (db.watch). A rule is `true`, `false` or an expression:
 *
 *   doc.openid == auth.openid || doc.storeId in get('database.live_grants.' + auth.openid).storeIds
 *
 * Supported, as in CloudBase: `doc.<path>`, `auth.openid`, `now` (ms since the epoch), string / number / boolean / null
 * literals, `get('database.<collection>.<id>')` (reads one document; missing → null), member
 * access `.x` and `[expr]`, `+` (concatenation / addition), `==` `!=` `<` `<=` `>` `>=`, `in`
 * (element of an array, key of an object), `!`, `&&`, `||` and parentheses. Anything else is a
 * syntax error, so a rule the emulator cannot read is refused loudly instead of allowing.
 *
 * CloudBase checks a client query against the rule before running it ("查询条件须是安全规则的
 * 子集"): `queryAllowed` evaluates the rule with `doc` made of the query's own equality (and
 * `$in`) constraints, so a query that does not pin the fields the rule looks at is refused.
 */
export type RuleValue = unknown;
export type RuleNode = Node;

export interface RuleEnvironment {
  auth: { openid?: string };
  /** `now` in a rule: the current time in ms since the epoch */
  now: number;
  /** one document by collection and id, or null */
  get(collection: string, id: string): Record<string, unknown> | null;
}

type Node =
  | { kind: 'literal'; value: RuleValue }
  | { kind: 'name'; name: string }
  | { kind: 'member'; object: Node; property: Node }
  | { kind: 'call'; callee: string; argument: Node }
  | { kind: 'unary'; operator: '!'; operand: Node }
  | { kind: 'binary'; operator: string; left: Node; right: Node };

const TOKEN = /\s*(?:(\d+(?:\.\d+)?)|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|([A-Za-z_$][\w$]*)|(==|!=|<=|>=|&&|\|\||[<>!+.()[\]]))/y;

interface Token {
  type: 'number' | 'string' | 'ident' | 'op';
  text: string;
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(source);
    if (!match) throw new Error(`security rule syntax error at ${at}: ${source.slice(at, at + 20)}`);
    if (match[1] !== undefined) tokens.push({ type: 'number', text: match[1] });
    else if (match[2] !== undefined) tokens.push({ type: 'string', text: match[2].replace(/\\(.)/g, '$1') });
    else if (match[3] !== undefined) tokens.push({ type: 'string', text: match[3].replace(/\\(.)/g, '$1') });
    else if (match[4] !== undefined) tokens.push({ type: match[4] === 'in' ? 'op' : 'ident', text: match[4] });
    else tokens.push({ type: 'op', text: match[5] });
  }
  return tokens;
}

class Parser {
  private index = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  parse(): Node {
    const node = this.or();
    if (this.index < this.tokens.length) this.fail(`unexpected ${this.tokens[this.index].text}`);
    return node;
  }

  private fail(message: string): never {
    throw new Error(`security rule syntax error (${message}): ${this.source}`);
  }

  private peek(text: string): boolean {
    const token = this.tokens[this.index];
    return !!token && token.type === 'op' && token.text === text;
  }

  private take(text: string): boolean {
    if (!this.peek(text)) return false;
    this.index++;
    return true;
  }

  private or(): Node {
    let left = this.and();
    while (this.take('||')) left = { kind: 'binary', operator: '||', left, right: this.and() };
    return left;
  }

  private and(): Node {
    let left = this.unary();
    while (this.take('&&')) left = { kind: 'binary', operator: '&&', left, right: this.unary() };
    return left;
  }

  private unary(): Node {
    if (this.take('!')) return { kind: 'unary', operator: '!', operand: this.unary() };
    return this.comparison();
  }

  private comparison(): Node {
    const left = this.additive();
    for (const operator of ['==', '!=', '<=', '>=', '<', '>', 'in']) {
      if (this.take(operator)) return { kind: 'binary', operator, left, right: this.additive() };
    }
    return left;
  }

  private additive(): Node {
    let left = this.postfix();
    while (this.take('+')) left = { kind: 'binary', operator: '+', left, right: this.postfix() };
    return left;
  }

  private postfix(): Node {
    let node = this.primary();
    for (;;) {
      if (this.take('.')) {
        const token = this.tokens[this.index++];
        if (!token || token.type !== 'ident') this.fail('property name expected');
        node = { kind: 'member', object: node, property: { kind: 'literal', value: token.text } };
      } else if (this.take('[')) {
        const property = this.or();
        if (!this.take(']')) this.fail('] expected');
        node = { kind: 'member', object: node, property };
      } else return node;
    }
  }

  private primary(): Node {
    const token = this.tokens[this.index++];
    if (!token) this.fail('unexpected end');
    if (token.type === 'number') return { kind: 'literal', value: Number(token.text) };
    if (token.type === 'string') return { kind: 'literal', value: token.text };
    if (token.type === 'ident') {
      if (token.text === 'true' || token.text === 'false') return { kind: 'literal', value: token.text === 'true' };
      if (token.text === 'null') return { kind: 'literal', value: null };
      if (this.take('(')) {
        if (token.text !== 'get') this.fail(`unknown function ${token.text}`);
        const argument = this.or();
        if (!this.take(')')) this.fail(') expected');
        return { kind: 'call', callee: token.text, argument };
      }
      if (token.text !== 'doc' && token.text !== 'auth' && token.text !== 'now') this.fail(`unknown name ${token.text}`);
      return { kind: 'name', name: token.text };
    }
    if (token.text === '(') {
      const inner = this.or();
      if (!this.take(')')) this.fail(') expected');
      return inner;
    }
    return this.fail(`unexpected ${token.text}`);
  }
}

const compiled = new Map<string, Node>();

/** Parses a rule expression (cached); throws on a syntax error. */
export function compileRule(source: string): RuleNode {
  let node = compiled.get(source);
  if (!node) {
    node = new Parser(tokenize(source), source).parse();
    compiled.set(source, node);
  }
  return node;
}

function member(object: RuleValue, property: RuleValue): RuleValue {
  if (object === null || object === undefined || typeof object !== 'object') return undefined;
  const key = String(property);
  return Object.prototype.hasOwnProperty.call(object, key) ? (object as Record<string, unknown>)[key] : undefined;
}

function evaluate(node: Node, doc: Record<string, unknown>, env: RuleEnvironment): RuleValue {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'name':
      if (node.name === 'now') return env.now;
      return node.name === 'doc' ? doc : { openid: env.auth.openid };
    case 'member':
      return member(evaluate(node.object, doc, env), evaluate(node.property, doc, env));
    case 'call': {
      const path = evaluate(node.argument, doc, env);
      const match = typeof path === 'string' ? /^database\.([\w-]+)\.(.+)$/.exec(path) : null;
      return match ? env.get(match[1], match[2]) : null;
    }
    case 'unary':
      return !truthy(evaluate(node.operand, doc, env));
    case 'binary': {
      if (node.operator === '&&') return truthy(evaluate(node.left, doc, env)) && truthy(evaluate(node.right, doc, env));
      if (node.operator === '||') return truthy(evaluate(node.left, doc, env)) || truthy(evaluate(node.right, doc, env));
      const left = evaluate(node.left, doc, env);
      const right = evaluate(node.right, doc, env);
      switch (node.operator) {
        case '+':
          return typeof left === 'number' && typeof right === 'number' ? left + right : `${String(left ?? '')}${String(right ?? '')}`;
        case '==':
          return left !== undefined && left === right;
        case '!=':
          return left !== right;
        case 'in':
          if (left === undefined) return false;
          if (Array.isArray(right)) return right.includes(left);
          return right !== null && typeof right === 'object' && Object.prototype.hasOwnProperty.call(right, String(left));
        default:
          if (typeof left !== typeof right || (typeof left !== 'number' && typeof left !== 'string')) return false;
          return node.operator === '<'
            ? (left as number) < (right as number)
            : node.operator === '<='
              ? (left as number) <= (right as number)
              : node.operator === '>'
                ? (left as number) > (right as number)
                : (left as number) >= (right as number);
      }
    }
  }
}

function truthy(value: RuleValue): boolean {
  return value === true || (value !== false && value !== null && value !== undefined && value !== 0 && value !== '');
}

/** Whether `rule` lets the caller read this document. */
export function docAllowed(rule: boolean | string, doc: Record<string, unknown>, env: RuleEnvironment): boolean {
  if (typeof rule === 'boolean') return rule;
  return truthy(evaluate(compileRule(rule), doc, env));
}

const MAX_QUERY_VARIANTS = 64;

/**
 * Whether a query may run under `rule`: every document the query can match must be readable, so
 * the rule is evaluated on the query's constraints (`{ field: value }` and `{ field: { $in } }`,
 * dotted paths allowed); fields the query leaves open are unknown and fail the comparisons.
 */
export function queryAllowed(rule: boolean | string, where: Record<string, unknown>, env: RuleEnvironment): boolean {
  if (typeof rule === 'boolean') return rule;
  let variants: Record<string, unknown>[] = [{}];
  for (const [path, constraint] of Object.entries(where)) {
    const values =
      constraint !== null && typeof constraint === 'object' && Array.isArray((constraint as { $in?: unknown[] }).$in)
        ? (constraint as { $in: unknown[] }).$in
        : constraint !== null && typeof constraint === 'object'
          ? [undefined]
          : [constraint];
    variants = variants.flatMap((variant) => values.map((value) => withPath(variant, path, value)));
    if (variants.length > MAX_QUERY_VARIANTS) return false;
  }
  return variants.every((pseudo) => docAllowed(rule, pseudo, env));
}

function withPath(doc: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(doc);
  const parts = path.split('.');
  let cursor: Record<string, unknown> = copy;
  for (const part of parts.slice(0, -1)) {
    if (!cursor[part] || typeof cursor[part] !== 'object') cursor[part] = {};
    cursor = cursor[part] as Record<string, unknown>;
  }
  cursor[parts[parts.length - 1]] = value;
  return copy;
}
