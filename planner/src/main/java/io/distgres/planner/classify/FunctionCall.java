package io.distgres.planner.classify;

import static java.util.Objects.requireNonNull;

/**
 * A statement that is nothing but a call of one function: {@code SELECT f(args)} or
 * {@code SELECT * FROM f(args)}.
 *
 * @param name      the function name, lower-cased unless quoted
 * @param arguments the argument list's text exactly as written, without the parentheses
 */
public record FunctionCall(String name, String arguments) {
    public FunctionCall {
        requireNonNull(name, "name is null");
        requireNonNull(arguments, "arguments is null");
    }
}
