package org.jamesxmpp.it.faults;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;

/**
 * A DNS server on one loopback UDP port that answers each name as the test says: an SRV record, SERVFAIL, or
 * nothing at all (the client times out). Names it was not told about get NXDOMAIN. Counts the queries per name.
 */
final class FakeDnsServer implements AutoCloseable {
    enum Answer { SERVFAIL, SILENCE }

    private final DatagramSocket socket;
    private final Map<String, Object> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> queries = new ConcurrentHashMap<>();
    private final Thread thread;

    private FakeDnsServer(DatagramSocket socket) {
        this.socket = socket;
        this.thread = new Thread(this::serve, "fake-dns");
        this.thread.setDaemon(true);
    }

    static FakeDnsServer start(String address) throws SocketException, IOException {
        FakeDnsServer server = new FakeDnsServer(new DatagramSocket(new InetSocketAddress(InetAddress.getByName(address), 0)));
        server.thread.start();
        return server;
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    void answer(String name, Answer answer) {
        answers.put(normalized(name), answer);
    }

    /** {@code name} has one SRV record pointing at {@code target:port}. */
    void srv(String name, String target, int port) {
        answers.put(normalized(name), new Target(target, port));
    }

    int queries(String name) {
        return queries.getOrDefault(normalized(name), new AtomicInteger()).get();
    }

    private record Target(String host, int port) {
    }

    private static String normalized(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower : lower + ".";
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                Record question = query.getQuestion();
                String name = question.getName().toString().toLowerCase(Locale.ROOT);
                queries.computeIfAbsent(name, any -> new AtomicInteger()).incrementAndGet();
                Object answer = answers.get(name);
                if (answer == Answer.SILENCE) {
                    continue;
                }
                Message response = new Message(query.getHeader().getID());
                response.getHeader().setFlag(Flags.QR);
                response.getHeader().setFlag(Flags.AA);
                response.addRecord(question, Section.QUESTION);
                if (answer instanceof Target target) {
                    response.addRecord(new SRVRecord(question.getName(), DClass.IN, 60, 0, 0, target.port(),
                        Name.fromString(target.host() + ".")), Section.ANSWER);
                } else {
                    response.getHeader().setRcode(answer == Answer.SERVFAIL ? Rcode.SERVFAIL : Rcode.NXDOMAIN);
                }
                byte[] wire = response.toWire();
                socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        socket.close();
        thread.join(5_000);
    }
}
