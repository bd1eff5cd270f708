package io.gamehall.launcher;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HelpTest
{
    @Test
    void shouldSummariseEveryCommandInACompleteSentence()
    {
        final CommandLine gamehall = Gamehall.commandLine(name -> null);
        for (final Map.Entry<String, CommandLine> command : gamehall.getSubcommands().entrySet())
        {
            if (command.getKey().equals("help"))
            {
                continue;
            }
            final CommandLine.Model.UsageMessageSpec usage = command.getValue().getCommandSpec().usageMessage();
            final String[] summary = usage.header().length > 0 ? usage.header() : usage.description();
            assertThat(summary).as(command.getKey()).isNotEmpty();
            assertThat(summary[0]).as("the summary of '" + command.getKey() + "' in 'gamehall --help'")
                .matches("[A-Z].*\\.");
        }
    }
}
