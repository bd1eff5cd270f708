package io.gamehall.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Settings are options of a component's {@code Context}, set from its command's options, each with
 * a documented default: none is a JVM-wide system property. Only the classes named here read system
 * properties at all, and only the JVM's own (operating system, user name, class path); no class
 * holds the name of a gamehall property ({@code gamehall.idle.*} and the like). The SBE codecs,
 * generated, read SBE's own switch ({@code sbe.enable.precedence.checks}: {@code docs/jvm-flags.md}).
 */
@AnalyzeClasses(packages = GamehallClasses.ROOT, importOptions = GamehallClasses.MainClassesOnly.class)
class SettingsRulesTest
{
    /** SBE's generated codecs. */
    private static final String GENERATED_CODECS = "io.gamehall.sbe..";

    /** The classes that read a property of the JVM itself, and which one. */
    private static final List<String> READ_JVM_PROPERTIES = List.of(
        "io.gamehall.aeron.DriverDirectoryCheck", // os.name
        "io.gamehall.aeron.OwnerOnlyDirectory", // user.name
        "io.gamehall.perf.cluster.ChildJvmCommand"); // java.class.path of the child JVMs

    private static final DescribedPredicate<JavaClass> READS_JVM_PROPERTIES =
        DescribedPredicate.describe("read a property of the JVM itself", (javaClass) -> READ_JVM_PROPERTIES.stream()
            .anyMatch((name) -> javaClass.getName().equals(name) || javaClass.getName().startsWith(name + "$")));

    @ArchTest
    static final ArchRule NO_SETTING_IS_A_SYSTEM_PROPERTY = noClasses()
        .that().resideInAPackage(GamehallClasses.ROOT + "..").and().resideOutsideOfPackage(GENERATED_CODECS)
        .should().callMethod(Long.class, "getLong", String.class)
        .orShould().callMethod(Long.class, "getLong", String.class, long.class)
        .orShould().callMethod(Long.class, "getLong", String.class, Long.class)
        .orShould().callMethod(Integer.class, "getInteger", String.class)
        .orShould().callMethod(Integer.class, "getInteger", String.class, int.class)
        .orShould().callMethod(Integer.class, "getInteger", String.class, Integer.class)
        .orShould().callMethod(Boolean.class, "getBoolean", String.class)
        .because("a setting is an option of its component's Context with a documented default");

    @ArchTest
    static final ArchRule ONLY_NAMED_CLASSES_READ_SYSTEM_PROPERTIES = noClasses()
        .that().resideInAPackage(GamehallClasses.ROOT + "..").and().resideOutsideOfPackage(GENERATED_CODECS)
        .and(DescribedPredicate.not(READS_JVM_PROPERTIES))
        .should().callMethod(System.class, "getProperty", String.class)
        .orShould().callMethod(System.class, "getProperty", String.class, String.class)
        .orShould().callMethod(System.class, "getProperties")
        .because("a setting is an option of its component's Context with a documented default");

    @ArchTest
    static final ArchRule NO_CLASS_NAMES_A_GAMEHALL_PROPERTY = classes()
        .that().resideInAPackage(GamehallClasses.ROOT + "..")
        .should(new ArchCondition<>("not hold the name of a gamehall system property (gamehall.idle.*)")
        {
            @Override
            public void check(final JavaClass javaClass, final ConditionEvents events)
            {
                if (constants(javaClass).contains("gamehall.idle"))
                {
                    events.add(SimpleConditionEvent.violated(javaClass, javaClass.getName() +
                        " holds the string gamehall.idle: idle strategies are IdleSettings of a component's Context"));
                }
            }
        });

    @ArchTest
    static void shouldHaveFoundTheIdleSettings(final JavaClasses classes)
    {
        if (!classes.contain("io.gamehall.aeron.IdleSettings"))
        {
            throw new AssertionError("the rules did not see the aeron-support classes");
        }
    }

    private static String constants(final JavaClass javaClass)
    {
        try (InputStream in = javaClass.getSource().orElseThrow().getUri().toURL().openStream())
        {
            // the constant pool holds string literals as (modified) UTF-8; property names are ASCII
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
