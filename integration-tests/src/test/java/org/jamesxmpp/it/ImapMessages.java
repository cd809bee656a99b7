package org.jamesxmpp.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.mail.MessagingException;
import javax.mail.Session;
import javax.mail.internet.MimeMessage;

/**
 * Reads whole messages over IMAP byte for byte, as a mail client does. (commons-net's IMAP client assumes every
 * line of a literal ends in CRLF and loses its place otherwise.)
 */
public class ImapMessages implements AutoCloseable {
    private static final Pattern LITERAL = Pattern.compile("\\{(\\d+)}$");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private int tag;

    public static ImapMessages login(int port, String user, String password) throws IOException {
        ImapMessages imap = new ImapMessages(new Socket("127.0.0.1", port));
        imap.readLine();
        imap.command("LOGIN \"" + user + "\" \"" + password + "\"");
        return imap;
    }

    private ImapMessages(Socket socket) throws IOException {
        this.socket = socket;
        this.socket.setSoTimeout(10_000);
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /**
     * The raw RFC 5322 bytes of message {@code sequence} in {@code mailbox}. A message another session already saw
     * may take a moment to show in this one: the mailbox is selected again until it does, for a few seconds.
     */
    public byte[] raw(String mailbox, int sequence) throws IOException {
        IOException missing = new IOException("no message " + sequence + " in " + mailbox);
        for (int attempt = 0; attempt < 50; attempt++) {
            Optional<byte[]> message = fetch(mailbox, sequence);
            if (message.isPresent()) {
                return message.get();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        throw missing;
    }

    private Optional<byte[]> fetch(String mailbox, int sequence) throws IOException {
        command("SELECT \"" + mailbox + "\"");
        String currentTag = send("FETCH " + sequence + " BODY.PEEK[]");
        byte[] message = null;
        while (true) {
            String line = readLine();
            Matcher literal = LITERAL.matcher(line);
            if (literal.find() && message == null) {
                message = in.readNBytes(Integer.parseInt(literal.group(1)));
            } else if (line.startsWith(currentTag + " ")) {
                if (!line.startsWith(currentTag + " OK")) {
                    throw new IOException("FETCH " + sequence + " in " + mailbox + " failed: " + line);
                }
                return Optional.ofNullable(message);
            }
        }
    }

    public String text(String mailbox, int sequence) throws IOException {
        return new String(raw(mailbox, sequence), StandardCharsets.UTF_8);
    }

    public MimeMessage parsed(String mailbox, int sequence) throws IOException, MessagingException {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw(mailbox, sequence)));
    }

    private void command(String command) throws IOException {
        String currentTag = send(command);
        while (true) {
            String line = readLine();
            if (line.startsWith(currentTag + " ")) {
                if (!line.startsWith(currentTag + " OK")) {
                    throw new IOException(command + " failed: " + line);
                }
                return;
            }
        }
    }

    private String send(String command) throws IOException {
        String currentTag = "t" + (++tag);
        out.write((currentTag + " " + command + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
        return currentTag;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int current = in.read();
            if (current < 0) {
                throw new IOException("IMAP server closed the connection");
            }
            if (previous == '\r' && current == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(current);
            previous = current;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
