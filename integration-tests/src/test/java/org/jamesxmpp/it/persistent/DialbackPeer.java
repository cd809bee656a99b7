package org.jamesxmpp.it.persistent;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal s2s peer for one domain on raw sockets, whose every move the test decides: it takes any dialback key (its
 * listener answers James's {@code db:result} and {@code db:verify} with {@code valid}), acknowledges every stanza with
 * XEP-0198 and records the messages James sends; {@link #sendToJames} opens a stream of its own to James (dialback,
 * James verifying against the listener) and sends stanzas on it, e.g. a late error for a stanza it acknowledged.
 */
public final class DialbackPeer implements AutoCloseable {
    private static final Pattern TAG = Pattern.compile("<(/?[A-Za-z:]+)");
    private static final Pattern ID = Pattern.compile("\\sid=['\"]([^'\"]+)['\"]");
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final String domain;
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<String> received = new CopyOnWriteArrayList<>();

    private DialbackPeer(String domain, ServerSocket server) {
        this.domain = domain;
        this.server = server;
    }

    public static DialbackPeer start(String domain, InetSocketAddress address) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(address);
        DialbackPeer peer = new DialbackPeer(domain, server);
        peer.threads.execute(peer::acceptLoop);
        return peer;
    }

    /** The messages James sent, as written on the stream. */
    public List<String> received() {
        return List.copyOf(received);
    }

    public static Optional<String> id(String element) {
        Matcher matcher = ID.matcher(element.substring(0, element.indexOf('>') + 1));
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** Opens a stream from this domain to {@code jamesDomain} at {@code james}, authenticates it and sends {@code stanzas}. */
    public void sendToJames(InetSocketAddress james, String jamesDomain, String... stanzas) throws IOException {
        openToJames(james, jamesDomain).send(stanzas);
    }

    /** As {@link #sendToJames}, keeping the stream for more stanzas. */
    public StreamToJames openToJames(InetSocketAddress james, String jamesDomain) throws IOException {
        Socket socket = new Socket();
        open.add(socket);
        socket.connect(james);
        socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        write(out, header("from='" + domain + "' to='" + jamesDomain + "'"));
        readUntil(in, "</stream:features>");
        write(out, "<db:result from='" + domain + "' to='" + jamesDomain + "'>any-key</db:result>");
        readUntil(in, "type='valid'");
        return stanzas -> write(out, String.join("", stanzas));
    }

    /** An authenticated stream from the peer to James. */
    public interface StreamToJames {
        void send(String... stanzas) throws IOException;
    }

    private static String header(String addressing) {
        return "<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams'"
            + " xmlns:db='jabber:server:dialback' " + addressing + " version='1.0' id='peer-" + System.nanoTime() + "'>";
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    /** A stream James opened: to send stanzas to us, or to verify the key of the stream we opened to it. */
    private void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            StringBuilder seen = new StringBuilder();
            int position = 0;
            long handled = 0;
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                seen.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                Optional<int[]> next;
                while ((next = nextElement(seen, position)).isPresent()) {
                    String element = seen.substring(next.get()[0], next.get()[1]);
                    position = next.get()[1];
                    handled += answer(element, handled, out);
                }
            }
        } catch (IOException e) {
            // the connection ended
        } finally {
            open.remove(socket);
        }
    }

    /** Answers one element; returns 1 when it is a stanza XEP-0198 counts. */
    private int answer(String element, long handled, OutputStream out) throws IOException {
        if (element.startsWith("<stream:stream")) {
            write(out, header("from='" + domain + "'") + "<stream:features><dialback xmlns='urn:xmpp:features:dialback'/>"
                + "<sm xmlns='urn:xmpp:sm:3'/></stream:features>");
        } else if (element.startsWith("<db:result")) {
            write(out, "<db:result from='" + domain + "' to='james.test' type='valid'/>");
        } else if (element.startsWith("<db:verify")) {
            write(out, "<db:verify from='" + domain + "' to='james.test' id='" + id(element).orElse("") + "' type='valid'/>");
        } else if (element.startsWith("<enable")) {
            write(out, "<enabled xmlns='urn:xmpp:sm:3'/>");
        } else if (element.startsWith("<r ") || element.startsWith("<r/")) {
            write(out, "<a xmlns='urn:xmpp:sm:3' h='" + handled + "'/>");
        } else if (element.startsWith("<message")) {
            received.add(element);
            return 1;
        } else if (element.startsWith("<iq") || element.startsWith("<presence")) {
            return 1;
        }
        return 0;
    }

    /** Start and end of the next complete top-level element (or stream header) from {@code from}, if it arrived. */
    private static Optional<int[]> nextElement(StringBuilder seen, int from) {
        int start = seen.indexOf("<", from);
        while (start >= 0 && start + 1 < seen.length() && seen.charAt(start + 1) == '?') {
            int declarationEnd = seen.indexOf("?>", start);
            if (declarationEnd < 0) {
                return Optional.empty();
            }
            start = seen.indexOf("<", declarationEnd + 2);
        }
        if (start < 0) {
            return Optional.empty();
        }
        Matcher tag = TAG.matcher(seen).region(start, seen.length());
        int startTagEnd = seen.indexOf(">", start);
        if (!tag.lookingAt() || startTagEnd < 0) {
            return Optional.empty();
        }
        String name = tag.group(1);
        if (name.equals("stream:stream") || name.startsWith("/") || seen.charAt(startTagEnd - 1) == '/') {
            return Optional.of(new int[] {start, startTagEnd + 1});
        }
        int close = seen.indexOf("</" + name + ">", startTagEnd);
        return close < 0 ? Optional.empty() : Optional.of(new int[] {start, close + name.length() + 3});
    }

    private static void readUntil(InputStream in, String marker) throws IOException {
        StringBuilder seen = new StringBuilder();
        byte[] buffer = new byte[4096];
        int read;
        while ((read = in.read(buffer)) >= 0) {
            seen.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            if (seen.indexOf(marker) >= 0) {
                return;
            }
        }
        throw new IOException("stream ended before " + marker + ": " + seen);
    }

    private static void write(OutputStream out, String xml) throws IOException {
        out.write(xml.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        threads.shutdownNow();
    }
}
