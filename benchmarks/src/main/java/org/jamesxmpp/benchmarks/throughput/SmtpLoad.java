package org.jamesxmpp.benchmarks.throughput;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.IntFunction;

/**
 * A multi-session SMTP load generator like postfix's {@code smtp-source -s N}: each session reuses its connection
 * for its share of the mails. Returns once every mail got its 250 after the data.
 */
final class SmtpLoad {
    private SmtpLoad() {
    }

    /** @return mails accepted */
    static int send(int port, int sessions, int count, String sender, IntFunction<String> recipient, IntFunction<String> mail)
            throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(sessions);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int session = 0; session < sessions; session++) {
                int first = session;
                results.add(executor.submit(() -> session(port, sessions, count, first, sender, recipient, mail)));
            }
            int accepted = 0;
            for (Future<Integer> result : results) {
                accepted += result.get();
            }
            return accepted;
        } finally {
            executor.shutdownNow();
        }
    }

    /**
     * Starts one mail every 1/perSecond s over {@code sessions} reused connections (a mail waits for a free one);
     * returns when each was scheduled, once every mail got its 250; throws if any was refused.
     */
    static long[] sendAtRate(int port, int sessions, int perSecond, int count, String sender, IntFunction<String> recipient,
                             IntFunction<String> mail) throws Exception {
        BlockingQueue<Integer> next = new LinkedBlockingQueue<>();
        ExecutorService executor = Executors.newFixedThreadPool(sessions);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int session = 0; session < sessions; session++) {
                results.add(executor.submit(() -> {
                    try (SmtpSession connection = SmtpSession.open(port)) {
                        int accepted = 0;
                        for (int i = next.take(); i >= 0; i = next.take()) {
                            connection.send(sender, recipient.apply(i), mail.apply(i));
                            accepted++;
                        }
                        connection.quit();
                        return accepted;
                    }
                }));
            }
            long[] scheduled = FixedRate.run(perSecond, count, next::add);
            for (int session = 0; session < sessions; session++) {
                next.add(-1);
            }
            int accepted = 0;
            for (Future<Integer> result : results) {
                accepted += result.get();
            }
            InboundThroughput.check(accepted, count, "SMTP accepted");
            return scheduled;
        } finally {
            executor.shutdownNow();
        }
    }

    private static int session(int port, int sessions, int count, int first, String sender, IntFunction<String> recipient,
                               IntFunction<String> mail) throws IOException {
        try (SmtpSession session = SmtpSession.open(port)) {
            int accepted = 0;
            for (int i = first; i < count; i += sessions) {
                session.send(sender, recipient.apply(i), mail.apply(i));
                accepted++;
            }
            session.quit();
            return accepted;
        }
    }
}
