package org.jamesxmpp.mailets.remote.delivery;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import javax.mail.internet.MimeMessage;
import javax.mail.internet.MimeMultipart;

/** Reads the parts of a DSN in tests. */
public final class DsnParts {
    private DsnParts() {
    }

    public static String deliveryStatus(MimeMessage dsn) throws Exception {
        return part(dsn, 1);
    }

    public static String returnedOriginal(MimeMessage dsn) throws Exception {
        return part(dsn, 2);
    }

    private static String part(MimeMessage dsn, int index) throws Exception {
        MimeMultipart parts = (MimeMultipart) dsn.getContent();
        try (InputStream in = parts.getBodyPart(index).getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
