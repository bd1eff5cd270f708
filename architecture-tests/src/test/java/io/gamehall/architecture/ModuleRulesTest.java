package io.gamehall.architecture;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The parts every process shares depend on nothing of any role: the gateway and the host meet
 * through the link, never through each other's classes, and the Aeron helpers need no master.
 */
@AnalyzeClasses(packages = GamehallClasses.ROOT, importOptions = GamehallClasses.MainClassesOnly.class)
class ModuleRulesTest
{
    @ArchTest
    static final ArchRule GATEWAY_DOES_NOT_IMPORT_THE_HOST = noClasses()
        .that().resideInAPackage("io.gamehall.gateway..")
        .should().dependOnClassesThat().resideInAPackage("io.gamehall.host..");

    @ArchTest
    static final ArchRule HOST_DOES_NOT_IMPORT_THE_GATEWAY = noClasses()
        .that().resideInAPackage("io.gamehall.host..")
        .should().dependOnClassesThat().resideInAPackage("io.gamehall.gateway..");

    @ArchTest
    static final ArchRule LINK_USES_ONLY_AERON_ITS_CODECS_AGRONA_AND_SLF4J = classes()
        .that().resideInAPackage("io.gamehall.link..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            "io.gamehall.link..", "io.gamehall.sbe.host..", "io.aeron..", "org.agrona..", "org.slf4j..", "java..",
            "javax.crypto..");

    @ArchTest
    static final ArchRule AERON_SUPPORT_USES_ONLY_AERON_AGRONA_AND_SLF4J = classes()
        .that().resideInAPackage("io.gamehall.aeron..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            "io.gamehall.aeron..", "io.aeron..", "org.agrona..", "org.slf4j..", "java..");

    @ArchTest
    static final ArchRule GAME_WIRE_LAYOUTS_DEPEND_ON_NOTHING = classes()
        .that().resideInAPackage("io.gamehall.games.protocol..")
        .should().onlyDependOnClassesThat().resideInAnyPackage("io.gamehall.games.protocol..", "java..");
}
