package io.gamehall.web;

import org.junit.jupiter.api.Test;

import java.io.File;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The build fails saying what to install when the browser or its driver is missing.
 */
class BrowserToolsCheckTest
{
    private static final File MISSING = new File("/nonexistent/gamehall-test/chromium");

    @Test
    void shouldSayWhatToInstallWhenChromiumIsMissing()
    {
        assertThatThrownBy(() -> BrowserToolsCheck.check(MISSING, new File(BrowserToolsCheck.CHROMEDRIVER)))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining(MISSING + " was not found")
            .hasMessageContaining("apt-get install chromium chromium-driver");
    }

    @Test
    void shouldSayWhatToInstallWhenTheDriverIsMissing()
    {
        assertThatThrownBy(() -> BrowserToolsCheck.check(new File(BrowserToolsCheck.CHROMIUM), MISSING))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("drive Chromium with it")
            .hasMessageContaining("apt-get install chromium chromium-driver");
    }

    @Test
    void shouldPassWithDebiansPackagesInstalled()
    {
        assertThatCode(() -> BrowserToolsCheck.check(new File(BrowserToolsCheck.CHROMIUM),
            new File(BrowserToolsCheck.CHROMEDRIVER))).doesNotThrowAnyException();
    }
}
