package io.gamehall.architecture;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Client and server apart: a game developer who adds the SDK gets nothing of the server, the
 * bots play through the SDK like any client, and the server does not use the SDK. What both
 * sides share is the client protocol (its codecs and {@code FrameBytes}) and the sample games'
 * wire layouts.
 */
@AnalyzeClasses(packages = GamehallClasses.ROOT, importOptions = GamehallClasses.MainClassesOnly.class)
class ClientRulesTest
{
    @ArchTest
    static final ArchRule SDK_AND_BOTS_IMPORT_NO_SERVER_PACKAGE = noClasses()
        .that().resideInAnyPackage("io.gamehall.client..", "io.gamehall.bot..")
        .should().dependOnClassesThat().resideInAnyPackage(GamehallClasses.SERVER_PACKAGES);

    @ArchTest
    static final ArchRule SDK_AND_BOTS_IMPORT_NO_SERVER_LIBRARY = noClasses()
        .that().resideInAnyPackage("io.gamehall.client..", "io.gamehall.bot..")
        .should().dependOnClassesThat().resideInAnyPackage("io.aeron..", "net.openhft..", "com.couchbase..");

    @ArchTest
    static final ArchRule SDK_USES_ONLY_THE_CLIENT_PROTOCOL_NETTY_AGRONA_AND_THE_JDK = classes()
        .that().resideInAPackage("io.gamehall.client..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            "io.gamehall.client..", "io.gamehall.protocol..", "io.gamehall.sbe.client..", "io.netty..", "org.agrona..",
            "java..", "javax.net.ssl..");

    @ArchTest
    static final ArchRule BOTS_USE_ONLY_THE_SDK_THE_GAMES_WIRE_LAYOUTS_AND_THEIR_LIBRARIES = classes()
        .that().resideInAPackage("io.gamehall.bot..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            "io.gamehall.bot..", "io.gamehall.client..", "io.gamehall.games.protocol..", "io.gamehall.sbe.client..",
            "io.netty..", "org.agrona..", "org.HdrHistogram..", "java..");

    @ArchTest
    static final ArchRule SERVER_DOES_NOT_IMPORT_THE_SDK_OR_THE_BOTS = noClasses()
        .that().resideInAnyPackage(
            "io.gamehall.master..", "io.gamehall.replication..", "io.gamehall.store..", "io.gamehall.host..",
            "io.gamehall.gateway..", "io.gamehall.link..", "io.gamehall.aeron..")
        .should().dependOnClassesThat().resideInAnyPackage("io.gamehall.client..", "io.gamehall.bot..");

    @ArchTest
    static final ArchRule CLIENT_PROTOCOL_IMPORTS_NO_SERVER_PACKAGE = noClasses()
        .that().resideInAnyPackage("io.gamehall.protocol..", "io.gamehall.sbe.client..", "io.gamehall.games.protocol..")
        .should().dependOnClassesThat().resideInAnyPackage(GamehallClasses.SERVER_PACKAGES);
}
