/**
 * The smallest login UI built on Ory Elements, as its README shows it: read `?flow=`, fetch the flow
 * from the identity server with @ory/client-fetch (credentials included: the CSRF cookie), render
 * Elements' <Login>. Without a flow id it starts one at the server, which sends the browser back here.
 * Bundled by test/support/ory-elements/bundle.ts; the server's public URL comes from index.html.
 */
import { Configuration, FrontendApi, type LoginFlow } from '@ory/client-fetch';
import { Login } from '@ory/elements-react/theme';
import '@ory/elements-react/theme/styles.css';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';

const sdkUrl = document.querySelector('meta[name="ory-sdk-url"]')!.getAttribute('content')!;
const here = `${window.location.origin}/login`;

const config = {
  sdk: { url: sdkUrl },
  project: {
    name: 'Olympus', default_redirect_url: `${window.location.origin}/welcome`, error_ui_url: `${window.location.origin}/error`,
    login_ui_url: here, registration_ui_url: `${sdkUrl}/self-service/registration/browser`, registration_enabled: true,
    recovery_ui_url: `${sdkUrl}/self-service/recovery/browser`, recovery_enabled: true,
    settings_ui_url: `${window.location.origin}/settings`, verification_ui_url: `${window.location.origin}/verification`, verification_enabled: true,
  },
};

const frontend = new FrontendApi(new Configuration({ basePath: sdkUrl, credentials: 'include', headers: { Accept: 'application/json' } }));

const LoginPage = () => {
  const [flow, setFlow] = useState<LoginFlow>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    const id = new URLSearchParams(window.location.search).get('flow');
    if (!id) {
      window.location.assign(`${sdkUrl}/self-service/login/browser`);
      return;
    }
    frontend.getLoginFlow({ id }).then(setFlow, (err: unknown) => setProblem(String(err)));
  }, []);
  if (problem) return <p role="alert" data-testid="page-problem">{problem}</p>;
  if (!flow) return <p>Loading…</p>;
  return <Login flow={flow} config={config} />;
};

createRoot(document.getElementById('root')!).render(<LoginPage />);
