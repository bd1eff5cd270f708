package io.gamehall.launcher;

import java.util.function.Function;

/**
 * A command that reads environment variables (its secrets, {@link SecretResolver}): the command
 * line hands it the process environment, tests an environment of their own.
 */
interface ReadsEnvironment
{
    /**
     * @param environment reads a variable; null when it is not set.
     */
    void environment(Function<String, String> environment);
}
