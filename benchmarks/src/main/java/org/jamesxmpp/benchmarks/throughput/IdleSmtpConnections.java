package org.jamesxmpp.benchmarks.throughput;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** SMTP connections to James held open after the greeting and EHLO, to weigh against idle s2s streams. */
final class IdleSmtpConnections implements AutoCloseable {
    private final List<SmtpSession> sessions = new ArrayList<>();

    void open(int port, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            sessions.add(SmtpSession.open(port));
        }
    }

    /** Every connection must still answer: NOOP on each. */
    int answering() {
        int answering = 0;
        for (SmtpSession session : sessions) {
            try {
                session.noop();
                answering++;
            } catch (IOException ignored) {
                // closed by James: not counted
            }
        }
        return answering;
    }

    @Override
    public void close() throws IOException {
        for (SmtpSession session : sessions) {
            session.close();
        }
        sessions.clear();
    }
}
