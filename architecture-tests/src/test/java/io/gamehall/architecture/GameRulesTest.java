package io.gamehall.architecture;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.gamehall.store.PlayerOutcome;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Games see only the game API: {@code io.gamehall.host.api} ({@code GameLogic}, {@code GameContext},
 * {@code GameCatalog}, {@code GameResult}, {@code InstanceSettings}), the outcome a result gives
 * each player ({@code io.gamehall.store.PlayerOutcome}, part of {@code GameResult}), their own wire
 * layouts ({@code io.gamehall.games.protocol}), Agrona's buffers ({@code org.agrona},
 * {@code org.agrona.concurrent}) and the JDK. Never the host's runtime, the store, Aeron or the
 * network; and the game API itself does not reach into the runtime.
 */
@AnalyzeClasses(packages = GamehallClasses.ROOT, importOptions = GamehallClasses.MainClassesOnly.class)
class GameRulesTest
{
    @ArchTest
    static final ArchRule GAMES_IMPORT_ONLY_THE_GAME_API = classes()
        .that().resideInAPackage("io.gamehall.host.games..")
        .should().onlyDependOnClassesThat(
            resideInAnyPackage("io.gamehall.host.games..", "io.gamehall.host.api", "io.gamehall.games.protocol",
                "org.agrona", "org.agrona.concurrent", "java..")
                .or(equivalentTo(PlayerOutcome.class)));

    @ArchTest
    static final ArchRule GAME_API_DOES_NOT_REACH_INTO_THE_RUNTIME = noClasses()
        .that().resideInAPackage("io.gamehall.host.api..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.gamehall.host.runtime..", "io.gamehall.host.games..", "io.gamehall.replication..", "io.gamehall.link..",
            "io.aeron..");
}
