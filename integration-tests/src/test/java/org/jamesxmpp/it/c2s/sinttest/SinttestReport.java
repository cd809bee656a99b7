package org.jamesxmpp.it.c2s.sinttest;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.common.collect.ImmutableSet;

/**
 * What a sinttest run printed, read from the log lines its framework writes per test ({@code INFO: Class.method
 * (Normal) Success}, {@code SEVERE: Class.method (Normal) Failed}) and per class it could not run
 * ({@code Could not run org...Class because: ...}).
 */
record SinttestReport(int exitStatus, Set<String> succeeded, Set<String> failed, Set<String> notPossible, String output) {
    private static final Pattern OUTCOME = Pattern.compile("^(?:INFO|SEVERE): (\\w+\\.\\w+) \\([\\w, -]+\\) (Success|Failed)$",
        Pattern.MULTILINE);
    private static final Pattern NOT_POSSIBLE = Pattern.compile("^INFO: Could not run [\\w.]*?\\.(\\w+) because: (.*)$",
        Pattern.MULTILINE);

    static SinttestReport parse(int exitStatus, String output) {
        ImmutableSet.Builder<String> succeeded = ImmutableSet.builder();
        ImmutableSet.Builder<String> failed = ImmutableSet.builder();
        Matcher outcome = OUTCOME.matcher(output);
        while (outcome.find()) {
            ("Success".equals(outcome.group(2)) ? succeeded : failed).add(outcome.group(1));
        }
        ImmutableSet.Builder<String> notPossible = ImmutableSet.builder();
        Matcher impossible = NOT_POSSIBLE.matcher(output);
        while (impossible.find()) {
            notPossible.add(impossible.group(1) + ": " + impossible.group(2).trim());
        }
        return new SinttestReport(exitStatus, succeeded.build(), failed.build(), notPossible.build(), output);
    }
}
