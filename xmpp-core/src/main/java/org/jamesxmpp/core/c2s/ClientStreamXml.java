package org.jamesxmpp.core.c2s;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.jamesxmpp.core.s2s.codec.StreamXml;
import org.jamesxmpp.core.s2s.codec.Xml;

/** The fixed bits of XML we write on client streams (the stanzas themselves go through the shared codec). */
public final class ClientStreamXml {
    static final String BIND_NAMESPACE = "urn:ietf:params:xml:ns:xmpp-bind";
    static final String SESSION_NAMESPACE = "urn:ietf:params:xml:ns:xmpp-session";

    private ClientStreamXml() {
    }

    static String header(String from, String id) {
        return "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
            + " from='" + Xml.escapeAttribute(from) + "' id='" + Xml.escapeAttribute(id) + "' version='1.0'>";
    }

    static String anonymousHeader(String id) {
        return "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
            + " id='" + Xml.escapeAttribute(id) + "' version='1.0'>";
    }

    /** The features of a stream in {@code state}: STARTTLS (when offered), then SASL, then binding, then none. */
    static String features(C2sStreamHandler.State state, boolean tlsOffered, boolean tlsRequired, boolean scram) {
        return switch (state) {
            case CONNECTED -> tlsOffered ? startTlsFeatures(tlsRequired, scram) : saslFeatures(scram);
            case SECURED -> saslFeatures(scram);
            case AUTHENTICATED -> bindFeatures();
            case BOUND, CLOSED -> emptyFeatures();
        };
    }

    static String startTlsFeatures(boolean required, boolean scram) {
        return "<stream:features><starttls xmlns='" + StreamXml.TLS_NAMESPACE + "'>" + (required ? "<required/>" : "")
            + "</starttls>" + (required ? "" : mechanisms(scram)) + "</stream:features>";
    }

    static String saslFeatures(boolean scram) {
        return "<stream:features>" + mechanisms(scram) + "</stream:features>";
    }

    static String bindFeatures() {
        return "<stream:features><bind xmlns='" + BIND_NAMESPACE + "'/><session xmlns='" + SESSION_NAMESPACE
            + "'><optional/></session><sm xmlns='" + StreamXml.SM_NAMESPACE + "'/>" + RosterXml.VERSIONING_FEATURE
            + "</stream:features>";
    }

    static String emptyFeatures() {
        return "<stream:features/>";
    }

    private static String fromAttribute(Optional<String> from) {
        return from.map(value -> " from='" + Xml.escapeAttribute(value) + "'").orElse("");
    }

    private static String mechanisms(boolean scram) {
        return "<mechanisms xmlns='" + StreamXml.SASL_NAMESPACE + "'>"
            + (scram ? "<mechanism>" + ScramSha512.MECHANISM + "</mechanism>" : "")
            + "<mechanism>" + SaslPlain.MECHANISM + "</mechanism></mechanisms>";
    }

    static String proceed() {
        return "<proceed xmlns='" + StreamXml.TLS_NAMESPACE + "'/>";
    }

    static String saslSuccess() {
        return "<success xmlns='" + StreamXml.SASL_NAMESPACE + "'/>";
    }

    /** A success carrying additional data (SCRAM's server final message), base64. */
    static String saslSuccess(String data) {
        return "<success xmlns='" + StreamXml.SASL_NAMESPACE + "'>" + base64(data) + "</success>";
    }

    static String saslChallenge(String data) {
        return "<challenge xmlns='" + StreamXml.SASL_NAMESPACE + "'>" + base64(data) + "</challenge>";
    }

    private static String base64(String data) {
        return Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8));
    }

    static String saslFailure(String condition) {
        return "<failure xmlns='" + StreamXml.SASL_NAMESPACE + "'><" + condition + "/></failure>";
    }

    static String bindResult(String id, String jid) {
        return "<iq type='result' id='" + Xml.escapeAttribute(id) + "'><bind xmlns='" + BIND_NAMESPACE + "'><jid>"
            + Xml.escapeText(jid) + "</jid></bind></iq>";
    }

    /** An iq result from the server: {@code from} is the request's {@code to}, absent when it had none (RFC 6120 8.1.2.1). */
    public static String iqResult(String id, Optional<String> from, String payload) {
        return "<iq type='result' id='" + Xml.escapeAttribute(id) + "'" + fromAttribute(from) + ">" + payload + "</iq>";
    }

    /** The end of an XEP-0313 query: XEP-0059 first/last ids of the page and the count of all matches. */
    public static String archiveFin(String id, Optional<String> first, Optional<String> last, int count, boolean complete) {
        String page = first.isEmpty() ? "<count>" + count + "</count>"
            : "<first>" + Xml.escapeText(first.get()) + "</first><last>" + Xml.escapeText(last.orElseThrow())
            + "</last><count>" + count + "</count>";
        return "<iq type='result' id='" + Xml.escapeAttribute(id) + "'><fin xmlns='" + ArchiveQuery.NAMESPACE + "'"
            + (complete ? " complete='true'" : "") + "><set xmlns='" + ArchiveQuery.RSM_NAMESPACE + "'>" + page
            + "</set></fin></iq>";
    }

    static String iqError(String id, String errorType, String condition) {
        return stanzaError("iq", id, Optional.empty(), errorType, condition);
    }

    /** A stanza error from the server to the client; {@code kind} is message, presence or iq. */
    public static String stanzaError(String kind, String id, Optional<String> from, String errorType, String condition) {
        return "<" + kind + " type='error' id='" + Xml.escapeAttribute(id) + "'" + fromAttribute(from) + "><error type='"
            + errorType + "'><"
            + condition + " xmlns='" + StreamXml.STANZA_ERROR_NAMESPACE + "'/></error></" + kind + ">";
    }

    /** XEP-0198 {@code <enabled/>}; with an id the session can be resumed for {@code max} seconds. */
    static String streamManagementEnabled(Optional<String> resumptionId, long max) {
        return "<enabled xmlns='" + StreamXml.SM_NAMESPACE + "'" + resumptionId
            .map(id -> " id='" + Xml.escapeAttribute(id) + "' resume='true' max='" + max + "'").orElse("") + "/>";
    }

    /** XEP-0198 {@code <resumed/>}: the server handled {@code h} of the client's stanzas. */
    static String streamManagementResumed(String previd, long h) {
        return "<resumed xmlns='" + StreamXml.SM_NAMESPACE + "' h='" + h + "' previd='" + Xml.escapeAttribute(previd) + "'/>";
    }
}
