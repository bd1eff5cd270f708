package io.gamehall.architecture;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The engine is a deterministic state machine over its codecs: Aeron Cluster, the journal, the
 * store and the network live around it, never inside.
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
}
