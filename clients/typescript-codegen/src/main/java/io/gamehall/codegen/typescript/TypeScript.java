package io.gamehall.codegen.typescript;

import uk.co.real_logic.sbe.generation.CodeGenerator;
import uk.co.real_logic.sbe.generation.TargetCodeGenerator;
import uk.co.real_logic.sbe.ir.Ir;

/**
 * TypeScript as a target language of the SBE tool: with this module on the tool's class path,
 * {@code -Dsbe.target.language=io.gamehall.codegen.typescript.TypeScript} makes the tool write
 * TypeScript codecs into {@code sbe.output.dir} (the tool loads a target it does not know by its
 * class name).
 */
public final class TypeScript implements TargetCodeGenerator
{
    @Override
    public CodeGenerator newInstance(final Ir ir, final String outputDir)
    {
        return new TypeScriptGenerator(ir, outputDir);
    }
}
