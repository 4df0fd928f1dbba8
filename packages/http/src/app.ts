import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type RawRequestDefaultExpression } from 'fastify';
import type { HttpDeps, RegisterRoutes } from './deps.ts';
import { errorBody, registerErrorHandling, toOAuth2Error } from './errors.ts';
import { registerFormBody } from './form-body.ts';
import { registerJsonBody } from './json-body.ts';
import { registerNulRefusal } from './nul-in-url.ts';
import { JSON_BODY_LIMIT } from './body-limits.ts';
import { useKratosEnvelope } from './identity/envelope.ts';
import { registerTraceRequestScope } from './trace-request-scope.ts';
import { fixedResponseHeaders, REQUEST_ID_HEADER, registerResponseHeaders, requestIdFrom } from './security-headers.ts';
import { logsAt, requestLogger } from './request-logger.ts';
import { CorsOrigins, registerPublicCors } from './cors.ts';
import { addAdminPrefix, registerAdminGuard } from './admin-guard.ts';
import { isNavigation } from './navigation-constraint.ts';
import { registerHealthRoutes } from './health.ts';
import { registerMetricsRoutes } from './metrics-route.ts';
import { registerRequestObservation } from './observe.ts';
import { registerAuthorizeRoutes } from './public/authorize.ts';
import { registerDiscoveryRoutes } from './public/discovery.ts';
import { registerLogoutRoutes } from './public/logout.ts';
import { registerFallbackRoutes } from './public/fallbacks.ts';
import { registerTokenRoutes } from './public/token.ts';
import { registerRevokeRoutes } from './public/revoke.ts';
import { registerUserinfoRoutes } from './public/userinfo.ts';
import { registerChallengeRoutes } from './admin/challenges.ts';
import { registerPendingRequestRoutes } from './admin/pending-requests.ts';
import { registerSessionRoutes } from './admin/sessions.ts';
import { registerClientRoutes } from './admin/clients.ts';
import { registerKeyRoutes } from './admin/keys.ts';
import { registerIntrospectRoutes } from './admin/introspect.ts';
import { registerAuditEventRoutes } from './admin/audit-events.ts';
import { registerTraceEventRoutes } from './admin/trace-events.ts';
import { registerAdminCourierRoutes } from './identity/admin-courier.ts';
import { registerAdminIdentityRoutes } from './identity/admin-identities.ts';
import { registerSchemaRoutes } from './identity/schemas.ts';
import { registerLoginFlowRoutes } from './identity/login.ts';
import { registerOidcCallbackRoutes } from './identity/oidc-callback.ts';
import { registerRegistrationFlowRoutes } from './identity/registration.ts';
import { registerLogoutFlowRoutes } from './identity/logout.ts';
import { registerAdminSessionRoutes, registerMySessionRoutes } from './identity/sessions.ts';
import { registerWhoamiRoutes } from './identity/whoami.ts';
import { registerFlowErrorRoutes } from './identity/render.ts';
import { registerAdminRecoveryRoutes, registerRecoveryFlowRoutes } from './identity/recovery.ts';
import { registerVerificationFlowRoutes } from './identity/verification.ts';
import { registerSubmissionRateLimits } from './identity/rate-limit.ts';
import { registerSettingsFlowRoutes } from './identity/settings.ts';
import { registerSelfServiceCors } from './identity/self-service-cors.ts';
import { registerOpenApiDocument, withDocumentedRoutes, type DocumentInfo } from './openapi/document.ts';
import { registerResponseCheck, RESPONSE_CHECK_ENV } from './openapi/response-check.ts';
import { useRouteSchemas } from './openapi/validation.ts';

type RawRequest = RawRequestDefaultExpression;

const PUBLIC_ROUTES: readonly RegisterRoutes[] = [
  registerHealthRoutes, registerDiscoveryRoutes, registerAuthorizeRoutes, registerTokenRoutes, registerRevokeRoutes,
  registerUserinfoRoutes, registerLogoutRoutes, registerFallbackRoutes,
];
/** The identity server's public routes (Kratos' API): answered in Kratos' envelope (identity/envelope.ts). */
const PUBLIC_IDENTITY_ROUTES: readonly RegisterRoutes[] = [
  registerSubmissionRateLimits,
  registerSchemaRoutes,
  registerLoginFlowRoutes, registerRegistrationFlowRoutes, registerLogoutFlowRoutes, registerWhoamiRoutes, registerMySessionRoutes,
  registerOidcCallbackRoutes,
  registerFlowErrorRoutes,
  registerRecoveryFlowRoutes, registerVerificationFlowRoutes,
  registerSettingsFlowRoutes,
];
const ADMIN_ROUTES: readonly RegisterRoutes[] = [
  registerHealthRoutes, registerMetricsRoutes, registerClientRoutes, registerChallengeRoutes, registerSessionRoutes, registerKeyRoutes, registerIntrospectRoutes,
  registerAuditEventRoutes, registerTraceEventRoutes, registerPendingRequestRoutes,
];
const ADMIN_IDENTITY_ROUTES: readonly RegisterRoutes[] = [
  registerAdminCourierRoutes,
  registerAdminIdentityRoutes,
  registerAdminSessionRoutes,
  registerAdminRecoveryRoutes,
];

/** Identity routes in their own scope, so a request they cannot read is refused in Kratos' envelope. */
const identityRoutes = (routes: readonly RegisterRoutes[]): RegisterRoutes => (app, deps) => {
  void app.register(async (scope) => {
    useKratosEnvelope(scope);
    for (const register of routes) register(scope, deps);
  });
};

const base = (deps: HttpDeps, logger: FastifyBaseLogger, rewrite?: (req: RawRequest) => string): FastifyInstance => {
  const headers = { https: deps.ctx.config.urls.issuer.startsWith('https:'), nodeId: deps.ctx.config.serve.nodeId };
  const rendering = { exposeDebug: deps.ctx.config.oauth2.exposeDebug, docsBaseUrl: deps.ctx.config.serve.public.url.replace(/\/+$/, ''), traceErrors: deps.traceErrors };
  const app = Fastify({
    loggerInstance: logger,
    // One log line per decision, not two per request: the onResponse hook below logs at debug.
    logController: new LogController({ disableRequestLogging: true }),
    childLoggerFactory: requestLogger,
    genReqId: (req) => requestIdFrom(req.headers['x-request-id'], randomUUID),
    // The largest body of any media type (body-limits.ts); each parser sets its own.
    bodyLimit: JSON_BODY_LIMIT,
    // Behind a load balancer, the client's address and scheme from X-Forwarded-* of trusted hops only (docs/operations/deployment.md).
    trustProxy: deps.ctx.config.serve.trustedProxies.length > 0 ? deps.ctx.config.serve.trustedProxies : false,
    rewriteUrl: rewrite,
    // A URL Fastify cannot decode is answered before any hook runs: give it the request id and the
    // OAuth2 error shape here, like every other response (docs/architecture.md §5).
    frameworkErrors: (err, req, reply) => {
      const error = toOAuth2Error(err);
      const answer = (reply as FastifyReply).code(error.status).header(REQUEST_ID_HEADER, req.id).header('cache-control', 'no-store');
      for (const [name, value] of fixedResponseHeaders(headers)) answer.header(name, value);
      void answer.send(errorBody(error, rendering));
    },
  }) as unknown as FastifyInstance;
  registerResponseHeaders(app, headers);
  if (deps.ctx.trace !== undefined) registerTraceRequestScope(app);
  registerNulRefusal(app);
  registerJsonBody(app);
  registerFormBody(app);
  registerErrorHandling(app, rendering);
  // Route schemas validate requests and describe answers (docs/operations/openapi.md); the test suite checks answers against them.
  useRouteSchemas(app);
  if (process.env[RESPONSE_CHECK_ENV] === '1') registerResponseCheck(app);
  app.addHook('onResponse', (req, reply, done) => {
    // Checked first: the line's fields are built only when debug is on.
    if (logsAt(req.log, 'debug')) {
      req.log.debug({ method: req.method, url: req.url.split('?')[0], status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
    }
    done();
  });
  return app;
};

/** An origin's routes, in order, registered inside its OpenAPI document (openapi/document.ts). */
const registerOriginRoutes = (app: FastifyInstance, deps: HttpDeps, origin: 'public' | 'admin', routes: readonly RegisterRoutes[]): void => {
  const document: DocumentInfo = { origin, version: deps.version, baseUrl: deps.ctx.config.serve[origin].url };
  registerOpenApiDocument(app, document);
  withDocumentedRoutes(app, document, (root) => {
    for (const register of routes) register(root, deps);
  });
};

/** The public origin: everything a browser or an app talks to. */
export const buildPublicApp = (deps: HttpDeps, logger: FastifyBaseLogger, extra: readonly RegisterRoutes[] = []): FastifyInstance => {
  const app = base(deps, logger);
  registerRequestObservation(app, 'public', deps.recordRequest, deps.requestSpans);
  registerPublicCors(app, new CorsOrigins(deps.ctx));
  if (deps.identity !== undefined) registerSelfServiceCors(app, deps.identity.config);
  registerOriginRoutes(app, deps, 'public', [...PUBLIC_ROUTES, identityRoutes(PUBLIC_IDENTITY_ROUTES), ...extra]);
  return app;
};

/** The admin origin: loopback by default, never CORS-enabled, API keys when exposed. */
export const buildAdminApp = (deps: HttpDeps, logger: FastifyBaseLogger, extra: readonly RegisterRoutes[] = []): FastifyInstance => {
  // With the console on, a browser navigation to a legacy path (/clients) is its page, not the API.
  const consoleServed = deps.ctx.config.athena.enabled && deps.identity !== undefined;
  const app = base(deps, logger, (req) => addAdminPrefix(req.url ?? '/', () => consoleServed && isNavigation(req)));
  registerRequestObservation(app, 'admin', deps.recordRequest, deps.requestSpans);
  registerAdminGuard(app, deps.ctx.config.serve.admin.apiKeys);
  registerOriginRoutes(app, deps, 'admin', [...ADMIN_ROUTES, identityRoutes(ADMIN_IDENTITY_ROUTES), ...extra]);
  return app;
};
