package io.gamehall.web;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Headless Chromium windows for one test (Debian's chromium and chromedriver, never a downloaded
 * driver), each with a fresh profile; when the test fails, a screenshot of every window is saved
 * under target/browser-screenshots before they are closed.
 */
final class Browsers implements AfterTestExecutionCallback, AutoCloseable
{
    private final List<ChromeDriver> open = new ArrayList<>();
    private final List<Path> profiles = new ArrayList<>();

    /**
     * @return a new browser window with an empty profile.
     */
    ChromeDriver open()
    {
        System.setProperty("webdriver.chrome.driver", BrowserToolsCheck.CHROMEDRIVER);
        try
        {
            final Path profile = Files.createTempDirectory("gamehall-chromium-");
            profiles.add(profile);
            final ChromeOptions options = new ChromeOptions()
                .setBinary(BrowserToolsCheck.CHROMIUM)
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-default-apps", "--no-first-run", "--disable-extensions", "--metrics-recording-only",
                    "--window-size=1000,900", "--user-data-dir=" + profile);
            final ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(BrowserToolsCheck.CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
            final ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
            open.add(driver);
            return driver;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void afterTestExecution(final ExtensionContext context)
    {
        if (context.getExecutionException().isEmpty())
        {
            return;
        }
        final File dir = new File(System.getProperty("gamehall.screenshots.dir", "target/browser-screenshots"));
        dir.mkdirs();
        for (int i = 0; i < open.size(); i++)
        {
            try
            {
                final File shot = open.get(i).getScreenshotAs(OutputType.FILE);
                final Path to = dir.toPath().resolve(context.getRequiredTestMethod().getName() + "-browser-" + i + ".png");
                Files.copy(shot.toPath(), to, StandardCopyOption.REPLACE_EXISTING);
                System.err.println("screenshot of a failed browser test: " + to);
            }
            catch (final RuntimeException | IOException ex)
            {
                System.err.println("no screenshot of browser " + i + ": " + ex);
            }
        }
    }

    @Override
    public void close()
    {
        for (final ChromeDriver driver : open)
        {
            try
            {
                driver.quit();
            }
            catch (final RuntimeException ex)
            {
                System.err.println("browser did not quit: " + ex);
            }
        }
        open.clear();
        for (final Path profile : profiles)
        {
            org.agrona.IoUtil.delete(profile.toFile(), true);
        }
        profiles.clear();
    }
}
