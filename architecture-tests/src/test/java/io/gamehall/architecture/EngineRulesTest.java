package io.gamehall.architecture;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The engines are deterministic state machines over their codecs: Aeron Cluster, the journal, the
 * store and the network live around them, never inside. The matchmaker's service, which drives
 * partitions, has no I/O either: its links plug in through ports.
 */
@AnalyzeClasses(packages = GamehallClasses.ROOT, importOptions = GamehallClasses.MainClassesOnly.class)
class EngineRulesTest
{
    @ArchTest
    static final ArchRule ENGINE_IMPORTS_NO_AERON_CHRONICLE_NETTY_OR_COUCHBASE = noClasses()
        .that().resideInAPackage("io.gamehall.master..")
        .should().dependOnClassesThat().resideInAnyPackage("io.aeron..", "net.openhft..", "io.netty..", "com.couchbase..");

    @ArchTest
    static final ArchRule ENGINE_USES_ONLY_ITS_CODECS_AGRONA_AND_THE_JDK = classes()
        .that().resideInAPackage("io.gamehall.master..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            "io.gamehall.master..", "io.gamehall.sbe.master..", "io.gamehall.sbe.snapshot..", "org.agrona..", "java..");

    @ArchTest
    static final ArchRule ENGINE_KNOWS_NOTHING_OF_WHAT_HOSTS_IT = noClasses()
        .that().resideInAPackage("io.gamehall.master..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "io.gamehall.replication..", "io.gamehall.aeron..", "io.gamehall.store..", "io.gamehall.host..",
            "io.gamehall.gateway..", "io.gamehall.link..", "io.gamehall.client..");

    @ArchTest
    static final ArchRule MATCHMAKER_ENGINE_AND_SERVICE_USE_ONLY_THEIR_CODECS_AGRONA_AND_THE_JDK = classes()
        .that().resideInAPackage("io.gamehall.matchmaker..")
        .should().onlyDependOnClassesThat().resideInAnyPackage(
            "io.gamehall.matchmaker..", "io.gamehall.sbe.matchmaker..", "org.agrona..", "java..");
}
