import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { Layout } from './Layout.js';
import { ApprovalsScreen } from './screens/Approvals.js';
import { AuditScreen } from './screens/Audit.js';
import { ExceptionDetail } from './screens/exceptions/Detail.js';
import { ExceptionQueue } from './screens/exceptions/Queue.js';
import { InventoryScreen } from './screens/Inventory.js';
import { LoginScreen } from './screens/Login.js';
import { MappingHistory } from './screens/mappings/History.js';
import { MappingsScreen } from './screens/mappings/Mappings.js';
import { OrderPage } from './screens/orders/OrderPage.js';
import { OrderSearch } from './screens/orders/Search.js';
import { OverviewScreen } from './screens/Overview.js';
import { PartnersScreen } from './screens/Partners.js';
import { SettingsScreen } from './screens/Settings.js';
import { UsersScreen } from './screens/Users.js';
import { useSession } from './session.js';

/** Routes under /console; a person without a session sees the sign-in page wherever they land. */
export function App() {
  const { session, loading } = useSession();
  if (loading)
    return (
      <p className="muted" aria-live="polite">
        Loading…
      </p>
    );
  return (
    <BrowserRouter basename="/console">
      {!session ? (
        <Routes>
          <Route path="*" element={<LoginScreen />} />
        </Routes>
      ) : (
        <Routes>
          <Route element={<Layout />}>
            <Route index element={<OverviewScreen />} />
            <Route path="exceptions" element={<ExceptionQueue />} />
            <Route path="exceptions/:id" element={<ExceptionDetail />} />
            <Route path="orders" element={<OrderSearch />} />
            <Route path="orders/:ref" element={<OrderPage />} />
            <Route path="partners" element={<PartnersScreen />} />
            <Route path="inventory" element={<InventoryScreen />} />
            <Route path="inventory/:sku" element={<InventoryScreen />} />
            <Route path="mappings" element={<MappingsScreen />} />
            <Route path="mappings/:kind/:scope/:key" element={<MappingHistory />} />
            <Route path="approvals" element={<ApprovalsScreen />} />
            <Route path="audit" element={<AuditScreen />} />
            <Route path="settings" element={<SettingsScreen />} />
            <Route path="users" element={<UsersScreen />} />
            <Route path="login" element={<Navigate to="/" replace />} />
            <Route path="*" element={<p role="alert">No such page in the console.</p>} />
          </Route>
        </Routes>
      )}
    </BrowserRouter>
  );
}
