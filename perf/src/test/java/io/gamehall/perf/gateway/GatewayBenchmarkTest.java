package io.gamehall.perf.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The relay benchmark end to end at a tiny size, so that the perf kit keeps working: server,
 * idle-client and relay-client JVMs on loopback, every message back, the legs and the readings
 * reported. Figures are printed, never asserted.
 */
class GatewayBenchmarkTest
{
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void relaysEveryMeasuredMessageAndReportsTheLegs()
    {
        final ByteArrayOutputStream captured = new ByteArrayOutputStream();
        final PrintStream original = System.out;
        final int exit;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try
        {
            exit = new CommandLine(new GatewayBenchmark()).execute(
                "--sessions", "20", "--players", "10", "--rate", "500", "--seconds", "1", "--warmup", "1");
        }
        finally
        {
            System.setOut(original);
        }
        final String output = captured.toString(StandardCharsets.UTF_8);
        System.out.println(output);
        assertEquals(0, exit, output);
        final Matcher back = Pattern.compile("([\\d,]+) of ([\\d,]+) measured messages back").matcher(output);
        assertTrue(back.find(), output);
        assertEquals("500", back.group(2).replace(",", ""), output);
        assertEquals(back.group(2), back.group(1), output);
        assertTrue(output.contains("legs: due -> host p50"), output);
        assertTrue(output.contains("idle sessions held: 20"), output);
        assertTrue(output.contains("client JVM: CPU by thread family"), output);
        assertTrue(output.contains("server JVM: CPU by thread family"), output);
    }
}
