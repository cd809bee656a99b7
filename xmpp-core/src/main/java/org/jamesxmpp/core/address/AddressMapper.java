package org.jamesxmpp.core.address;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Domainpart;
import org.jxmpp.jid.parts.Localpart;
import org.jxmpp.stringprep.XmppStringprepException;
import org.jxmpp.util.XmppStringUtils;

import com.google.common.net.InetAddresses;

/**
 * One address on both networks: {@code bob@james.test} is the mail address and the bare JID.
 * Local parts that are not valid JID localparts are escaped with XEP-0106.
 */
public final class AddressMapper {
    private static final int MAX_PART_BYTES = 1023;

    private AddressMapper() {
    }

    public static EntityBareJid toJid(MailAddress address) throws UnmappableAddressException {
        if (address == null || address.isNullSender()) {
            throw new UnmappableAddressException("<>", "the null sender has no JID");
        }
        String localPart = unquote(address.getLocalPart());
        String domain = address.getDomain().asString();
        if (domain.startsWith("[") || InetAddresses.isInetAddress(domain)) {
            throw new UnmappableAddressException(address.asString(), "domain literals have no JID form");
        }
        if (localPart.isEmpty()) {
            throw new UnmappableAddressException(address.asString(), "empty local part");
        }
        if (localPart.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new UnmappableAddressException(address.asString(), "control characters in the local part");
        }
        try {
            Localpart localpart = Localpart.from(XmppStringUtils.escapeLocalpart(localPart));
            Domainpart domainpart = Domainpart.from(domain.toLowerCase(Locale.ROOT));
            return JidCreate.entityBareFrom(localpart, domainpart);
        } catch (XmppStringprepException | IllegalArgumentException e) {
            throw new UnmappableAddressException(address.asString(), "not a valid JID: " + e.getMessage());
        }
    }

    public static MailAddress toMailAddress(Jid jid) throws UnmappableAddressException {
        if (jid == null) {
            throw new UnmappableAddressException("", "no JID");
        }
        EntityBareJid bare = jid.asEntityBareJidIfPossible();
        if (bare == null) {
            throw new UnmappableAddressException(jid.toString(), "a JID without local part has no mail address");
        }
        String localPart = XmppStringUtils.unescapeLocalpart(bare.getLocalpart().toString());
        String domain = bare.getDomain().toString();
        if (localPart.getBytes(StandardCharsets.UTF_8).length > MAX_PART_BYTES
            || localPart.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new UnmappableAddressException(jid.toString(), "local part cannot be a mail local part");
        }
        try {
            return new MailAddress(mailLocalPart(localPart), domain);
        } catch (AddressException | IllegalArgumentException e) {
            throw new UnmappableAddressException(jid.toString(), "not a valid mail address: " + e.getMessage());
        }
    }

    private static String mailLocalPart(String localPart) {
        if (isDotAtom(localPart)) {
            return localPart;
        }
        return '"' + localPart.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static boolean isDotAtom(String value) {
        if (value.isEmpty() || value.startsWith(".") || value.endsWith(".") || value.contains("..")) {
            return false;
        }
        return value.chars().allMatch(c -> c >= 0x80 || Character.isLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~.".indexOf(c) >= 0);
    }

    private static String unquote(String localPart) {
        if (localPart.length() >= 2 && localPart.startsWith("\"") && localPart.endsWith("\"")) {
            StringBuilder builder = new StringBuilder(localPart.length());
            for (int i = 1; i < localPart.length() - 1; i++) {
                char c = localPart.charAt(i);
                if (c == '\\' && i + 1 < localPart.length() - 1) {
                    i++;
                    c = localPart.charAt(i);
                }
                builder.append(c);
            }
            return builder.toString();
        }
        return localPart;
    }
}
