package org.jamesxmpp.core.s2s.codec;

/** RFC 6120 4.9.3 stream error conditions we send or recognize. */
public enum StreamErrorCondition {
    BAD_FORMAT("bad-format"),
    CONNECTION_TIMEOUT("connection-timeout"),
    HOST_UNKNOWN("host-unknown"),
    IMPROPER_ADDRESSING("improper-addressing"),
    INTERNAL_SERVER_ERROR("internal-server-error"),
    INVALID_FROM("invalid-from"),
    INVALID_NAMESPACE("invalid-namespace"),
    NOT_AUTHORIZED("not-authorized"),
    NOT_WELL_FORMED("not-well-formed"),
    POLICY_VIOLATION("policy-violation"),
    REMOTE_CONNECTION_FAILED("remote-connection-failed"),
    RESOURCE_CONSTRAINT("resource-constraint"),
    RESTRICTED_XML("restricted-xml"),
    SYSTEM_SHUTDOWN("system-shutdown"),
    UNDEFINED_CONDITION("undefined-condition"),
    UNSUPPORTED_STANZA_TYPE("unsupported-stanza-type"),
    UNSUPPORTED_VERSION("unsupported-version");

    public static final String NAMESPACE = "urn:ietf:params:xml:ns:xmpp-streams";

    private final String elementName;

    StreamErrorCondition(String elementName) {
        this.elementName = elementName;
    }

    public String elementName() {
        return elementName;
    }

    public static StreamErrorCondition fromElementName(String elementName) {
        for (StreamErrorCondition condition : values()) {
            if (condition.elementName.equals(elementName)) {
                return condition;
            }
        }
        return UNDEFINED_CONDITION;
    }

    public String toXml() {
        return "<stream:error><" + elementName + " xmlns='" + NAMESPACE + "'/></stream:error>";
    }
}
