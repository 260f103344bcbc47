/**
 * {@code termpress check --browser}: the shared doctest run in the built pages in Chromium through
 * Playwright. Playwright lives outside termpress.jar (in {@code browser/} beside it), so the command
 * line uses only {@link dev.termpress.generator.check.browser.ChromiumLocator},
 * {@link dev.termpress.generator.check.browser.PlaywrightJars} and
 * {@link dev.termpress.generator.check.browser.BrowserCheckException} until both said yes; every
 * other class here may load Playwright.
 */
package dev.termpress.generator.check.browser;
