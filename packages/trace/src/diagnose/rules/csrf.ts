/**
 * A CSRF violation at the login submit (seed 003): the identity server checks that the form's
 * csrf_token equals the one its CSRF cookie carries (docs/troubleshooting/security_csrf_violation.md).
 * Which half failed tells the cause: no cookie (another site, SameSite, the form served from another
 * origin), no token (a custom form without the hidden input), or two halves of different flows.
 */
import type { TraceEvent } from '../../event.ts';
import { flagAt, shown, textAt, textsAt } from '../read-evidence.ts';
import { failure, line, type FailureRule } from '../rule.ts';

/** Names of the cookies the request carried; the contract puts them beside `csrf` or inside it. */
const cookiesReceived = (event: TraceEvent): string[] | undefined => textsAt(event, 'cookies_received') ?? textsAt(event, 'csrf.cookies_received');

/** The Origin the form was posted from and the public origin, inside `csrf` or beside it (`csrf_origin_sent`). */
const origin = (event: TraceEvent, which: 'sent' | 'expected'): string | undefined =>
  textAt(event, `csrf.origin_${which}`) ?? textAt(event, `csrf_origin_${which}`);

const originLines = (event: TraceEvent) => [
  line('origin sent', shown(origin(event, 'sent'))),
  line('origin expected', shown(origin(event, 'expected'))),
  line('cookies received', shown(cookiesReceived(event))),
];

const halfLines = (event: TraceEvent) => [
  line('CSRF cookie present', shown(flagAt(event, 'csrf.cookie_present'))),
  line('csrf_token present', shown(flagAt(event, 'csrf.token_present'))),
  line('token equals cookie', shown(flagAt(event, 'csrf.equal'))),
];

/** Why the browser did not send the cookie, from what the request showed. */
const whyNoCookie = (event: TraceEvent): string => {
  const [sent, expected] = [origin(event, 'sent'), origin(event, 'expected')];
  if (sent !== undefined && expected !== undefined && sent !== expected) return `the form was posted from ${sent}, but Olympus' public origin is ${expected}: the cookie belongs to ${expected}`;
  if (cookiesReceived(event)?.length === 0) return 'the request carried no cookie at all: a cross-site post (SameSite=Lax), a private window or blocked cookies';
  return 'the browser held no CSRF cookie for this flow: the flow was started in another browser, or the cookie expired or was cleared';
};

export const csrfViolation: FailureRule = (event) => {
  if (event.stop !== 'login_submitted' || event.outcome === 'ok') return undefined;
  const [cookie, token, equal] = [flagAt(event, 'csrf.cookie_present'), flagAt(event, 'csrf.token_present'), flagAt(event, 'csrf.equal')];
  const evidence = [...halfLines(event), ...originLines(event)];
  if (cookie === false) {
    const why = whyNoCookie(event);
    return failure(event, 'csrf_cookie_missing', {
      summary: `The login form came back without the CSRF cookie: ${why}.`, evidence,
      fix: 'Serve the login UI from the origin of `serve.public.base_url` (or the same site) and open the app on the same host name (localhost and 127.0.0.1 are different sites); post the form to the origin that set the cookie, and start the flow in the browser that submits it.',
    });
  }
  if (token === false) {
    return failure(event, 'csrf_token_missing', {
      summary: 'The login form was submitted without a csrf_token field.', evidence,
      fix: 'Render the hidden input `csrf_token` of the flow\'s ui.nodes (GET /self-service/login/flows?id=…) in the custom form and post it with the credentials; a native or server-side client uses the api flow (/self-service/login/api), which needs no CSRF token.',
    });
  }
  if (equal === false) {
    return failure(event, 'csrf_token_mismatch', {
      summary: 'The form\'s csrf_token does not match the CSRF cookie: they belong to different flows or browsers.', evidence,
      fix: 'Fetch the flow with the browser\'s own cookies (a server-rendered UI must forward the Cookie header to GET /self-service/login/flows), never cache the rendered form, and start a new flow after the cookie changed (another tab, a new browser session).',
    });
  }
  return undefined;
};
