package org.jamesxmpp.core.s2s.codec;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** The fixed bits of XML we write on s2s streams. */
public final class StreamXml {
    public static final String TLS_NAMESPACE = "urn:ietf:params:xml:ns:xmpp-tls";
    public static final String SASL_NAMESPACE = "urn:ietf:params:xml:ns:xmpp-sasl";
    public static final String SM_NAMESPACE = "urn:xmpp:sm:3";
    /** XEP-0198's {@code h} counts stanzas modulo 2^32. */
    public static final long SM_H_MASK = 0xFFFFFFFFL;
    public static final String DIALBACK_FEATURE_NAMESPACE = "urn:xmpp:features:dialback";
    public static final String STANZA_ERROR_NAMESPACE = "urn:ietf:params:xml:ns:xmpp-stanzas";
    public static final String PING_NAMESPACE = "urn:xmpp:ping";
    public static final String CLOSE = "</stream:stream>";

    private StreamXml() {
    }

    public static String header(String from, Optional<String> to, Optional<String> id) {
        StringBuilder out = new StringBuilder(256)
            .append("<?xml version='1.0'?><stream:stream xmlns='jabber:server'")
            .append(" xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback'")
            .append(" from='");
        Xml.escapeAttribute(from, out);
        out.append('\'');
        to.ifPresent(value -> out.append(" to='").append(Xml.escapeAttribute(value)).append('\''));
        id.ifPresent(value -> out.append(" id='").append(Xml.escapeAttribute(value)).append('\''));
        return out.append(" version='1.0'>").toString();
    }

    /** A header for a peer whose stream header was unusable: no addresses. */
    public static String anonymousHeader(String id) {
        return "<?xml version='1.0'?><stream:stream xmlns='jabber:server'"
            + " xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback'"
            + " id='" + Xml.escapeAttribute(id) + "' version='1.0'>";
    }

    public static String dialbackResult(String from, String to, String key) {
        return XmlBuilder.element("db:result").attribute("from", from).attribute("to", to).text(key).toXml();
    }

    public static String dialbackResultType(String from, String to, String type) {
        return "<db:result from='" + Xml.escapeAttribute(from) + "' to='" + Xml.escapeAttribute(to)
            + "' type='" + type + "'/>";
    }

    public static String dialbackResultError(String from, String to, String condition) {
        return "<db:result from='" + Xml.escapeAttribute(from) + "' to='" + Xml.escapeAttribute(to)
            + "' type='error'><error type='cancel'><" + condition + " xmlns='" + STANZA_ERROR_NAMESPACE
            + "'/></error></db:result>";
    }

    public static String dialbackVerify(String from, String to, String id, String key) {
        return XmlBuilder.element("db:verify").attribute("from", from).attribute("to", to).attribute("id", id)
            .text(key).toXml();
    }

    public static String dialbackVerifyType(String from, String to, String id, String type) {
        return "<db:verify from='" + Xml.escapeAttribute(from) + "' to='" + Xml.escapeAttribute(to)
            + "' id='" + Xml.escapeAttribute(id) + "' type='" + type + "'/>";
    }

    /** An XEP-0199 ping. */
    public static String ping(String from, String to, String id) {
        return XmlBuilder.element("iq").attribute("type", "get").attribute("from", from).attribute("to", to)
            .attribute("id", id).child(XmlBuilder.element(PING_NAMESPACE, "ping")).toXml();
    }

    /** RFC 6120 5.4.2.1: asks the receiving server to start TLS. */
    public static String startTls() {
        return XmlBuilder.element(TLS_NAMESPACE, "starttls").toXml();
    }

    /** XEP-0178: SASL EXTERNAL with our domain as authorization identity. */
    public static String saslExternal(String authorizationIdentity) {
        return XmlBuilder.element(SASL_NAMESPACE, "auth").attribute("mechanism", "EXTERNAL")
            .text(Base64.getEncoder().encodeToString(authorizationIdentity.getBytes(StandardCharsets.UTF_8))).toXml();
    }

    /** XEP-0198 {@code <enable/>}, without resumption. */
    public static String enableStreamManagement() {
        return XmlBuilder.element(SM_NAMESPACE, "enable").toXml();
    }

    /** XEP-0198 {@code <r/>}. */
    public static String ackRequest() {
        return XmlBuilder.element(SM_NAMESPACE, "r").toXml();
    }

    /** The empty result of an iq, e.g. the answer to a ping. */
    public static String iqResult(String from, String to, String id) {
        return "<iq type='result' from='" + Xml.escapeAttribute(from) + "' to='" + Xml.escapeAttribute(to)
            + "' id='" + Xml.escapeAttribute(id) + "'/>";
    }

    public static String stanzaError(String kind, String from, String to, Optional<String> id,
                                     String errorType, String condition) {
        StringBuilder out = new StringBuilder(256).append('<').append(kind)
            .append(" from='").append(Xml.escapeAttribute(from))
            .append("' to='").append(Xml.escapeAttribute(to)).append('\'');
        id.ifPresent(value -> out.append(" id='").append(Xml.escapeAttribute(value)).append('\''));
        return out.append(" type='error'><error type='").append(errorType).append("'><").append(condition)
            .append(" xmlns='").append(STANZA_ERROR_NAMESPACE).append("'/></error></").append(kind).append('>')
            .toString();
    }

    /** {@code <stream:error>} with its condition, as sent before {@link #CLOSE}. */
    public static String streamError(StreamErrorCondition condition) {
        return XmlBuilder.element("stream:error")
            .child(XmlBuilder.element(StreamErrorCondition.NAMESPACE, condition.elementName()))
            .toXml();
    }

    /** {@code <stream:features>} holding the given features, in order. */
    public static String features(List<XmlBuilder> features) {
        XmlBuilder out = XmlBuilder.element("stream:features");
        features.forEach(out::child);
        return out.toXml();
    }

    public static XmlBuilder startTlsFeature(boolean required) {
        XmlBuilder startTls = XmlBuilder.element(TLS_NAMESPACE, "starttls");
        return required ? startTls.child(XmlBuilder.element("required")) : startTls;
    }

    public static XmlBuilder saslMechanismsFeature(List<String> mechanisms) {
        XmlBuilder out = XmlBuilder.element(SASL_NAMESPACE, "mechanisms");
        mechanisms.forEach(mechanism -> out.child(XmlBuilder.element("mechanism").text(mechanism)));
        return out;
    }

    /** XEP-0220's feature, announcing that we understand dialback errors. */
    public static XmlBuilder dialbackFeature() {
        return XmlBuilder.element(DIALBACK_FEATURE_NAMESPACE, "dialback").child(XmlBuilder.element("errors"));
    }

    public static XmlBuilder streamManagementFeature() {
        return XmlBuilder.element(SM_NAMESPACE, "sm");
    }

    public static String startTlsProceed() {
        return XmlBuilder.element(TLS_NAMESPACE, "proceed").toXml();
    }

    public static String startTlsFailure() {
        return XmlBuilder.element(TLS_NAMESPACE, "failure").toXml();
    }

    public static String saslSuccess() {
        return XmlBuilder.element(SASL_NAMESPACE, "success").toXml();
    }

    /** @param condition an RFC 6120 6.5 SASL error condition, e.g. {@code not-authorized} */
    public static String saslFailure(String condition) {
        return XmlBuilder.element(SASL_NAMESPACE, "failure").child(XmlBuilder.element(condition)).toXml();
    }

    public static String streamManagementEnabled() {
        return XmlBuilder.element(SM_NAMESPACE, "enabled").toXml();
    }

    /** @param stanzaErrorCondition why XEP-0198 could not be enabled, e.g. {@code unexpected-request} */
    public static String streamManagementFailed(String stanzaErrorCondition) {
        return XmlBuilder.element(SM_NAMESPACE, "failed")
            .child(XmlBuilder.element(STANZA_ERROR_NAMESPACE, stanzaErrorCondition))
            .toXml();
    }

    /** An XEP-0198 answer: {@code h} stanzas handled. */
    public static String streamManagementAck(long handled) {
        return XmlBuilder.element(SM_NAMESPACE, "a").attribute("h", Long.toString(handled)).toXml();
    }
}
