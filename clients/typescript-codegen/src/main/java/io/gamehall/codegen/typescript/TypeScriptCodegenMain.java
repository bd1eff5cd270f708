package io.gamehall.codegen.typescript;

import uk.co.real_logic.sbe.ir.Ir;
import uk.co.real_logic.sbe.xml.IrGenerator;
import uk.co.real_logic.sbe.xml.MessageSchema;
import uk.co.real_logic.sbe.xml.ParserOptions;
import uk.co.real_logic.sbe.xml.XmlSchemaParser;
import org.xml.sax.InputSource;

import java.io.File;

/**
 * The build's code generation step: {@code TypeScriptCodegenMain <output dir> <schema.xml>...}
 * parses each schema as the Java codecs' build does (XInclude on, errors and warnings fatal) and
 * writes its TypeScript codecs into the output directory.
 */
public final class TypeScriptCodegenMain
{
    private TypeScriptCodegenMain()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length < 2)
        {
            throw new IllegalArgumentException("usage: TypeScriptCodegenMain <output dir> <schema.xml>...");
        }
        for (int i = 1; i < args.length; i++)
        {
            new TypeScriptGenerator(parse(new File(args[i])), args[0]).generate();
        }
    }

    /**
     * @return the intermediate representation of a schema file.
     */
    public static Ir parse(final File schema) throws Exception
    {
        final ParserOptions options = ParserOptions.builder()
            .xIncludeAware(true)
            .stopOnError(true)
            .warningsFatal(true)
            .build();
        final InputSource source = new InputSource(schema.toURI().toString());
        final MessageSchema parsed = XmlSchemaParser.parse(source, options);
        return new IrGenerator().generate(parsed, null);
    }
}
