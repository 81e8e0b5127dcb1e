import { z } from 'zod';
import { configProblems, ConfigSchemas, defineConfig, describeConfigProblems } from './config';

describe('configuration check', () => {
  const config = defineConfig({
    KEY: { schema: ConfigSchemas.masterKey(), description: 'k', secret: true },
    NAME: { schema: ConfigSchemas.text(), description: 'n' },
    LIMIT: { schema: z.coerce.number().int().optional(), description: 'l', whenAbsent: '5' },
  });

  it('names missing (absent or blank) and malformed variables, never their values', () => {
    const problems = configProblems(config, { KEY: 'c2VjcmV0', NAME: '  ', LIMIT: '7' });
    expect(problems).toEqual([
      { name: 'KEY', problem: 'invalid', reason: '必须是 32 字节的 base64' },
      { name: 'NAME', problem: 'missing' },
    ]);
    const message = describeConfigProblems('fn', problems);
    expect(message).toBe('云函数 fn 的配置不完整：缺少 NAME；格式不对 KEY（必须是 32 字节的 base64）。请在云函数的环境变量中设置（见 docs/configuration.md）');
    expect(message).not.toContain('c2VjcmV0');
  });

  it('accepts a complete configuration; optional variables may be absent', () => {
    expect(configProblems(config, { KEY: Buffer.alloc(32, 1).toString('base64'), NAME: 'x' })).toEqual([]);
  });
});
