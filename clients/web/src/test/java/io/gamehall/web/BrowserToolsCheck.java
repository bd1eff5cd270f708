package io.gamehall.web;

import java.io.File;

/**
 * The build's check that the machine has what the browser tests need: Chromium and its driver
 * at the paths of Debian's {@code chromium} and {@code chromium-driver} packages. When one is
 * missing the build fails saying what to install, rather than skipping the tests.
 */
public final class BrowserToolsCheck
{
    /** Debian's Chromium. */
    public static final String CHROMIUM = "/usr/bin/chromium";
    /** Debian's ChromeDriver for it. */
    public static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    static final String INSTALL_HINT = "install Debian's Chromium and its driver " +
        "(apt-get install chromium chromium-driver; .ci/run does it)";

    private BrowserToolsCheck()
    {
    }

    public static void main(final String[] args)
    {
        check(new File(CHROMIUM), new File(CHROMEDRIVER));
    }

    /**
     * @param chromium     the browser.
     * @param chromedriver its driver.
     * @throws IllegalStateException saying what to install when either is missing.
     */
    static void check(final File chromium, final File chromedriver)
    {
        if (!chromium.canExecute())
        {
            throw new IllegalStateException(chromium + " was not found; the web pages' browser tests (clients/web) " +
                "run in it: " + INSTALL_HINT);
        }
        if (!chromedriver.canExecute())
        {
            throw new IllegalStateException(chromedriver + " was not found; the web pages' browser tests " +
                "(clients/web) drive Chromium with it: " + INSTALL_HINT);
        }
    }
}
