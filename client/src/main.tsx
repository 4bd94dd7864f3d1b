import './zod-config';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError, get, onUnauthenticated, post } from './api';
import { useRoute } from './router';
import type { LogoutResponse, SessionResponse, SessionUser } from '../../shared/schemas';
import { ErrorMessage, Loading, PageTitle } from './components/Feedback';
import { Layout } from './components/Layout';
import { Link } from './components/Link';
import { AdminCataloguePage } from './catalogue/AdminCataloguePage';
import { AdminSignalsPage } from './admin/AdminSignalsPage';
import { AdminMandatesPage } from './admin/AdminMandatesPage';
import { AdminUsersPage } from './admin/AdminUsersPage';
import { AdminSsoPage, FunctiePendingPage } from './admin/AdminSsoPage';
import { CasePage } from './cases/CasePage';
import { InboxPage } from './inbox/InboxPage';
import { IntervisionListPage } from './intervision/IntervisionListPage';
import { IntervisionSessionPage } from './intervision/IntervisionSessionPage';
import { ChangePasswordPage } from './auth/ChangePasswordPage';
import { LoginPage } from './auth/LoginPage';
import { KnelpuntenPage } from './knelpunten/KnelpuntenPage';
import { NewCasePage } from './cases/NewCasePage';
import { StuckOverviewPage } from './stuck/StuckOverviewPage';
import { SuccessStoriesPage } from './intervision/SuccessStoriesPage';
import { WerkbakPage } from './cases/WerkbakPage';
import { keepTableLabels } from './components/tableLabels';
import { ResidentHomePage } from './resident/ResidentHomePage';
import './styles.css';

type Auth = { state: 'loading' } | { state: 'out'; notice?: string } | { state: 'in'; user: SessionUser } | { state: 'error'; error: unknown };

function App() {
  const [auth, setAuth] = useState<Auth>({ state: 'loading' });
  const route = useRoute();

  useEffect(() => {
    get<SessionResponse>('/api/auth/me').then(
      (r) => setAuth({ state: 'in', user: r.user }),
      (err) => setAuth(err instanceof ApiError && err.status === 401 ? { state: 'out' } : { state: 'error', error: err }),
    );
    return onUnauthenticated(() => setAuth({ state: 'out', notice: 'Uw sessie is verlopen. Log opnieuw in.' }));
  }, []);

  if (auth.state === 'loading') return <Loading what="Casustafel" />;
  if (auth.state === 'error') return <ErrorMessage error={auth.error} />;
  if (auth.state === 'out') return <LoginPage notice={auth.notice} onLogin={(user) => setAuth({ state: 'in', user })} />;

  const user = auth.user;
  // Signed in through an identity provider: the provider ends its session too (RP-initiated logout).
  const logout = () => {
    post<LogoutResponse>('/api/auth/oidc/logout').then(
      (r) => {
        if (r.providerLogoutUrl) window.location.assign(r.providerLogoutUrl);
        else setAuth({ state: 'out', notice: 'U bent uitgelogd.' });
      },
      () => setAuth({ state: 'out', notice: 'U bent uitgelogd.' }),
    );
  };

  let page;
  if (user.mustChangePassword) page = <ChangePasswordPage onChanged={(u) => setAuth({ state: 'in', user: u })} />;
  else if (user.functiePending) page = <FunctiePendingPage />;
  else if (route.page === 'werkbak' && user.functie === 'functioneel_beheerder') page = <AdminUsersPage user={user} />;
  else if (route.page === 'werkbak' && user.functie === 'inwoner') page = <ResidentHomePage user={user} />;
  else if (route.page === 'werkbak') page = <WerkbakPage user={user} />;
  else if (route.page === 'case') page = <CasePage id={route.id} section={route.section} user={user} />;
  else if (route.page === 'postvak') page = <InboxPage user={user} />;
  else if (route.page === 'new-case') page = <NewCasePage user={user} />;
  else if (route.page === 'admin-users') page = <AdminUsersPage user={user} />;
  else if (route.page === 'admin-sso') page = <AdminSsoPage user={user} />;
  else if (route.page === 'admin-mandates') page = <AdminMandatesPage user={user} />;
  else if (route.page === 'admin-catalogue') page = <AdminCataloguePage user={user} />;
  else if (route.page === 'stuck') page = <StuckOverviewPage user={user} />;
  else if (route.page === 'knelpunten') page = <KnelpuntenPage user={user} />;
  else if (route.page === 'admin-signals') page = <AdminSignalsPage user={user} />;
  else if (route.page === 'intervisie') page = <IntervisionListPage user={user} />;
  else if (route.page === 'intervisie-sessie') page = <IntervisionSessionPage id={route.id} user={user} />;
  else if (route.page === 'succesverhalen') page = <SuccessStoriesPage user={user} />;
  else
    page = (
      <section>
        <PageTitle title="Pagina niet gevonden">Pagina niet gevonden</PageTitle>
        <Link href="/">Naar de werkbak</Link>
      </section>
    );

  return (
    <Layout user={user} onLogout={logout}>
      {page}
    </Layout>
  );
}

const root = document.getElementById('root')!;
keepTableLabels(root);
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
