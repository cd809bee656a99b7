package org.jamesxmpp.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * An s2s peer that does STARTTLS (RFC 6120 5.4) and nothing else: header, {@code <starttls/>}, TLS handshake
 * accepting any certificate (it reports the one served), then the header again on the encrypted stream. For tests
 * of what a listener serves, as {@code openssl s_client -starttls xmpp-server} would show it.
 */
public final class StartTlsProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** What the listener served: its certificate, the TLS protocol, and its features before and after TLS. */
    public record Result(X509Certificate certificate, String protocol, String featuresInClear, String featuresOverTls) {
    }

    private StartTlsProbe() {
    }

    public static Result run(InetSocketAddress listener, String from, String to) {
        try (Socket plain = new Socket()) {
            plain.connect(listener, (int) TIMEOUT.toMillis());
            plain.setSoTimeout(200);
            send(plain, RawS2sStream.streamHeader(from, to));
            String clear = readUntil(plain, "</stream:features>");
            send(plain, "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
            readUntil(plain, "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
            try (SSLSocket tls = (SSLSocket) trustingAll().getSocketFactory()
                .createSocket(plain, listener.getHostString(), listener.getPort(), false)) {
                tls.setUseClientMode(true);
                tls.setSoTimeout(200);
                tls.startHandshake();
                X509Certificate certificate = (X509Certificate) tls.getSession().getPeerCertificates()[0];
                send(tls, RawS2sStream.streamHeader(from, to));
                String overTls = readUntil(tls, "</stream:features>");
                return new Result(certificate, tls.getSession().getProtocol(), features(clear), features(overTls));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String features(String received) {
        int start = received.lastIndexOf("<stream:features");
        return start < 0 ? received : received.substring(start);
    }

    private static SSLContext trustingAll() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(Socket socket, String xml) throws IOException {
        socket.getOutputStream().write(xml.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** Reads until {@code marker} came; fails naming what came instead (at the end of the stream or the timeout). */
    private static String readUntil(Socket socket, String marker) throws IOException {
        StringBuilder received = new StringBuilder();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        byte[] buffer = new byte[8192];
        InputStream input = socket.getInputStream();
        while (received.indexOf(marker) < 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Expected " + marker + " within " + TIMEOUT + ", received: " + received);
            }
            try {
                int read = input.read(buffer);
                if (read < 0) {
                    throw new AssertionError("Closed before " + marker + ", received: " + received);
                }
                received.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            } catch (SocketTimeoutException e) {
                // read again until the deadline
            }
        }
        return received.toString();
    }
}
