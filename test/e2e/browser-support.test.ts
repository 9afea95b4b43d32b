import type { Browser } from 'playwright-core';
import { hasChromium, launchChromium, unreachableByKeyboard } from '../support/browser';

(hasChromium ? describe : describe.skip)('Browser test support', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('names the visible controls Tab never reaches, and only those', async () => {
    const page = await browser.newPage();
    await page.setContent(
      '<button>Reachable</button><a href="#x">Link</a><input aria-label="Field">' +
        '<button tabindex="-1">Mouse only</button><div hidden><button>Hidden</button></div>' +
        '<ul role="listbox" tabindex="0"><li role="option"><button tabindex="-1">In a list box</button></li></ul>',
    );

    expect(await unreachableByKeyboard(page, 10)).toEqual(['button Mouse only']);
  });
});
