import { AppError, defineRoute, parseJsonBody } from '../../../../shared/kit';
import { ACCESS_TOKEN_TTL_SECONDS, issueAccessToken } from '../../domain/access-token';
import { Errors } from '../../errors';
import { saveAccessToken } from '../../repositories/access-token-repository';
import { signedGuard } from './signed-guard';
import { TokenRequestSchema } from './contract';
import { runExchange } from './exchange';

/**
 * POST /v1/pos/oauth/token (client credentials). The signature is the client authentication,
 * so the token adds OAuth compatibility, not a second secret. Only its hash is stored.
 */
export const oauthTokenRoute = defineRoute({
  method: 'POST',
  path: '/v1/pos/oauth/token',
  summary: '获取访问令牌',
  guard: signedGuard(),
  handler: async (req, ctx, caller) =>
    runExchange('oauth.token', req, ctx, caller, async () => {
      const parsed = TokenRequestSchema.safeParse(parseJsonBody(req.rawBody));
      if (!parsed.success) throw new AppError(Errors.UNSUPPORTED_GRANT_TYPE, { details: { field: 'grant_type' } });
      const now = new Date();
      const { token, hash, expiresAt } = issueAccessToken(now);
      await saveAccessToken(hash, { integrationId: caller.integration._id, apiKey: caller.integration.apiKey, expiresAt, createdAt: now });
      return {
        result: { data: { access_token: token, token_type: 'Bearer', expires_in: ACCESS_TOKEN_TTL_SECONDS }, headers: { 'cache-control': 'no-store' } },
        counts: { total: 1, success: 1, failed: 0 },
      };
    }),
});
