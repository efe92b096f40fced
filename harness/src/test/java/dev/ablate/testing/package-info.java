/**
 * Test support for checking what a person would see: {@link dev.ablate.testing.HeadlessChromium} opens a local HTML
 * file (the report of {@code ablate report}) in Debian's headless Chromium and returns a
 * {@link dev.ablate.testing.Page} with its console errors, its network requests, values its scripts compute and a
 * full-page screenshot. Driven by Selenium over Debian's {@code chromedriver}; nothing is downloaded and no request
 * leaves the machine.
 *
 * <p>Test scope only: nothing here is on the runtime class path ({@code harness/target/lib}).
 */
package dev.ablate.testing;
