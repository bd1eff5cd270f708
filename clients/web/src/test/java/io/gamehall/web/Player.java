package io.gamehall.web;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;

/**
 * One player in one browser window, doing what a person does on the page: type, click, read.
 * Every wait is bounded ({@link #WAIT}).
 */
final class Player
{
    static final Duration WAIT = Duration.ofSeconds(20);

    private final WebDriver driver;
    private final WebDriverWait wait;
    final String name;
    final String password;

    Player(final WebDriver driver, final String name, final String password)
    {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, WAIT, Duration.ofMillis(50));
        this.name = name;
        this.password = password;
    }

    Player open(final String url)
    {
        driver.get(url);
        shows("login-view");
        return this;
    }

    void shows(final String view)
    {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(view)));
    }

    private void type(final String password)
    {
        final WebElement nameField = driver.findElement(By.id("name"));
        nameField.clear();
        nameField.sendKeys(name);
        final WebElement passwordField = driver.findElement(By.id("password"));
        passwordField.clear();
        passwordField.sendKeys(password);
    }

    Player register()
    {
        type(password);
        click("register");
        shows("lobby-view");
        return this;
    }

    void logIn(final String withPassword)
    {
        type(withPassword);
        click("login");
    }

    void logOut()
    {
        click("logout");
        shows("login-view");
    }

    void click(final String id)
    {
        wait.until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    /**
     * @return the id of the table it created, once the board shows.
     */
    String createTable()
    {
        click("create");
        shows("game-view");
        wait.until(d -> !text("table-id").isEmpty());
        return text("table-id").replaceAll("\\D", "");
    }

    /** Refreshes the list until the table is in it, then clicks its Join button. */
    void join(final String table)
    {
        seeTable(table);
        wait.until(ExpectedConditions.elementToBeClickable(joinButton(table))).click();
    }

    private static By joinButton(final String table)
    {
        return By.cssSelector("button.join[data-table='" + table + "']");
    }

    /** Refreshes the list until the table is in it. */
    void seeTable(final String table)
    {
        final By button = joinButton(table);
        wait.until(d ->
        {
            if (d.findElements(button).isEmpty())
            {
                final WebElement refresh = d.findElement(By.id("refresh"));
                if (refresh.isEnabled())
                {
                    refresh.click();
                }
                return false;
            }
            return true;
        });
    }

    /** Waits for its turn, then drops a piece in the column. */
    void move(final int column)
    {
        wait.until(d -> text("game-status").startsWith("Your move"));
        final By cell = By.cssSelector("#board button[data-column='" + column + "']");
        wait.until(ExpectedConditions.elementToBeClickable(cell)).click();
        wait.until(d -> !text("game-status").startsWith("Your move"));
    }

    /** @return how many pieces the board shows. */
    int pieces()
    {
        return driver.findElements(By.cssSelector("#board button.p1, #board button.p2")).size();
    }

    void reload()
    {
        driver.navigate().refresh();
    }

    String text(final String id)
    {
        return driver.findElement(By.id(id)).getText();
    }

    String awaitStatus(final String start)
    {
        wait.until(d -> text("game-status").startsWith(start));
        return text("game-status");
    }

    String awaitMessage(final String contains)
    {
        wait.until(d -> text("message").contains(contains));
        return text("message");
    }

    /** Refreshes the lobby until the history shows a game (the host writes it when the game ends). */
    List<String> history()
    {
        wait.until(d ->
        {
            if (d.findElements(By.cssSelector("#history li.game")).isEmpty())
            {
                final WebElement refresh = d.findElement(By.id("refresh"));
                if (refresh.isEnabled())
                {
                    refresh.click();
                }
                return false;
            }
            return true;
        });
        return driver.findElements(By.cssSelector("#history li.game")).stream().map(WebElement::getText).toList();
    }

    Object script(final String script)
    {
        return ((JavascriptExecutor)driver).executeScript(script);
    }
}
