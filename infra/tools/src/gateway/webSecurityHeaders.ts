/**
 * The web app's policy, sent with every file the gateway serves (issue 25). The session's token
 * is in localStorage, so one injected script would have it: scripts come from this origin only,
 * and the build needs nothing else (Vite emits no inline script; React and uPlot set styles
 * through the CSSOM, which CSP does not govern). No page may frame the shop (clickjacking).
 * /api/docs is query-api's, proxied as it answers, with a CSP of its own (apiDocsRoutes.ts).
 */
export const WEB_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    // Same origin covers Socket.IO's websocket (ws: and wss: match 'self' in CSP 3).
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
  // For browsers that predate frame-ancestors.
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};
