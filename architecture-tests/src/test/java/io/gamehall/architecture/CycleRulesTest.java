package io.gamehall.architecture;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * No package of gamehall depends on itself through others: each package (every sub-package its
 * own slice) can be understood, tested and moved knowing only what it uses.
 */
@AnalyzeClasses(packages = GamehallClasses.ROOT, importOptions = GamehallClasses.MainClassesOnly.class)
class CycleRulesTest
{
    @ArchTest
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("io.gamehall.(**)").should().beFreeOfCycles();
}
