/** Where the troubleshooting page of an error code is served (public origin, docs/troubleshooting/<code>.md). */
export const troubleshootingUrl = (docsBaseUrl: string, code: string): string =>
  `${docsBaseUrl}/docs/troubleshooting/${encodeURIComponent(code)}`;
