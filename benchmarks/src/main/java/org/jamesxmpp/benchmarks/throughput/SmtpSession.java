package org.jamesxmpp.benchmarks.throughput;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One SMTP client connection to James on loopback, reused for many mails. */
final class SmtpSession implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    private SmtpSession(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        this.out = socket.getOutputStream();
    }

    /** Connected and greeted (EHLO answered). */
    static SmtpSession open(int port) throws IOException {
        SmtpSession session = new SmtpSession(new Socket("127.0.0.1", port));
        session.expect("220");
        session.command("EHLO load.test", "250");
        return session;
    }

    /** Returns once the mail got its 250 after the data; throws on any other reply. */
    void send(String sender, String recipient, String mail) throws IOException {
        command("MAIL FROM:<" + sender + ">", "250");
        command("RCPT TO:<" + recipient + ">", "250");
        command("DATA", "354");
        out.write((mail + "\r\n.\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        expect("250");
    }

    void noop() throws IOException {
        command("NOOP", "250");
    }

    void quit() throws IOException {
        command("QUIT", "221");
    }

    private void command(String command, String code) throws IOException {
        out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(code);
    }

    private void expect(String code) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("connection closed while waiting for " + code);
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        if (!line.startsWith(code)) {
            throw new IOException("expected " + code + ", got: " + line);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
