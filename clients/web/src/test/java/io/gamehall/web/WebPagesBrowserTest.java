package io.gamehall.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web pages in headless Chromium against a real gateway (with a master, a game host and a
 * store on loopback): two players sign up, one creates a table, the other joins, they play
 * Connect Four to the end (one of them reloads the page mid-game and plays on in the same game),
 * both see the result and find the game in their history; a wrong password and a full table get
 * clear messages, a flood of clicks makes one request, a refused session token asks for a login
 * again, and the page keeps working.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WebPagesBrowserTest
{
    private static WebHall hall;

    @RegisterExtension
    final Browsers browsers = new Browsers();

    @BeforeAll
    static void startHall() throws Exception
    {
        hall = new WebHall();
    }

    @AfterAll
    static void stopHall()
    {
        if (hall != null)
        {
            hall.close();
        }
    }

    @AfterEach
    void closeBrowsers()
    {
        browsers.close();
    }

    private Player player(final String name)
    {
        return new Player(browsers.open(), name, "pw-" + name + "-" + System.nanoTime()).open(hall.pageUrl());
    }

    @Test
    void shouldPlayConnectFourToTheEndWithAReloadMidGameAndShowTheGameInBothHistories()
    {
        final Player alice = player("alice").register();
        final Player bob = player("bob").register();

        final String table = alice.createTable();
        assertThat(alice.awaitStatus("Waiting")).isEqualTo("Waiting for a second player…");
        bob.join(table);
        bob.shows("game-view");
        assertThat(bob.text("table-id")).contains(table);

        alice.move(0);
        bob.move(1);
        alice.move(0);
        bob.move(1);
        assertThat(alice.pieces()).isEqualTo(4);

        alice.reload();
        alice.shows("game-view");
        assertThat(alice.text("table-id")).as("the same game after the reload").contains(table);
        alice.awaitStatus("Your move");
        assertThat(alice.pieces()).as("the board after the reload").isEqualTo(4);

        alice.move(0);
        bob.move(1);
        alice.move(0);

        assertThat(alice.awaitStatus("You won!")).isEqualTo("You won! Four in a row.");
        assertThat(bob.awaitStatus("You lost.")).isEqualTo("You lost. Four in a row.");
        assertThat(alice.pieces()).isEqualTo(7);

        alice.click("back");
        alice.shows("lobby-view");
        assertThat(alice.history()).singleElement().asString().startsWith("Game ").contains("WIN");
        bob.click("back");
        bob.shows("lobby-view");
        assertThat(bob.history()).singleElement().asString().contains("LOSS");
    }

    @Test
    void shouldSayClearlyWhenThePasswordIsWrongOrTheTableIsFullAndKeepWorking()
    {
        final Player carol = player("carol").register();
        carol.logOut();
        carol.logIn("not-" + carol.password);
        assertThat(carol.awaitMessage("Wrong")).isEqualTo("Wrong name or password.");
        carol.logIn(carol.password);
        carol.shows("lobby-view");

        final Player dave = player("dave").register();
        final Player erin = player("erin").register();
        final String table = dave.createTable();
        // erin sees the open table; carol takes the last seat before erin clicks
        erin.seeTable(table);
        carol.join(table);
        carol.shows("game-view");
        erin.join(table);
        assertThat(erin.awaitMessage("full")).isEqualTo("That table is full: pick another one or create one.");

        // erin's page still works, and a flood of clicks on Create makes one request: the button is disabled
        // from the first click until the answer (a second create would be refused: ALREADY_IN_INSTANCE)
        assertThat(erin.script("const b = document.getElementById('create');" +
            "for (let i = 0; i < 50; i++) { b.click(); } return b.disabled;")).isEqualTo(Boolean.TRUE);
        erin.shows("game-view");
        assertThat(erin.awaitStatus("Waiting")).isEqualTo("Waiting for a second player…");
        assertThat(erin.text("table-id")).doesNotContain(table);
        assertThat(erin.text("message")).as("no refusal of a second request").isEmpty();
        erin.click("leave");
        erin.shows("lobby-view");
    }

    @Test
    void shouldAskForALoginAgainWhenTheKeptSessionIsRefused()
    {
        final Player frank = player("frank");
        frank.script("sessionStorage.setItem('gamehall.session', JSON.stringify({token: 'not-a-token', userId: '1', " +
            "gatewayUrl: 'ws://' + location.host + '/ws', lastEventSequence: '0'}));");
        frank.reload();

        frank.shows("login-view");
        assertThat(frank.awaitMessage("log in again")).isEqualTo("Your session has ended: log in again.");
        assertThat(frank.script("return sessionStorage.getItem('gamehall.session');")).as("the refused token is forgotten")
            .isNull();
        frank.register();
    }
}
