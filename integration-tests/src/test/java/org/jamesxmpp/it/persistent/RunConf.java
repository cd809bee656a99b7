package org.jamesxmpp.it.persistent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A copy of the repository's {@code conf/} (what {@code bin/james-xmpp} runs by default) on free loopback ports, with
 * RemoteDelivery sent to an SMTP gateway on {@code 127.0.0.1:gatewayPort}, both remote deliveries retried every two
 * seconds, and {@code a.test} routed to {@code xmppPeer}.
 */
record RunConf(Path directory, int smtpPort, int submissionPort, int imapPort, int webAdminPort,
               InetSocketAddress xmppListener, InetSocketAddress xmppPeer, int gatewayPort) {
    static final String XMPP_PEER_DOMAIN = "a.test";
    static final String JAMES_XMPP_ADDRESS = "127.0.0.3";
    static final String XMPP_PEER_ADDRESS = "127.0.0.2";

    /** The XMPP listener on a free loopback port; {@code a.test} on a port nobody listens on. */
    static RunConf create(Path directory, int gatewayPort) throws IOException {
        return write(new RunConf(directory, freePort(), freePort(), freePort(), freePort(),
            new InetSocketAddress("127.0.0.1", freePort()), new InetSocketAddress("127.0.0.1", freePort()), gatewayPort));
    }

    /**
     * The XMPP listener on {@value #JAMES_XMPP_ADDRESS}:5269, {@code a.test} on {@value #XMPP_PEER_ADDRESS}:5269, where
     * a Prosody peer for it may run (Prosody finds the servers it talks to on port 5269).
     */
    static RunConf createForProsody(Path directory, int gatewayPort) throws IOException {
        return write(new RunConf(directory, freePort(), freePort(), freePort(), freePort(),
            new InetSocketAddress(JAMES_XMPP_ADDRESS, 5269), new InetSocketAddress(XMPP_PEER_ADDRESS, 5269), gatewayPort));
    }

    private static RunConf write(RunConf conf) throws IOException {
        conf.write();
        return conf;
    }

    static Path repositoryConf() {
        Path conf = Path.of("").toAbsolutePath().getParent().resolve("conf");
        if (!Files.isRegularFile(conf.resolve("james-database.properties"))) {
            throw new IllegalStateException("not the repository's conf/: " + conf);
        }
        return conf;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    private void write() throws IOException {
        Path source = repositoryConf();
        Files.createDirectories(directory);
        try (Stream<Path> files = Files.list(source)) {
            files.filter(Files::isRegularFile).forEach(file -> copy(file, directory.resolve(file.getFileName())));
        }
        replace("smtpserver.xml", "<bind>0.0.0.0:25</bind>", "<bind>127.0.0.1:" + smtpPort + "</bind>");
        replace("smtpserver.xml", "<bind>0.0.0.0:587</bind>", "<bind>127.0.0.1:" + submissionPort + "</bind>");
        replace("imapserver.xml", "<bind>0.0.0.0:143</bind>", "<bind>127.0.0.1:" + imapPort + "</bind>");
        replace("webadmin.properties", "port=8000", "port=" + webAdminPort);
        replace("xmpp.xml", "<bind>0.0.0.0:5269</bind>",
            "<bind>" + xmppListener.getHostString() + ":" + xmppListener.getPort() + "</bind>");
        replace("xmpp.xml", "<bind>0.0.0.0:5222</bind>", "<bind>127.0.0.1:" + freePort() + "</bind>");
        replace("xmpp.xml", "<routes>", "<routes><route domain=\"" + XMPP_PEER_DOMAIN + "\" host=\""
            + xmppPeer.getHostString() + "\" port=\"" + xmppPeer.getPort() + "\"/>");
        replace("xmpp.xml", "</xmpp>",
            "<streams><reconnectBackoff>1s</reconnectBackoff><reconnectBackoffCap>2s</reconnectBackoffCap></streams></xmpp>");
        replace("mailetcontainer.xml", "<delayTime>1 minute, 5 minutes, 30 minutes, 2 hours, 6 hours</delayTime>",
            "<delayTime>30*2 seconds</delayTime>");
        replace("mailetcontainer.xml", "<maxRetries>5</maxRetries>", "<maxRetries>30</maxRetries>");
        replace("mailetcontainer.xml", "<outgoing>outgoing</outgoing>",
            "<outgoing>outgoing</outgoing><gateway>127.0.0.1</gateway><gatewayPort>" + gatewayPort + "</gatewayPort>");
        replace("mailetcontainer.xml", "<delayTime>5000, 100000, 500000</delayTime>", "<delayTime>30*2000</delayTime>");
        replace("mailetcontainer.xml", "<maxRetries>3</maxRetries>", "<maxRetries>30</maxRetries>");
    }

    /** Points the server at another database ({@code james-database.properties}). */
    void replaceDatabaseProperties(String properties) {
        try {
            Files.writeString(directory.resolve("james-database.properties"), properties);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void replace(String file, String from, String to) throws IOException {
        Path path = directory.resolve(file);
        String content = Files.readString(path);
        if (!content.contains(from)) {
            throw new IllegalStateException(file + " no longer contains " + from);
        }
        Files.writeString(path, content.replace(from, to));
    }

    private static void copy(Path from, Path to) {
        try {
            Files.copy(from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
