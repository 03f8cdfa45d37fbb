// Field helpers the page objects share.
import type { Locator } from 'playwright-core';

/**
 * Chooses a bin in a location select. Options show the location's path
 * (warehouse › zone › bin), so the bin is picked by the code at its end — once
 * the locations have loaded (the select is disabled while they load).
 */
export async function selectBin(select: Locator, code: string): Promise<void> {
  const option = select
    .locator('option')
    .filter({ hasText: new RegExp(`${code.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) });
  await option.first().waitFor({ state: 'attached' });
  await select.selectOption(await option.first().getAttribute('value'));
}
