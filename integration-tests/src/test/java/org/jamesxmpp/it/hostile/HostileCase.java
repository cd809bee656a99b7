package org.jamesxmpp.it.hostile;

/**
 * One row of the hostile-input table (docs/security.md): what a peer sends, what must happen, and the check that
 * does both against the running listener.
 */
record HostileCase(String category, String name, String input, String expected, Check check) {
    @FunctionalInterface
    interface Check {
        void run(CaseRun run) throws Exception;
    }

    @Override
    public String toString() {
        return name;
    }
}
