/**
 * `npm run screenshots`: the README's picture of the console's health screen (docs/console-overview.png),
 * taken from a real `ferry serve` fed a few orders by the simulators, one of them stuck on an unknown SKU.
 */
import { join } from 'node:path';
import { ROOT, eventually, launchBrowser, signIn, startRig } from './rig.js';

const OUT = join(ROOT, 'docs', 'console-overview.png');

const rig = await startRig();
const browser = await launchBrowser();
try {
  const admin = await rig.tokenFor('ada', 'admin');
  for (let i = 0; i < 6; i++) await rig.placeOrder(i % 2 ? 'shop-eu' : 'shop-us');
  await rig.placeOrder('shop-us', 'LEGACY-0042');
  await eventually('the unknown-SKU exception', async () => {
    const r = await rig.call<{ total: number }>(admin, 'GET', '/exceptions?limit=1');
    return r.body.total > 0 ? true : undefined;
  });
  const page = await (await browser.newContext({ viewport: { width: 1100, height: 640 } })).newPage();
  await signIn(page, rig.url, admin);
  await page.getByRole('heading', { name: 'Health', level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: OUT });
  console.log(`screenshots: wrote ${OUT}`);
} finally {
  await browser.close();
  await rig.stop();
}
